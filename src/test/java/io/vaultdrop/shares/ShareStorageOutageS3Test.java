package io.vaultdrop.shares;

import io.vaultdrop.testsupport.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The outage is a stopped S3 endpoint (s3proxy), restarted on the same port. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vaultdrop.scheduling.enabled=false", "vaultdrop.storage.s3.prefix=outage/"})
class ShareStorageOutageS3Test extends ShareStorageOutageContract {

  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) throws IOException {
    S3.register(registry);
    String dataDir = Files.createTempDirectory("vaultdrop-outage-s3").toString();
    registry.add("vaultdrop.data-dir", () -> dataDir);
  }

  @Override
  void storageDown() throws Exception {
    S3.stop();
  }

  @Override
  void storageUp() throws Exception {
    S3.restart();
  }
}
