package io.vaultdrop.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.library.LibraryHttp.Caller;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples.Method;
import io.vaultdrop.objects.internal.ObjectSweeper;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.Eventually;
import io.vaultdrop.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The library API over real HTTP: the contract of every endpoint, what is refused and why, the
 * download link's binding and lifetime, replacement and removal, the history and what is left in
 * storage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AccountsWebTestSupport.ClockConfig.class)
@TestPropertySource(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.max-upload-size=4MB",
      "vaultdrop.library.rate-limits.links-per-minute=5"
    })
class LibraryApiTest extends AccountsWebTestSupport {

  private static final String LIBRARY_OBJECTS = "stored_objects WHERE feature = 'library'";

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;
  @Autowired ObjectSweeper sweeper;

  LibraryHttp http;
  Caller operator;
  Caller member;
  String memberEmail;

  @BeforeEach
  void users() throws Exception {
    http = new LibraryHttp(port);
    operator = http.bearer(user(Role.OPERATOR).email(), PASSWORD);
    Account m = user(Role.MEMBER);
    memberEmail = m.email();
    member = http.bearer(memberEmail, PASSWORD);
  }

  @Test
  void publish_list_link_download_followTheContract() throws Exception {
    byte[] docx = OoxmlSamples.docx("contract").bytes();
    HttpResponse<String> created =
        http.upload("POST", "/api/v1/library", operator, "Quarterly report.docx", docx);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode document = LibraryHttp.json(created.body());
    String id = document.get("id").asString();
    assertThat(document.get("name").asString()).isEqualTo("Quarterly report.docx");
    assertThat(document.get("size").asLong()).isEqualTo(docx.length);
    assertThat(document.get("createdAt").asString()).isEqualTo(millis(clock.instant()));
    assertThat(document.get("kind").asString()).isEqualTo("docx");

    HttpResponse<String> list = http.call("GET", "/api/v1/library", member);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode listed = find(LibraryHttp.json(list.body()), id);
    assertThat(listed.get("name").asString()).isEqualTo("Quarterly report.docx");
    assertThat(listed.get("size").asLong()).isEqualTo(docx.length);
    assertThat(listed.get("createdAt").isString()).isTrue();

    HttpResponse<String> link =
        http.call("POST", "/api/v1/library/" + id + "/download-link", member);
    assertThat(link.statusCode()).isEqualTo(200);
    JsonNode linkBody = LibraryHttp.json(link.body());
    assertThat(linkBody.get("message").asString()).isEqualTo("success");
    String url = linkBody.get("download-link").asString();
    assertThat(url).startsWith("http://localhost:" + port + "/api/v1/library/downloads/");
    assertThat(linkBody.get("expiresAt").asString())
        .isEqualTo(millis(clock.instant().plus(Duration.ofMinutes(10))));

    HttpResponse<byte[]> file = http.get(url, member);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(docx);
    assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment")
        .contains("filename*=UTF-8''Quarterly%20report.docx");
    assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(file.headers().firstValue("Content-Length")).hasValue(String.valueOf(docx.length));
    assertThat(file.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    // Operators and administrators may fetch links too.
    HttpResponse<String> own =
        http.call("POST", "/api/v1/library/" + id + "/download-link", operator);
    String operatorUrl = LibraryHttp.json(own.body()).get("download-link").asString();
    assertThat(http.get(operatorUrl, operator).body()).isEqualTo(docx);

    HttpResponse<String> one = http.call("GET", "/api/v1/library/" + id, member);
    assertThat(LibraryHttp.json(one.body()).get("revision").asInt()).isEqualTo(1);
  }

  @Test
  void everyKind_isPublished_andComesBackByteForByte() throws Exception {
    for (String[] sample :
        new String[][] {{"a.xlsx", "xlsx"}, {"b.pptx", "pptx"}, {"C.DOCX", "docx"}}) {
      byte[] bytes =
          switch (sample[1]) {
            case "xlsx" -> OoxmlSamples.xlsx("sheet").all(Method.DEFLATED_STREAMED).bytes();
            case "pptx" -> OoxmlSamples.pptx("slides").all(Method.STORED).bytes();
            default -> OoxmlSamples.docx("upper case name").bytes();
          };
      HttpResponse<String> created =
          http.upload("POST", "/api/v1/library", operator, sample[0], bytes);
      assertThat(created.statusCode()).as(sample[0]).isEqualTo(201);
      JsonNode document = LibraryHttp.json(created.body());
      assertThat(document.get("kind").asString()).isEqualTo(sample[1]);
      assertThat(http.get(linkOf(document.get("id").asString(), member), member).body())
          .isEqualTo(bytes);
    }
  }

  @Test
  void impostors_areRefusedWith415AndAReason_leavingNothingBehind() throws Exception {
    long documents = count("library_documents");
    long objects = count(LIBRARY_OBJECTS);
    long storedBlobs = blobCount();
    byte[] exe = new byte[4096];
    exe[0] = 'M';
    exe[1] = 'Z';
    byte[] ole = new byte[4096];
    ole[0] = (byte) 0xD0;
    ole[1] = (byte) 0xCF;
    ole[2] = 0x11;
    ole[3] = (byte) 0xE0;
    Object[][] cases = {
      {"macro.docx", OoxmlSamples.docm().bytes(), "macros"},
      {"sheet.docx", OoxmlSamples.xlsx("x").bytes(), "Excel workbook (.xlsx), not a Word document"},
      {"setup.docx", exe, "executable"},
      {"old.xlsx", ole, "legacy Office"},
      {"page.pptx", "<!DOCTYPE html><html></html>".getBytes(StandardCharsets.UTF_8), "HTML"},
      {"bomb.docx", bomb(), "zip bomb"},
      {"slip.docx", OoxmlSamples.docx("s").add("../../evil.xml", "<x/>").bytes(), "'..'"},
      {"report.pdf", OoxmlSamples.docx("pdf name").bytes(), "Only .docx, .xlsx and .pptx"},
      {"report", OoxmlSamples.docx("no extension").bytes(), "Only .docx, .xlsx and .pptx"},
      {
        "linked.docx",
        OoxmlSamples.docx("l")
            .add(
                "word/_rels/document.xml.rels",
                OoxmlSamples.relationships(
                    "rId1",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
                    "https://attacker.example/t.dotm",
                    "External"))
            .bytes(),
        "external"
      },
    };
    for (Object[] c : cases) {
      HttpResponse<String> refused =
          http.upload("POST", "/api/v1/library", operator, (String) c[0], (byte[]) c[1]);
      assertThat(refused.statusCode()).as((String) c[0]).isEqualTo(415);
      assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      JsonNode problem = LibraryHttp.json(refused.body());
      assertThat(problem.get("code").asString()).isEqualTo("unsupported_file_type");
      assertThat(problem.get("detail").asString()).as((String) c[0]).contains((String) c[2]);
    }
    assertThat(count("library_documents")).isEqualTo(documents);
    assertThat(count(LIBRARY_OBJECTS)).as("ledger rows").isEqualTo(objects);
    assertThat(blobCount()).isEqualTo(storedBlobs);
  }

  @Test
  void tooLargeUpload_is413_andLeavesNothing() throws Exception {
    long storedBlobs = blobCount();
    long objects = count(LIBRARY_OBJECTS);
    byte[] big = new byte[5 * 1024 * 1024];
    new java.util.Random(1).nextBytes(big);
    byte[] zip = OoxmlSamples.docx("big").add("word/media/noise.png", big, Method.STORED).bytes();
    HttpResponse<String> refused =
        http.upload("POST", "/api/v1/library", operator, "big.docx", zip);
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(LibraryHttp.json(refused.body()).get("code").asString()).isEqualTo("too_large");
    assertThat(blobCount()).isEqualTo(storedBlobs);
    assertThat(count(LIBRARY_OBJECTS)).isEqualTo(objects);
  }

  @Test
  void replace_swapsContentAndRevision_oldLinksDie_oldBlobIsDeleted() throws Exception {
    String id = publish("v1.docx", OoxmlSamples.docx("first").bytes());
    BlobId first = blobOf(id);
    String oldLink = linkOf(id, member);
    clock.advance(Duration.ofMinutes(1));

    byte[] second = OoxmlSamples.pptx("second").bytes();
    HttpResponse<String> replaced =
        http.upload("PUT", "/api/v1/library/" + id, operator, "v2.pptx", second);
    assertThat(replaced.statusCode()).isEqualTo(200);
    JsonNode document = LibraryHttp.json(replaced.body());
    assertThat(document.get("id").asString()).isEqualTo(id);
    assertThat(document.get("name").asString()).isEqualTo("v2.pptx");
    assertThat(document.get("kind").asString()).isEqualTo("pptx");
    assertThat(document.get("revision").asInt()).isEqualTo(2);
    assertThat(document.get("updatedAt").asString())
        .isNotEqualTo(document.get("createdAt").asString());

    assertThat(http.get(oldLink, member).statusCode()).isEqualTo(404);
    assertThat(http.get(linkOf(id, member), member).body()).isEqualTo(second);
    assertThat(blobs.exists(first)).isFalse();
    assertThat(count("stored_objects WHERE blob_id = '" + first.value() + "'")).isZero();
    assertThat(blobs.exists(blobOf(id))).isTrue();
    assertThat(
            count("stored_objects WHERE state = 'LIVE' AND blob_id = '" + blobOf(id).value() + "'"))
        .isOne();

    // A refused replacement keeps the current revision and leaves no blob and no ledger row.
    long storedBlobs = blobCount();
    long objects = count(LIBRARY_OBJECTS);
    HttpResponse<String> refused =
        http.upload(
            "PUT", "/api/v1/library/" + id, operator, "v3.docx", OoxmlSamples.docm().bytes());
    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(blobCount()).isEqualTo(storedBlobs);
    assertThat(count(LIBRARY_OBJECTS)).isEqualTo(objects);
    assertThat(http.get(linkOf(id, member), member).body()).isEqualTo(second);
    assertThat(
            http.upload(
                    "PUT",
                    "/api/v1/library/" + missingId(),
                    operator,
                    "x.docx",
                    OoxmlSamples.docx("x").bytes())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void remove_deletesRowBlobHistoryAndLinks() throws Exception {
    String id = publish("gone.docx", OoxmlSamples.docx("gone").bytes());
    BlobId blob = blobOf(id);
    String link = linkOf(id, member);
    assertThat(http.get(link, member).statusCode()).isEqualTo(200);
    Eventually.eventually(() -> count("library_downloads WHERE document_id = '" + id + "'") == 1);

    assertThat(http.call("DELETE", "/api/v1/library/" + id, operator).statusCode()).isEqualTo(204);
    assertThat(http.get(link, member).statusCode()).isEqualTo(404);
    assertThat(http.call("GET", "/api/v1/library/" + id, member).statusCode()).isEqualTo(404);
    assertThat(http.call("POST", "/api/v1/library/" + id + "/download-link", member).statusCode())
        .isEqualTo(404);
    assertThat(http.call("DELETE", "/api/v1/library/" + id, operator).statusCode()).isEqualTo(404);
    assertThat(blobs.exists(blob)).isFalse();
    assertThat(count("library_downloads WHERE document_id = '" + id + "'")).isZero();
    assertThat(count("stored_objects WHERE blob_id = '" + blob.value() + "'")).isZero();
    assertThat(LibraryHttp.json(http.call("GET", "/api/v1/library", member).body()).toString())
        .doesNotContain(id);
  }

  @Test
  void history_listsWhoDownloadedWhat_newestFirst() throws Exception {
    String id = publish("audit.xlsx", OoxmlSamples.xlsx("audit").bytes());
    Account other = user(Role.MEMBER);
    Caller second = http.bearer(other.email(), PASSWORD);
    assertThat(http.get(linkOf(id, member), member).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(30));
    assertThat(http.get(linkOf(id, second), second).statusCode()).isEqualTo(200);
    // A link that was only created is not a download.
    linkOf(id, second);

    Eventually.eventually(() -> count("library_downloads WHERE document_id = '" + id + "'") == 2);
    HttpResponse<String> history =
        http.call("GET", "/api/v1/library/" + id + "/downloads", operator);
    assertThat(history.statusCode()).isEqualTo(200);
    JsonNode rows = LibraryHttp.json(history.body());
    assertThat(rows.size()).isEqualTo(2);
    assertThat(rows.get(0).get("email").asString()).isEqualTo(other.email());
    assertThat(rows.get(0).get("userId").asString()).isEqualTo(other.id());
    assertThat(rows.get(1).get("email").asString()).isEqualTo(memberEmail);
    assertThat(rows.get(0).get("revision").asInt()).isEqualTo(1);
    assertThat(rows.get(0).get("downloadedAt").asString()).isEqualTo(millis(clock.instant()));
    assertThat(
            http.call("GET", "/api/v1/library/" + missingId() + "/downloads", operator)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void link_expires_andIsBoundToItsUser() throws Exception {
    String id = publish("bound.docx", OoxmlSamples.docx("bound").bytes());
    String link = linkOf(id, member);
    Caller other = http.bearer(user(Role.MEMBER).email(), PASSWORD);

    HttpResponse<byte[]> replay = http.get(link, other);
    assertThat(replay.statusCode()).isEqualTo(404);
    assertThat(new String(replay.body(), StandardCharsets.UTF_8))
        .contains("\"code\":\"not_found\"");
    assertThat(http.get(link, operator).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> anonymous = http.get(link, Caller.ANONYMOUS);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().allValues("Set-Cookie")).isEmpty();

    clock.advance(Duration.ofMinutes(9));
    assertThat(http.get(link, member).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(61));
    assertThat(http.get(link, member).statusCode()).isEqualTo(404);
  }

  @Test
  void head_ofALink_sendsHeadersOnly_andIsNoDownload() throws Exception {
    byte[] docx = OoxmlSamples.docx("head").bytes();
    String id = publish("head.docx", docx);
    String link = linkOf(id, member);
    HttpResponse<String> head = http.call("HEAD", link.substring(link.indexOf("/api/")), member);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(docx.length));
    assertThat(head.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("head.docx");
    // A HEAD answer has no body to stream: had it been recorded, it would be by now.
    assertThat(count("library_downloads WHERE document_id = '" + id + "'")).isZero();
    assertThat(http.get(link, member).statusCode()).isEqualTo(200);
    Eventually.eventually(() -> count("library_downloads WHERE document_id = '" + id + "'") == 1);
  }

  @Test
  void link_opensWithTheBrowserSessionOfItsUserOnly() throws Exception {
    byte[] docx = OoxmlSamples.docx("session").bytes();
    String id = publish("session.docx", docx);
    Account reader = user(Role.MEMBER);
    Caller session = http.session(reader.email(), PASSWORD);
    String link = linkOf(id, http.bearer(reader.email(), PASSWORD));

    HttpResponse<byte[]> file = http.get(link, session);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(docx);
    assertThat(file.headers().allValues("Set-Cookie")).isEmpty();
    Caller otherSession = http.session(user(Role.MEMBER).email(), PASSWORD);
    assertThat(http.get(link, otherSession).statusCode()).isEqualTo(404);
    // The session authenticates that GET only: every other API call still needs a bearer token.
    assertThat(http.call("GET", "/api/v1/library", session).statusCode()).isEqualTo(401);
    assertThat(http.call("POST", "/api/v1/library/" + id + "/download-link", session).statusCode())
        .isEqualTo(401);
    assertThat(http.call("GET", "/api/v1/me", session).statusCode()).isEqualTo(401);
    // A session that is no longer valid (the password changed) opens nothing.
    accounts.changePassword(reader.id(), PASSWORD, "a brand new long password", "127.0.0.1");
    assertThat(http.get(link, session).statusCode()).isEqualTo(401);
  }

  @Test
  void tamperedOrForeignTokens_are404() throws Exception {
    String id = publish("tamper.docx", OoxmlSamples.docx("tamper").bytes());
    String link = linkOf(id, member);
    String token = link.substring(link.lastIndexOf('/') + 1);
    String prefix = link.substring(0, link.lastIndexOf('/') + 1);
    String[] parts = token.split("\\.", -1);
    assertThat(parts).hasSize(5);
    assertThat(parts[1]).isEmpty();
    for (int part : new int[] {0, 2, 3, 4}) {
      String[] copy = parts.clone();
      char c = copy[part].charAt(copy[part].length() / 2);
      copy[part] =
          copy[part].substring(0, copy[part].length() / 2)
              + (c == 'A' ? 'B' : 'A')
              + copy[part].substring(copy[part].length() / 2 + 1);
      assertThat(http.get(prefix + String.join(".", copy), member).statusCode())
          .as("part " + part)
          .isEqualTo(404);
    }
    for (String garbage :
        new String[] {"x", "a.b.c.d.e", "eyJhbGciOiJub25lIn0..a.b.c", token + "A", "%2e%2e"}) {
      assertThat(http.get(prefix + garbage, member).statusCode()).as(garbage).isIn(400, 404);
    }
  }

  @Test
  void linkCreation_isRateLimitedPerUser() throws Exception {
    String id = publish("busy.docx", OoxmlSamples.docx("busy").bytes());
    Caller busy = http.bearer(user(Role.MEMBER).email(), PASSWORD);
    for (int i = 0; i < 5; i++) {
      assertThat(http.call("POST", "/api/v1/library/" + id + "/download-link", busy).statusCode())
          .isEqualTo(200);
    }
    HttpResponse<String> limited =
        http.call("POST", "/api/v1/library/" + id + "/download-link", busy);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(http.call("POST", "/api/v1/library/" + id + "/download-link", member).statusCode())
        .isEqualTo(200);
  }

  @Test
  void subscription_isSetReadAndCleared() throws Exception {
    assertThat(
            LibraryHttp.json(http.call("GET", "/api/v1/library/subscription", member).body())
                .get("subscribed")
                .asBoolean())
        .isFalse();
    assertThat(http.call("PUT", "/api/v1/library/subscription", member).statusCode())
        .isEqualTo(204);
    assertThat(http.call("PUT", "/api/v1/library/subscription", member).statusCode())
        .isEqualTo(204);
    assertThat(
            LibraryHttp.json(http.call("GET", "/api/v1/library/subscription", member).body())
                .get("subscribed")
                .asBoolean())
        .isTrue();
    assertThat(http.call("DELETE", "/api/v1/library/subscription", member).statusCode())
        .isEqualTo(204);
    assertThat(
            LibraryHttp.json(http.call("GET", "/api/v1/library/subscription", member).body())
                .get("subscribed")
                .asBoolean())
        .isFalse();
  }

  @Test
  void sweeper_reclaimsCrashedUploads_accountDeletionForgetsTheSubscription() throws Exception {
    // Pending library objects, as a crashed upload leaves them (or V10 copied them from the old
    // library_pending_blobs): one overdue, one still being written.
    BlobId crashed = BlobId.random();
    blobs.put(crashed, new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
    insertPending(crashed);
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    BlobId writing = BlobId.random();
    blobs.put(writing, new java.io.ByteArrayInputStream(new byte[] {4}));
    insertPending(writing);
    sweeper.sweep();
    assertThat(blobs.exists(crashed)).isFalse();
    assertThat(count("stored_objects WHERE blob_id = '" + crashed.value() + "'")).isZero();
    assertThat(blobs.exists(writing)).isTrue();
    assertThat(count("stored_objects WHERE blob_id = '" + writing.value() + "'")).isOne();

    Account leaving = user(Role.MEMBER);
    Caller caller = http.bearer(leaving.email(), PASSWORD);
    assertThat(http.call("PUT", "/api/v1/library/subscription", caller).statusCode())
        .isEqualTo(204);
    assertThat(count("library_subscriptions WHERE user_id = '" + leaving.id() + "'")).isOne();
    accounts.deleteOwnAccount(leaving.id(), PASSWORD, "127.0.0.1");
    assertThat(count("library_subscriptions WHERE user_id = '" + leaving.id() + "'")).isZero();
  }

  @Test
  void openApiDocument_describesTheLibrary() throws Exception {
    String docs = http.call("GET", "/api/docs", Caller.ANONYMOUS).body();
    assertThat(docs)
        .contains("/api/v1/library")
        .contains("/api/v1/library/{id}/download-link")
        .contains("/api/v1/library/downloads/{token}")
        .contains("/api/v1/library/{id}/downloads")
        .contains("/api/v1/library/subscription")
        .contains("download-link");
  }

  // ------------------------------------------------------------------ helpers

  private void insertPending(BlobId blob) {
    jdbc.sql(
            "INSERT INTO stored_objects (blob_id, feature, state, created_at, changed_at, readers)"
                + " VALUES (?, 'library', 'PENDING', ?, ?, 0)")
        .params(blob.value(), clock.millis(), clock.millis())
        .update();
  }

  private Account user(Role role) {
    return accounts.createUser(uniqueEmail(), PASSWORD, role, null, null);
  }

  private String publish(String name, byte[] content) throws Exception {
    HttpResponse<String> created = http.upload("POST", "/api/v1/library", operator, name, content);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return LibraryHttp.json(created.body()).get("id").asString();
  }

  private String linkOf(String id, Caller caller) throws Exception {
    HttpResponse<String> link =
        http.call("POST", "/api/v1/library/" + id + "/download-link", caller);
    assertThat(link.statusCode()).isEqualTo(200);
    return LibraryHttp.json(link.body()).get("download-link").asString();
  }

  private BlobId blobOf(String id) {
    return BlobId.parse(
        jdbc.sql("SELECT blob_id FROM library_documents WHERE id = ?")
            .param(id)
            .query(String.class)
            .single());
  }

  private long count(String tableAndWhere) {
    return jdbc.sql("SELECT COUNT(*) FROM " + tableAndWhere).query(Long.class).single();
  }

  private long blobCount() throws Exception {
    return blobs.list(null, 1000).size();
  }

  private static String millis(java.time.Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }

  private static String missingId() {
    return java.util.UUID.randomUUID().toString();
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode node : array) {
      if (node.get("id").asString().equals(id)) {
        return node;
      }
    }
    throw new AssertionError("document " + id + " not listed");
  }

  /** A docx with a 64 MiB entry of zeros. */
  static byte[] bomb() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] docx = OoxmlSamples.docx("bomb").bytes();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          zip.putNextEntry(new ZipEntry(e.getName()));
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
      zip.putNextEntry(new ZipEntry("word/media/zeros.png"));
      byte[] chunk = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        zip.write(chunk);
      }
      zip.closeEntry();
    }
    return out.toByteArray();
  }
}
