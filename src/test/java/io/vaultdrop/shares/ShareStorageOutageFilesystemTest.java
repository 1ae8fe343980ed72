package io.vaultdrop.shares;

import io.vaultdrop.testsupport.UnmountableBlobFolder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outage is the blob folder disappearing, as when the volume holding it is unmounted: it is
 * moved aside and back.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class ShareStorageOutageFilesystemTest extends ShareStorageOutageContract {

  static final UnmountableBlobFolder DATA = new UnmountableBlobFolder();

  @DynamicPropertySource
  static void data(DynamicPropertyRegistry registry) {
    DATA.register(registry);
  }

  @Override
  void storageDown() throws Exception {
    DATA.unmount();
  }

  @Override
  void storageUp() throws Exception {
    DATA.mount();
  }
}
