package io.vaultdrop.shares;

import static io.vaultdrop.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.s3.S3BlobStore;
import io.vaultdrop.testsupport.DataFolder;
import io.vaultdrop.testsupport.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The application with {@code VAULTDROP_STORAGE_TYPE=s3} against a real S3 endpoint (s3proxy,
 * storing objects as files): a share larger than one part goes up as a multipart upload, rests in
 * the bucket as ciphertext only, downloads intact and its object is deleted with the share.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.shares.anonymous-max-size=64MB",
      "vaultdrop.storage.s3.part-size=5MB",
      "vaultdrop.storage.s3.prefix=vaultdrop/blobs/"
    })
class ShareS3StorageTest {

  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) throws IOException {
    S3.register(registry);
    String dataDir = Files.createTempDirectory("vaultdrop-share-s3").toString();
    registry.add("vaultdrop.data-dir", () -> dataDir);
  }

  @LocalServerPort int port;
  @Autowired BlobStore blobs;

  @Test
  void share_roundTripsThroughS3_andRestsThereAsCiphertextOnly() throws Exception {
    assertThat(blobs).isInstanceOf(S3BlobStore.class);
    byte[] marker = new byte[24];
    new SecureRandom().nextBytes(marker);
    byte[] content = new byte[6 * 1024 * 1024 + 123];
    for (int i = 0; i < content.length; i += marker.length) {
      System.arraycopy(marker, 0, content, i, Math.min(marker.length, content.length - i));
    }

    try (ShareHttp http = new ShareHttp(port)) {
      JsonNode created = http.created("big.bin", content, ShareHttp.fields("maxDownloads", "2"));
      String token = created.get("token").asString();

      List<BlobInfo> stored = blobs.list(null, 10);
      assertThat(stored)
          .singleElement()
          .satisfies(b -> assertThat(b.size()).isGreaterThan(content.length));
      List<Path> objects = DataFolder.files(S3.root());
      assertThat(objects).anyMatch(p -> p.toString().contains(stored.getFirst().id().value()));
      for (Path object : objects) {
        assertThat(DataFolder.indexOf(Files.readAllBytes(object), marker))
            .as(object + " holds plaintext")
            .isEqualTo(-1);
      }

      HttpResponse<byte[]> first = http.download(token, null);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).isEqualTo(content);
      HttpResponse<byte[]> last = http.download(token, null);
      assertThat(last.statusCode()).isEqualTo(200);
      assertThat(last.body()).isEqualTo(content);
    }
    eventually(
        () -> {
          try {
            return blobs.list(null, 10).isEmpty();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    assertThat(blobs.deleteAbandonedWrites(java.time.Instant.now().plusSeconds(60))).isZero();
  }
}
