package io.vaultdrop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.testsupport.ClusterNodes;
import io.vaultdrop.testsupport.FormLogin;
import io.vaultdrop.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Two complete nodes on one database and one blob store, as a load balancer without sticky sessions
 * would use them: a browser's requests land on either node. Subclasses pick the database and the
 * blob store. (Login throttling and download budgets across nodes are not shown here yet.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodeClusterContract {

  private static final String PASSWORD = "correct horse battery";
  private static final String BOUNDARY = "cluster-test-boundary-7d1e";
  private static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
  private static final Pattern SHARE_ACTION = Pattern.compile("action=\"(/share\\?_csrf=[^\"]+)\"");
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private final SecureRandom random = new SecureRandom();
  private Path data;
  private ClusterNodes nodes;

  abstract TestDatabase database();

  abstract ClusterNodes.Storage storage();

  @BeforeAll
  void startNodes() throws Exception {
    data = Files.createTempDirectory("vaultdrop-cluster");
    nodes =
        ClusterNodes.start(
            2,
            database(),
            storage(),
            data,
            // The budgets are per node today; this test is about sessions and data, not limits.
            "--vaultdrop.shares.rate-limits.anonymous-creates-per-hour=100000",
            "--vaultdrop.shares.rate-limits.reads-per-minute=100000",
            "--vaultdrop.shares.rate-limits.downloads-per-minute=100000");
  }

  @AfterAll
  void stopNodes() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
    FileSystemUtils.deleteRecursively(data);
  }

  @Test
  void formLoginOnA_servesPagesOnB_andLogoutOnB_endsItOnA() throws Exception {
    String email = "c" + System.nanoTime() + "@example.org";
    nodes.bean(0, AccountService.class).createUser(email, PASSWORD, Role.MEMBER, null, null);

    FormLogin.Result login = FormLogin.post(http, nodes.url(0), email, PASSWORD);
    assertThat(login.response().statusCode()).isEqualTo(302);
    String session = login.session();

    HttpResponse<String> accountOnB = get(nodes.url(1) + "/account", session);
    assertThat(accountOnB.statusCode()).isEqualTo(200);
    assertThat(accountOnB.body()).contains(email);
    assertThat(get(nodes.url(1) + "/vault", session).statusCode()).isEqualTo(200);
    // B served it with A's session: it issued no cookie of its own, and A still knows the browser.
    assertThat(accountOnB.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("vaultdrop_session="));
    assertThat(get(nodes.url(0) + "/account", session).statusCode()).isEqualTo(200);

    HttpResponse<String> logout =
        postForm(
            nodes.url(1) + "/logout",
            session,
            "_csrf=" + enc(FormLogin.csrfToken(accountOnB.body())));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));

    HttpResponse<String> accountOnA = get(nodes.url(0) + "/account", session);
    assertThat(accountOnA.statusCode()).isEqualTo(302);
    assertThat(accountOnA.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  /** A password change handled by node A ends the account's session on node B too. */
  @Test
  void passwordChangeOnA_endsTheSessionOnB() throws Exception {
    String email = "c" + System.nanoTime() + "@example.org";
    AccountService accounts = nodes.bean(0, AccountService.class);
    String id = accounts.createUser(email, PASSWORD, Role.MEMBER, null, null).id();
    String session = FormLogin.post(http, nodes.url(1), email, PASSWORD).session();
    assertThat(get(nodes.url(1) + "/account", session).statusCode()).isEqualTo(200);

    accounts.changePassword(id, PASSWORD, "a brand new passphrase", null);

    assertThat(get(nodes.url(1) + "/account", session).statusCode()).isEqualTo(302);
  }

  @Test
  void anonymousShareForm_renderedByA_postsToB() throws Exception {
    byte[] content = bytes(40_000);
    byte[] body = multipart(content, "expiresIn", "3600", "maxDownloads", "1");

    // A visitor with a session (the login page made one on A): A's share form carries the CSRF
    // token, B refuses the post without it and accepts it with A's token from the shared session.
    String session = FormLogin.sessionCookie(get(nodes.url(0) + "/login", null));
    HttpResponse<String> form = get(nodes.url(0) + "/share", session);
    assertThat(form.statusCode()).isEqualTo(200);
    Matcher action = SHARE_ACTION.matcher(form.body());
    assertThat(action.find()).as("the form posts with its CSRF token in the query").isTrue();
    assertThat(postMultipart(nodes.url(1) + "/share", session, body).statusCode()).isEqualTo(403);
    HttpResponse<String> created =
        postMultipart(nodes.url(1) + action.group(1).replace("&amp;", "&"), session, body);
    assertThat(created.statusCode()).isEqualTo(201);
    Matcher token = TOKEN.matcher(created.body());
    assertThat(token.find()).isTrue();
    assertThat(apiDownload(0, token.group(1)).body()).isEqualTo(content);

    // A visitor without a session (the home page makes none) posts without a token, to any node.
    HttpResponse<String> sessionless = postMultipart(nodes.url(1) + "/share", null, body);
    assertThat(sessionless.statusCode()).isEqualTo(201);
  }

  @Test
  void landingPageDownloadForm_renderedByA_postsToB() throws Exception {
    byte[] content = bytes(30_000);
    String token = createShare(0, content);

    HttpResponse<String> landing = get(nodes.url(0) + "/s/" + token, null);
    assertThat(landing.statusCode()).isEqualTo(200);
    String session = FormLogin.sessionCookie(landing);
    String form = "_csrf=" + enc(FormLogin.csrfToken(landing.body()));

    assertThat(postForm(nodes.url(1) + "/s/" + token + "/download", null, form).statusCode())
        .isEqualTo(403);
    HttpResponse<byte[]> claimed =
        http.send(
            formRequest(nodes.url(1) + "/s/" + token + "/download", session, form),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(claimed.statusCode()).isEqualTo(303);

    // The claim made on B is served by the GET it redirects to, on A too (its resume token is in
    // the database), and resumes there with Range.
    String location = claimed.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> rest =
        http.send(
            HttpRequest.newBuilder(URI.create(nodes.url(0) + location))
                .header("Range", "bytes=100-")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(rest.statusCode()).isEqualTo(206);
    assertThat(rest.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 100, content.length));
  }

  /**
   * Fifty one-time links, each created on alternating nodes and raced by two downloads on each node
   * released at once: every link is served exactly once, in full; the others get 404.
   */
  @Test
  void oneTimeLink_racedAcrossBothNodes_isServedExactlyOnce() throws Exception {
    byte[] content = bytes(20_000);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int round = 0; round < 50; round++) {
        String token = createShare(round % 2, content);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          int node = i % 2;
          results.add(
              threads.submit(
                  () -> {
                    go.await();
                    return apiDownload(node, token);
                  }));
        }
        go.countDown();
        int served = 0;
        for (Future<HttpResponse<byte[]>> result : results) {
          HttpResponse<byte[]> response = result.get(60, TimeUnit.SECONDS);
          if (response.statusCode() == 200) {
            served++;
            assertThat(response.body()).isEqualTo(content);
          } else {
            assertThat(response.statusCode()).as("round %d", round).isEqualTo(404);
          }
        }
        assertThat(served).as("downloads served in round %d", round).isOne();
      }
    }
  }

  /**
   * The object sweep of both nodes, started at the same moment, runs on one: the test holds an
   * exclusive lock on the table the sweep reads, so node A's sweep (which took the cluster lock)
   * blocks inside; node B's call then returns while A's is still blocked, which it could not do if
   * B had run the sweep too. Once the table is free, A's sweep completes.
   */
  @Test
  void objectSweep_runsOnOneNodeAtATime() throws Exception {
    JdbcClient jdbc = JdbcClient.create(database().dataSource());
    Object lockedBefore = lockedAt(jdbc);
    ObjectSweeper onA = nodes.bean(0, ObjectSweeper.class);
    ObjectSweeper onB = nodes.bean(1, ObjectSweeper.class);
    // Each sweep on a thread of its own (the common pool may have a single thread on 2 cores).
    // The blocking connection is not pooled: closing it surely releases the table, and it is
    // closed before the executor waits for the sweeps, so a failure cannot hang the test.
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    CompletableFuture<Void> sweepA;
    try (Connection blocker =
        DriverManager.getConnection(
            database().url(), database().username(), database().password())) {
      lockTable(blocker);
      sweepA = CompletableFuture.runAsync(onA::sweep, threads);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Objects.equals(lockedAt(jdbc), lockedBefore) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(lockedAt(jdbc))
          .as("node A took the sweep's cluster lock")
          .isNotEqualTo(lockedBefore);

      CompletableFuture<Void> sweepB = CompletableFuture.runAsync(onB::sweep, threads);
      assertThat(sweepB)
          .as("node B's sweep returns while A's holds the lock")
          .succeedsWithin(Duration.ofSeconds(60));
      assertThat(sweepA).as("node A's sweep is still running").isNotDone();
    }
    assertThat(sweepA)
        .as("node A's sweep completes once the table is free")
        .succeedsWithin(Duration.ofSeconds(60));
    threads.close();
  }

  private @org.jspecify.annotations.Nullable Object lockedAt(JdbcClient jdbc) {
    return jdbc.sql("SELECT locked_at FROM shedlock WHERE name = 'objects-sweep'")
        .query((rs, row) -> rs.getTimestamp(1))
        .optional()
        .orElse(null);
  }

  /** Locks the sweep's table until {@code connection} closes. */
  private void lockTable(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement()) {
      if (database().kind() == TestDatabase.Kind.POSTGRESQL) {
        connection.setAutoCommit(false);
        statement.execute("LOCK TABLE stored_objects IN ACCESS EXCLUSIVE MODE");
      } else {
        statement.execute("LOCK TABLES stored_objects WRITE");
      }
    }
  }

  private String createShare(int node, byte[] content) throws Exception {
    HttpResponse<String> created =
        postMultipart(
            nodes.url(node) + "/api/v1/shares",
            null,
            multipart(content, "expiresIn", "3600", "maxDownloads", "1"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher token = TOKEN.matcher(created.body());
    assertThat(token.find()).isTrue();
    return token.group(1);
  }

  private HttpResponse<byte[]> apiDownload(int node, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(nodes.url(node) + "/api/v1/shares/" + token + "/download"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> get(String url, @org.jspecify.annotations.Nullable String session)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("User-Agent", BROWSER).GET();
    if (session != null) {
      request.header("Cookie", "vaultdrop_session=" + session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postForm(
      String url, @org.jspecify.annotations.Nullable String session, String form) throws Exception {
    return http.send(formRequest(url, session, form), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest formRequest(
      String url, @org.jspecify.annotations.Nullable String session, String form) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("User-Agent", BROWSER)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (session != null) {
      request.header("Cookie", "vaultdrop_session=" + session);
    }
    return request.build();
  }

  private HttpResponse<String> postMultipart(
      String url, @org.jspecify.annotations.Nullable String session, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("User-Agent", BROWSER)
            .header("Accept", "application/json")
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (session != null) {
      request.header("Cookie", "vaultdrop_session=" + session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A multipart body: the fields (name, value, ...) first, then one file part. */
  private static byte[] multipart(byte[] content, String... fields) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < fields.length; i += 2) {
      body.writeBytes(
          ("--"
                  + BOUNDARY
                  + "\r\nContent-Disposition: form-data; name=\""
                  + fields[i]
                  + "\"\r\n\r\n"
                  + fields[i + 1]
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"cluster.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  private byte[] bytes(int size) {
    byte[] content = new byte[size];
    random.nextBytes(content);
    return content;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
