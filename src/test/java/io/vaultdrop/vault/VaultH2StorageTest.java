package io.vaultdrop.vault;

import io.vaultdrop.testsupport.TestDatabase;
import java.io.IOException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class VaultH2StorageTest extends VaultDatabaseStorageContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    DATABASE.register(registry);
    dataDir(registry);
  }
}
