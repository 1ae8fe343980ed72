package io.vaultdrop.shares;

import io.vaultdrop.testsupport.TestDatabase;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The download race on PostgreSQL, where concurrent transactions really interleave. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.reads-per-minute=10000",
      "vaultdrop.shares.rate-limits.downloads-per-minute=10000"
    })
class ShareDownloadRacePostgresTest extends ShareDownloadRaceContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    db.register(registry);
    registry.add("vaultdrop.data-dir", Files.createTempDirectory("vaultdrop-race-pg")::toString);
  }
}
