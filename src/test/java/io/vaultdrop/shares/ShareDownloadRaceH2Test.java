package io.vaultdrop.shares;

import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The download race on the embedded H2 database. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.reads-per-minute=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
class ShareDownloadRaceH2Test extends ShareDownloadRaceContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    registry.add("vaultdrop.data-dir", Files.createTempDirectory("vaultdrop-race")::toString);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:share-race-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
  }
}
