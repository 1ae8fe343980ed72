package io.vaultdrop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port of its own, in front of a real server (a database), that a
 * fault test can take down and bring back: {@link #cut()} resets every connection and refuses new
 * ones, as a database host that died or a network that broke; {@link #resume()} accepts again on
 * the same port.
 *
 * <pre>{@code
 * TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
 * String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/db";
 * proxy.cut(); ... proxy.resume();
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private ServerSocket server;

  public TcpProxy(String targetHost, int targetPort) {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = listen(0);
    this.port = server.getLocalPort();
  }

  /** The loopback port clients connect to; the same after {@link #resume()}. */
  public int port() {
    return port;
  }

  /** Every open connection is reset and new ones are refused. */
  public synchronized void cut() {
    closeQuietly(server);
    for (Socket socket : sockets) {
      reset(socket);
    }
    sockets.clear();
  }

  /** Accepts connections again. */
  public synchronized void resume() {
    if (server.isClosed()) {
      server = listen(port);
    }
  }

  @Override
  public void close() {
    cut();
  }

  private ServerSocket listen(int localPort) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
      Thread.ofVirtual().name("tcp-proxy-accept").start(() -> accept(socket));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + localPort, e);
    }
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        return; // closed by cut()
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(target, 5_000);
      } catch (IOException e) {
        reset(client);
        continue;
      }
      synchronized (this) {
        if (listening.isClosed()) {
          reset(client);
          reset(upstream);
          return;
        }
        sockets.add(client);
        sockets.add(upstream);
      }
      pump(client, upstream);
      pump(upstream, client);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .name("tcp-proxy-pump")
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side went away
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            });
  }

  /** Closes with an RST, as a connection to a dead host ends. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // closed already
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing left to do
    }
  }
}
