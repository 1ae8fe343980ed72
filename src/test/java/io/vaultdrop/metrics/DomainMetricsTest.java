package io.vaultdrop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.testsupport.PrometheusText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vaultdrop's domain metrics as a scraper sees them: real uploads and downloads through the HTTP
 * API move the counters of their feature by exactly one file and its exact size; a refused request,
 * a damaged object and a sweep are counted; the gauges follow the database; no label names a path.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.metrics.token=" + DomainMetricsTest.SCRAPE_TOKEN,
      "vaultdrop.max-upload-size=2MB",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000",
      "vaultdrop.shares.rate-limits.reads-per-minute=" + DomainMetricsTest.READS_PER_MINUTE
    })
@Import(AccountsWebTestSupport.ClockConfig.class)
class DomainMetricsTest extends AccountsWebTestSupport {

  static final String SCRAPE_TOKEN = "metrics-test-scrape-token-0123456789";
  static final int READS_PER_MINUTE = 3;
  private static final String BOUNDARY = "metrics-test-boundary-4b1d";
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ACCESS = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

  @LocalServerPort int port;
  @Autowired MutableClock clock;
  @Autowired ObjectSweeper sweeper;
  @Autowired AccountService accounts;
  @Autowired BlobStore blobs;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private final Random random = new Random(17);

  // ------------------------------------------------------------------ transfers

