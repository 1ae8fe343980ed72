package io.vaultdrop.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.library.LibraryHttp.Caller;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples.Method;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Replacing a document while its old revision is being downloaded: the download started before the
 * replacement finishes whole; the old blob is deleted only once it is done. On the database backend
 * a deleted blob's chunks are gone at once, so a premature delete would cut the body short.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.max-upload-size=32MB",
      "vaultdrop.storage.type=database"
    })
class LibraryReplaceDuringDownloadTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired JdbcClient jdbc;
  @Autowired BlobStore blobs;

  @Test
  void downloadOfTheOldRevision_finishesWhole_andTheOldBlobGoesAfterIt() throws Exception {
    LibraryHttp http = new LibraryHttp(port);
    Caller operator = http.bearer(user(Role.OPERATOR), PASSWORD);
    Caller member = http.bearer(user(Role.MEMBER), PASSWORD);
    // Far more than the socket buffers, the read-ahead buffers and one database chunk together.
    byte[] noise = new byte[20 * 1024 * 1024];
    new Random(11).nextBytes(noise);
    byte[] first =
        OoxmlSamples.docx("first").add("word/media/noise.png", noise, Method.STORED).bytes();
    HttpResponse<String> created =
        http.upload("POST", "/api/v1/library", operator, "big.docx", first);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = LibraryHttp.json(created.body()).get("id").asString();
    BlobId oldBlob = blobOf(id);
    HttpResponse<String> link =
        http.call("POST", "/api/v1/library/" + id + "/download-link", member);
    String url = LibraryHttp.json(link.body()).get("download-link").asString();

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> download =
        client.send(
            member.apply(HttpRequest.newBuilder(URI.create(url)).GET()).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(download.statusCode()).isEqualTo(200);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (InputStream body = download.body()) {
      received.write(body.readNBytes(64 * 1024));

      byte[] second = OoxmlSamples.docx("second").bytes();
      HttpResponse<String> replaced =
          http.upload("PUT", "/api/v1/library/" + id, operator, "small.docx", second);
      assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
      assertThat(http.get(url, member).statusCode()).as("the old link").isEqualTo(404);
      assertThat(state(oldBlob)).as("deleted, waiting for its reader").isEqualTo("DELETING");
      assertThat(blobs.exists(oldBlob)).isTrue();

      body.transferTo(received);
    }
    assertThat(received.size()).isEqualTo(first.length);
    assertThat(received.toByteArray()).isEqualTo(first);
    Eventually.eventually(() -> !blobExists(oldBlob));
    Eventually.eventually(() -> ledgerRows(oldBlob) == 0);
  }

  private String user(Role role) {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, role, null, null);
    return email;
  }

  private BlobId blobOf(String id) {
    return BlobId.parse(
        jdbc.sql("SELECT blob_id FROM library_documents WHERE id = ?")
            .param(id)
            .query(String.class)
            .single());
  }

  private String state(BlobId blob) {
    return jdbc.sql("SELECT state FROM stored_objects WHERE blob_id = ?")
        .param(blob.value())
        .query(String.class)
        .single();
  }

  private long ledgerRows(BlobId blob) {
    return jdbc.sql("SELECT COUNT(*) FROM stored_objects WHERE blob_id = ?")
        .param(blob.value())
        .query(Long.class)
        .single();
  }

  private boolean blobExists(BlobId blob) {
    try {
      return blobs.exists(blob);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
