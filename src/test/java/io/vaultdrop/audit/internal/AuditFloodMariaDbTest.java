package io.vaultdrop.audit.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditFloodMariaDbTest extends AuditFloodContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.mariadb();

  @Override
  TestDatabase database() {
    return db;
  }
}
