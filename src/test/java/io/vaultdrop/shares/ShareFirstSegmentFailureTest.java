package io.vaultdrop.shares;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.FaultyBlobStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Storage that opens a one-time share and authenticates its header, then fails on the first
 * segment: the transfer never read a byte, so it gives its claim back and the link works once the
 * storage does. Faults are injected around the real store.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
@Import(ShareFirstSegmentFailureTest.Faults.class)
class ShareFirstSegmentFailureTest {

  @LocalServerPort int port;

  @AfterEach
  void storageUp() {
    Faults.STORE.get().up();
  }

  @Test
  void failureBeforeTheFirstByte_givesTheClaimBack() throws Exception {
    byte[] content = "read me once".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    try (ShareHttp http = new ShareHttp(port)) {
      String token =
          http.created("once.txt", content, ShareHttp.fields("maxDownloads", "1"))
              .get("token")
              .asString();

      // Enough for the header and key commitment, not for the first 64 KiB segment.
      Faults.STORE.get().failReadsAfter(1024);
      HttpResponse<byte[]> failed = http.download(token, null);
      Faults.STORE.get().up();

      assertThat(failed.statusCode()).isEqualTo(503);
      assertThat(new String(failed.body(), StandardCharsets.UTF_8))
          .contains("storage_unavailable")
          .doesNotContain("read me");
      HttpResponse<String> metadata = http.metadata(token);
      assertThat(metadata.statusCode()).isEqualTo(200);
      assertThat(http.json(metadata).get("downloadsLeft").asInt()).isEqualTo(1);
      HttpResponse<byte[]> again = http.download(token, null);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).isEqualTo(content);
      assertThat(http.download(token, null).statusCode()).isEqualTo(404);
    }
  }

  /** Wraps the application's blob store in a {@link FaultyBlobStore}. */
  @TestConfiguration
  static class Faults {
    static final AtomicReference<FaultyBlobStore> STORE = new AtomicReference<>();

    @Bean
    static BeanPostProcessor faultyBlobStore() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (bean instanceof BlobStore real && !(bean instanceof FaultyBlobStore)) {
            FaultyBlobStore faulty = new FaultyBlobStore(real);
            STORE.set(faulty);
            return faulty;
          }
          return bean;
        }
      };
    }
  }
}
