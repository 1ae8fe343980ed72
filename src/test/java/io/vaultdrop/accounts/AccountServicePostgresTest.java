package io.vaultdrop.accounts;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AccountServicePostgresTest extends AccountServiceContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    db.register(registry);
  }
}