  @Test
  void shareUploadAndDownload_countOneFileEach_withItsExactBytes() throws Exception {
    byte[] content = bytes(70_001);
    PrometheusText before = scrape();

    String token = createShare(content, Map.of());
    PrometheusText afterUpload = scrape();
    assertThat(delta(before, afterUpload, "vaultdrop_uploads_total", "feature", "shares"))
        .isEqualTo(1);
    assertThat(bytesDelta(before, afterUpload, "shares", "upload")).isEqualTo(content.length);
    assertThat(delta(before, afterUpload, "vaultdrop_downloads_total", "feature", "shares"))
        .isZero();

    HttpResponse<byte[]> download = post("/api/v1/shares/" + token + "/download");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              PrometheusText after = scrape();
              assertThat(delta(before, after, "vaultdrop_downloads_total", "feature", "shares"))
                  .isEqualTo(1);
              assertThat(bytesDelta(before, after, "shares", "download")).isEqualTo(content.length);
            });
  }

  @Test
  void vaultUploadAndDownload_countUnderTheVault_notUnderShares() throws Exception {
    String bearer = signIn();
    byte[] content = bytes(200_003);
    PrometheusText before = scrape();

    String id = uploadToVault(bearer, content);
    HttpResponse<byte[]> download = get("/api/v1/files/" + id + "/content", bearer);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              PrometheusText after = scrape();
              assertThat(delta(before, after, "vaultdrop_uploads_total", "feature", "vault"))
                  .isEqualTo(1);
              assertThat(delta(before, after, "vaultdrop_downloads_total", "feature", "vault"))
                  .isEqualTo(1);
              assertThat(bytesDelta(before, after, "vault", "upload")).isEqualTo(content.length);
              assertThat(bytesDelta(before, after, "vault", "download")).isEqualTo(content.length);
              assertThat(delta(before, after, "vaultdrop_uploads_total", "feature", "shares"))
                  .isZero();
            });
  }

  @Test
  void resumableUpload_countsOnce_underTheFeatureThatClaimsIt() throws Exception {
    byte[] content = bytes(150_007);
    PrometheusText before = scrape();
    String upload = startResumableUpload(content.length);
    HttpResponse<String> patched =
        http.send(
            HttpRequest.newBuilder(URI.create(upload))
                .header("Tus-Resumable", "1.0.0")
                .header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", "0")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(patched.statusCode()).isEqualTo(204);
    PrometheusText received = scrape();
    assertThat(delta(before, received, "vaultdrop_uploads_total", "feature", "shares")).isZero();

    String uploadId = upload.substring(upload.lastIndexOf('/') + 1);
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/shares"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"uploadId\":\"" + uploadId + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    PrometheusText after = scrape();
    assertThat(delta(before, after, "vaultdrop_uploads_total", "feature", "shares")).isEqualTo(1);
    assertThat(bytesDelta(before, after, "shares", "upload")).isEqualTo(content.length);
    // The chunks were a stage, not a transfer of their own; reading them back is no download.
    assertThat(after.series("vaultdrop_uploads_total"))
        .noneMatch(labels -> "uploads".equals(labels.get("feature")));
    assertThat(after.series("vaultdrop_transfer_bytes_total"))
        .noneMatch(labels -> "uploads".equals(labels.get("feature")));
    assertThat(after.series("vaultdrop_downloads_total"))
        .noneMatch(labels -> "uploads".equals(labels.get("feature")));
  }

  @Test
  void refusedUpload_countsNoUpload_norBytesBeyondTheLimit() throws Exception {
    String bearer = signIn();
    PrometheusText before = scrape();
    // The vault refuses a file beyond the upload limit while it streams (413).
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/files"))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        multipart(Map.of(), bytes(3 * 1024 * 1024))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(413);
    PrometheusText after = scrape();
    assertThat(delta(before, after, "vaultdrop_uploads_total", "feature", "vault")).isZero();
    assertThat(bytesDelta(before, after, "vault", "upload")).isBetween(0.0, 2.0 * 1024 * 1024);
  }

  // ------------------------------------------------------------------ refusals and failures

  @Test
  void rateLimitedRequests_areCountedByPolicyAndFeature() throws Exception {
    String token = createShare(bytes(10), Map.of());
    PrometheusText before = scrape();
    int refused = 0;
    for (int i = 0; i < READS_PER_MINUTE + 2; i++) {
      int status = get("/api/v1/shares/" + token, null).statusCode();
      assertThat(status).isIn(200, 429);
      if (status == 429) {
        refused++;
      }
    }
    assertThat(refused).isGreaterThanOrEqualTo(2);
    PrometheusText after = scrape();
    assertThat(
            delta(
                before,
                after,
                "vaultdrop_rate_limited_total",
                "feature",
                "shares",
                "policy",
                "share-read"))
        .isEqualTo(refused);
  }

  @Test
  void aDamagedObject_countsOneDecryptionFailureOfItsFeature() throws Exception {
    String bearer = signIn();
    String id = uploadToVault(bearer, bytes(100_000));
    BlobId blob =
        BlobId.parse(
            jdbc.sql("SELECT blob_id FROM vault_files WHERE id = ?")
                .param(id)
                .query(String.class)
                .single());
    byte[] stored;
    try (InputStream in = blobs.open(blob)) {
      stored = in.readAllBytes();
    }
    stored[stored.length - 1] ^= 1; // the last segment no longer authenticates
    blobs.delete(blob);
    blobs.put(blob, new ByteArrayInputStream(stored));
    PrometheusText before = scrape();

    try {
      get("/api/v1/files/" + id + "/content", bearer);
    } catch (IOException cut) {
      // the server cuts the response when the damage is found mid-body
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              PrometheusText after = scrape();
              assertThat(
                      delta(
                          before, after, "vaultdrop_decryption_failures_total", "feature", "vault"))
                  .isEqualTo(1);
              assertThat(delta(before, after, "vaultdrop_downloads_total", "feature", "vault"))
                  .isZero();
            });
  }

  @Test
  void sweepingAnExpiredShare_countsOneSweptItemOfShares() throws Exception {
    createShare(bytes(10), Map.of("expiresIn", "60"));
    PrometheusText before = scrape();
    clock.advance(Duration.ofMinutes(2));
    sweeper.sweep();
    PrometheusText after = scrape();
    assertThat(
            delta(
                before,
                after,
                "vaultdrop_swept_objects_total",
                "feature",
                "shares",
                "reason",
                "expired"))
        .isEqualTo(1);
  }

  // ------------------------------------------------------------------ gauges and labels

  @Test
  void gauges_followTheDatabase_onceTheirCacheAges() throws Exception {
    clock.advance(ClusterGauge.MAX_AGE.plusSeconds(1));
    PrometheusText before = scrape();
    createShare(bytes(10), Map.of());
    String upload = startResumableUpload(1000);

    // Cached: a scrape right away still reports the old counts.
    assertThat(scrape().value("vaultdrop_active_shares"))
        .isEqualTo(before.value("vaultdrop_active_shares"));
    clock.advance(ClusterGauge.MAX_AGE.plusSeconds(1));
    PrometheusText after = scrape();
    assertThat(delta(before, after, "vaultdrop_active_shares")).isEqualTo(1);
    assertThat(delta(before, after, "vaultdrop_pending_uploads")).isEqualTo(1);

    HttpResponse<String> deleted =
        http.send(
            HttpRequest.newBuilder(URI.create(upload))
                .header("Tus-Resumable", "1.0.0")
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(204);
    clock.advance(ClusterGauge.MAX_AGE.plusSeconds(1));
    assertThat(delta(before, scrape(), "vaultdrop_pending_uploads")).isZero();
  }

  /**
   * Every feature the contract names has its series before its first event (this class never
   * touches capsules, the tool or the library), so a dashboard shows 0, not "no data".
   */
  @Test
  void everyContractFeature_hasItsSeriesFromStartUp() throws Exception {
    PrometheusText scrape = scrape();
    for (String feature : List.of("shares", "capsules", "tool", "vault", "library")) {
      for (String metric :
          List.of(
              "vaultdrop_uploads_total",
              "vaultdrop_downloads_total",
              "vaultdrop_decryption_failures_total")) {
        assertThat(scrape.series(metric)).as(metric).contains(Map.of("feature", feature));
      }
      for (String direction : List.of("upload", "download")) {
        assertThat(scrape.series("vaultdrop_transfer_bytes_total"))
            .contains(Map.of("feature", feature, "direction", direction));
      }
    }
  }

  @Test
  void noLabel_namesAPath_andTheDiskMetricsStay() throws Exception {
    PrometheusText scrape = scrape();
    assertThat(scrape.labelNames()).doesNotContain("path");
    assertThat(scrape.series("disk_free_bytes")).containsExactly(Map.of());
    assertThat(scrape.value("disk_total_bytes")).isPositive();
    assertThat(scrape.text()).doesNotContain(System.getProperty("java.io.tmpdir"));
  }

  // ------------------------------------------------------------------ dashboard

  /** PromQL words that are no metric: aggregations, functions, keywords. */
  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "count",
          "rate",
          "irate",
          "increase",
          "histogram_quantile",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset");

  private static final Set<String> DOMAIN_METRICS =
      Set.of(
          "vaultdrop_uploads_total",
          "vaultdrop_downloads_total",
          "vaultdrop_transfer_bytes_total",
          "vaultdrop_rate_limited_total",
          "vaultdrop_decryption_failures_total",
          "vaultdrop_swept_objects_total",
          "vaultdrop_active_shares",
          "vaultdrop_pending_uploads");

  @Test
  void dashboard_queriesOnlyMetricsTheServerExposes_andShowsEveryDomainMetric() throws Exception {
    // Every domain counter has counted once, so every series exists.
    shareUploadAndDownload_countOneFileEach_withItsExactBytes();
    rateLimitedRequests_areCountedByPolicyAndFeature();
    aDamagedObject_countsOneDecryptionFailureOfItsFeature();
    sweepingAnExpiredShare_countsOneSweptItemOfShares();
    get("/no-such-page", null);
    Set<String> exposed = scrape().names();

    JsonNode dashboard =
        JsonMapper.builder().build().readTree(Path.of("docs/grafana/vaultdrop.json").toFile());
    List<String> queries = dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
    assertThat(queries).hasSizeGreaterThan(10);
    Set<String> used = new TreeSet<>();
    queries.forEach(query -> used.addAll(metricNames(query)));

    assertThat(used).containsAll(DOMAIN_METRICS);
    assertThat(used)
        .contains("http_server_requests_seconds_count", "http_server_requests_seconds_bucket");
    assertThat(exposed).containsAll(used);
  }

  /** The metric names in a PromQL expression (words outside labels, ranges and strings). */
  static Set<String> metricNames(String query) {
    String bare =
        query
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher word = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?").matcher(bare);
    while (word.find()) {
      String name = word.group().replaceAll("[\\s(]", "");
      if (word.group(1) == null && !PROMQL_WORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  // ------------------------------------------------------------------ helpers

  PrometheusText scrape() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", "Bearer " + SCRAPE_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new PrometheusText(response.body());
  }

  static double delta(
      PrometheusText before, PrometheusText after, String name, String... labelPairs) {
    return after.value(name, labelPairs) - before.value(name, labelPairs);
  }

  static double bytesDelta(
      PrometheusText before, PrometheusText after, String feature, String direction) {
    return delta(
        before,
        after,
        "vaultdrop_transfer_bytes_total",
        "direction",
        direction,
        "feature",
        feature);
  }

  byte[] bytes(int size) {
    byte[] content = new byte[size];
    random.nextBytes(content);
    return content;
  }

  String createShare(byte[] content, Map<String, String> fields) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/shares"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(fields, content)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return group(TOKEN, created.body());
  }

  String signIn() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return group(ACCESS, response.body());
  }

  String uploadToVault(String bearer, byte[] content) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/files"))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(Map.of(), content)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return group(ID, created.body());
  }

  /** Starts an anonymous tus upload; returns its absolute URL. */
  String startResumableUpload(long length) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/uploads"))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(length))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return uri("/").resolve(created.headers().firstValue("Location").orElseThrow()).toString();
  }

  HttpResponse<byte[]> get(String path, @Nullable String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> post(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  static byte[] multipart(Map<String, String> fields, byte[] content) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach(
        (name, value) ->
            body.writeBytes(
                ("--"
                        + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\""
                        + name
                        + "\"\r\n\r\n"
                        + value
                        + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }
}
