package io.vaultdrop.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.VaultdropApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An upload begun before a restart continues after it: the embedded default (H2 file and blobs
 * under one data folder) keeps the offset and every stored chunk.
 */
class TusRestartTest {

  @TempDir Path dataDir;

  @Test
  void anUpload_continuesAfterARestart_toAByteIdenticalFile() throws Exception {
    byte[] content = new byte[400_000];
    new SecureRandom().nextBytes(content);
    int half = 150_000;
    String location;
    try (ConfigurableApplicationContext first = start();
        TusHttp http = new TusHttp(port(first))) {
      location = http.start(content.length, "restart.bin", null);
      assertThat(http.patch(location, 0, Arrays.copyOf(content, half), null).statusCode())
          .isEqualTo(204);
    }
    try (ConfigurableApplicationContext second = start();
        TusHttp http = new TusHttp(port(second))) {
      assertThat(http.offset(location, null)).isEqualTo(half);
      assertThat(
              http.patch(location, half, Arrays.copyOfRange(content, half, content.length), null)
                  .statusCode())
          .isEqualTo(204);
      HttpResponse<String> share =
          http.postJson(
              "/api/v1/shares", "{\"uploadId\":\"" + TusHttp.idOf(location) + "\"}", null);
      assertThat(share.statusCode()).isEqualTo(201);
      String token = http.json(share.body()).get("token").asString();
      assertThat(http.postForBytes("/api/v1/shares/" + token + "/download", "{}", null).body())
          .isEqualTo(content);
    }
  }

  static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private ConfigurableApplicationContext start() {
    // Command-line arguments, not builder defaults: application.yml would override those.
    return new SpringApplicationBuilder(VaultdropApplication.class)
        .run(
            "--server.port=0",
            "--vaultdrop.data-dir=" + dataDir,
            "--vaultdrop.scheduling.enabled=false",
            "--vaultdrop.uploads.chunk-size=64KB");
  }
}
