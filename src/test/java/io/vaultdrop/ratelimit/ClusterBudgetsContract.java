package io.vaultdrop.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.VaultdropApplication;
import io.vaultdrop.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one database (database storage) count against the same budgets: failed logins of one
 * account and the share downloads of one client address, whichever node answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterBudgetsContract {

  private static final String ADMIN = "admin@cluster.example.org";
  private static final String PASSWORD = "Correct-Horse-Battery-" + new SecureRandom().nextInt();
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataA;
  @TempDir Path dataB;

  protected ConfigurableApplicationContext a;
  protected ConfigurableApplicationContext b;

  /** The database both nodes share. */
  protected abstract TestDatabase database();

  /** Arguments both nodes get on top of the common ones (e.g. where budgets live). */
  protected abstract List<String> budgetStore();

  @BeforeAll
  void startTwoNodes() {
    byte[] masterKey = new byte[32];
    new SecureRandom().nextBytes(masterKey);
    String key = Base64.getEncoder().encodeToString(masterKey);
    a = start(dataA, key);
    b = start(dataB, key);
  }

  @AfterAll
  void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  void fiveFailedLoginsAcrossBothNodes_lockTheAccountOnEither() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(token(i % 2 == 0 ? a : b, "wrong-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> onA = token(a, "wrong-again");
    HttpResponse<String> onB = token(b, PASSWORD);
    assertThat(onA.statusCode()).isEqualTo(429);
    assertThat(onB.statusCode()).isEqualTo(429);
    assertThat(onB.headers().firstValue("Retry-After")).isPresent();
    assertThat(onB.body()).contains("rate_limited");
  }

  @Test
  void shareDownloadsOfOneAddress_countOnBothNodes() throws Exception {
    String token = createShare(a);
    assertThat(download(a, token).statusCode()).isEqualTo(200);
    assertThat(download(b, token).statusCode()).isEqualTo(200);
    assertThat(download(a, token).statusCode()).isEqualTo(200);
    assertThat(download(b, token).statusCode()).isEqualTo(429);
    assertThat(download(a, token).statusCode()).isEqualTo(429);
  }

  private ConfigurableApplicationContext start(Path dataDir, String masterKey) {
    TestDatabase database = database();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--vaultdrop.data-dir=" + dataDir,
                "--vaultdrop.master-key=" + masterKey,
                "--vaultdrop.scheduling.enabled=false",
                "--vaultdrop.storage.type=database",
                "--vaultdrop.admin.email=" + ADMIN,
                "--vaultdrop.admin.password=" + PASSWORD,
                "--vaultdrop.shares.rate-limits.downloads-per-minute=3",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()));
    args.addAll(budgetStore());
    return new SpringApplicationBuilder(VaultdropApplication.class)
        .run(args.toArray(String[]::new));
  }

  private static URI uri(ConfigurableApplicationContext node, String path) {
    return URI.create(
        "http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port") + path);
  }

  private static HttpResponse<String> token(ConfigurableApplicationContext node, String password)
      throws Exception {
    String json = "{\"email\":\"" + ADMIN + "\",\"password\":\"" + password + "\"}";
    return http.send(
        HttpRequest.newBuilder(uri(node, "/api/v1/auth/token"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String createShare(ConfigurableApplicationContext node) throws Exception {
    String boundary = "cluster-budgets-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"maxDownloads\"\r\n\r\n10\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nshared across nodes\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(uri(node, "/api/v1/shares"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
    assertThat(token.find()).isTrue();
    return token.group(1);
  }

  private static HttpResponse<String> download(ConfigurableApplicationContext node, String token)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(node, "/api/v1/shares/" + token + "/download"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
