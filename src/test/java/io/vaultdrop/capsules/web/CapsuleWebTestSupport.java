package io.vaultdrop.capsules.web;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application for the capsule web tests: the embedded default (H2 file database and filesystem
 * blobs under a temporary data folder, so the folder is everything the server keeps), anonymous
 * uploads on with small limits, a one-day capsule lifetime, a movable clock and no scheduler
 * (sweeps are run by hand). 127.0.0.1 is a trusted proxy so each test can pose as its own client
 * address.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.trusted-proxies=127.0.0.1",
      "vaultdrop.anonymous-uploads=true",
      "vaultdrop.capsules.anonymous-max-upload-size=256KB",
      "vaultdrop.capsules.anonymous-uploads-per-hour=3",
      "vaultdrop.capsules.uploads-per-hour=4",
      "vaultdrop.capsules.max-age=P1D",
      "vaultdrop.scheduling.enabled=false"
    })
@AutoConfigureMockMvc
@Import(AccountsWebTestSupport.ClockConfig.class)
abstract class CapsuleWebTestSupport {

  static final Path DATA_DIR = createDataDir();
  private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("vaultdrop.data-dir", DATA_DIR::toString);
  }

  /** A client address no other test uses. */
  static String freshAddress() {
    // A /64 of its own: budgets are per IPv6 /64 (ClientAddresses.budgetKey).
    return "2001:db8:" + Integer.toHexString(ADDRESSES.getAndIncrement()) + "::1";
  }

  private static Path createDataDir() {
    try {
      return Files.createTempDirectory("vaultdrop-capsules");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
