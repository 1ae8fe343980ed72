package io.vaultdrop.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An SMTP server that accepts connections and then says nothing (a hung relay, a firewall that
 * swallows packets): registering still answers at once, and the mail thread gives up after the
 * configured timeout instead of waiting forever (JavaMail's default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SilentSmtpServerTest {

  private static final ServerSocket SILENT = listen();
  private static final BlockingQueue<Socket> CONNECTIONS = new LinkedBlockingQueue<>();

  @LocalServerPort int port;
  @Autowired JavaMailSenderImpl mailSender;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SILENT::getLocalPort);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:silent-smtp-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    registry.add("vaultdrop.data-dir", Files.createTempDirectory("vaultdrop-smtp")::toString);
  }

  private static ServerSocket listen() {
    try {
      ServerSocket server = new ServerSocket(0);
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                while (!server.isClosed()) {
                  try {
                    CONNECTIONS.add(server.accept()); // and never a greeting
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void close() throws IOException {
    SILENT.close();
    for (Socket socket : CONNECTIONS) {
      socket.close();
    }
  }

  @Test
  void registering_answersAtOnce_andTheMailGivesUpAfterItsTimeout() throws Exception {
    HttpRequest register =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/register"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"email\":\"silent"
                        + System.nanoTime()
                        + "@example.org\",\"password\":\"correct horse battery\"}"))
            .build();
    HttpResponse<String> answer =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> {
              try (HttpClient http = HttpClient.newHttpClient()) {
                return http.send(register, HttpResponse.BodyHandlers.ofString());
              }
            },
            "registration waited for the SMTP server");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);

    // The mail was tried: the server got a connection, and the client hangs up on its own.
    Socket connection = CONNECTIONS.poll(10, TimeUnit.SECONDS);
    assertThat(connection).as("the verification mail was attempted").isNotNull();
    connection.setSoTimeout(25_000);
    long start = System.nanoTime();
    try (InputStream in = connection.getInputStream()) {
      assertThat(in.read()).as("the mail client closed the connection").isEqualTo(-1);
    } catch (SocketException reset) {
      // A reset is a hang-up too.
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void theMailSender_hasConnectReadAndWriteTimeouts() {
    assertThat(mailSender.getJavaMailProperties())
        .containsEntry("mail.smtp.connectiontimeout", "5000")
        .containsEntry("mail.smtp.timeout", "10000")
        .containsEntry("mail.smtp.writetimeout", "10000");
  }
}
