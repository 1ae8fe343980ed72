package io.vaultdrop.vault;

import io.vaultdrop.testsupport.TestDatabase;
import java.io.IOException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class VaultMariaDbStorageTest extends VaultDatabaseStorageContract {

  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.mariadb();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    DATABASE.register(registry);
    dataDir(registry);
  }
}
