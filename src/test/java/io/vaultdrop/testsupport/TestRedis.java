package io.vaultdrop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.opentest4j.TestAbortedException;

/**
 * The Redis server tests use: {@code VAULTDROP_TEST_REDIS_URL}, by default database 15 of the
 * server at 127.0.0.1:6379. Without one the test is skipped (a JUnit assumption); with {@code
 * CI=true} it fails instead.
 */
public final class TestRedis {

  private static final String URL = env("VAULTDROP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15");

  private TestRedis() {}

  /** The server's URL, after checking that it answers {@code PING}. */
  public static String url() {
    if (!answers()) {
      String message = "No Redis server answers at " + URL;
      if (DatabaseServers.onCi()) {
        throw new IllegalStateException(message + " (CI=true: .ci/run starts one)");
      }
      throw new TestAbortedException(message);
    }
    return URL;
  }

  private static boolean answers() {
    URI uri = URI.create(URL);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = in.readNBytes(7);
      return new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
