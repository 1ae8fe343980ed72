package io.vaultdrop.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.library.LibraryHttp.Caller;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.testsupport.Eventually;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A library download while the blob store is down (its folder moved aside, as when the volume
 * holding it is unmounted) answers {@code 503 storage_unavailable}, never {@code 404}, records no
 * download and holds no reader; the same link works once storage is back.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vaultdrop.scheduling.enabled=false", "vaultdrop.storage.type=filesystem"})
class LibraryStorageOutageTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;

  /** The data folder this context really uses. */
  @Value("${vaultdrop.data-dir}")
  Path dataDir;

  @DynamicPropertySource
  static void ownDataDir(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("vaultdrop-library-outage");
    registry.add("vaultdrop.data-dir", dir::toString);
  }

  @Test
  void downloadDuringAnOutage_is503_andTheLinkWorksOnceStorageIsBack() throws Exception {
    LibraryHttp http = new LibraryHttp(port);
    Caller operator = http.bearer(user(Role.OPERATOR), PASSWORD);
    Caller member = http.bearer(user(Role.MEMBER), PASSWORD);
    byte[] docx = OoxmlSamples.docx("outage").bytes();
    HttpResponse<String> created =
        http.upload("POST", "/api/v1/library", operator, "outage.docx", docx);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = LibraryHttp.json(created.body()).get("id").asString();
    HttpResponse<String> link =
        http.call("POST", "/api/v1/library/" + id + "/download-link", member);
    String url = LibraryHttp.json(link.body()).get("download-link").asString();

    Path blobs = dataDir.resolve("blobs");
    Path aside = dataDir.resolve("blobs-unmounted");
    Files.move(blobs, aside, StandardCopyOption.ATOMIC_MOVE);
    HttpResponse<byte[]> duringOutage;
    try {
      duringOutage = http.get(url, member);
    } finally {
      Files.move(aside, blobs, StandardCopyOption.ATOMIC_MOVE);
    }

    assertThat(duringOutage.statusCode()).isEqualTo(503);
    assertThat(duringOutage.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = LibraryHttp.json(new String(duringOutage.body(), StandardCharsets.UTF_8));
    assertThat(problem.get("code").asString()).isEqualTo("storage_unavailable");
    assertThat(downloads(id)).as("no download recorded").isZero();
    assertThat(readers(id)).as("the failed open released its reader").isZero();

    HttpResponse<byte[]> afterOutage = http.get(url, member);
    assertThat(afterOutage.statusCode()).isEqualTo(200);
    assertThat(afterOutage.body()).isEqualTo(docx);
    Eventually.eventually(() -> downloads(id) == 1);
    Eventually.eventually(() -> readers(id) == 0);
  }

  private String user(Role role) {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, role, null, null);
    return email;
  }

  private long downloads(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM library_downloads WHERE document_id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  private long readers(String id) {
    return jdbc.sql(
            "SELECT o.readers FROM stored_objects o"
                + " JOIN library_documents d ON d.blob_id = o.blob_id WHERE d.id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }
}
