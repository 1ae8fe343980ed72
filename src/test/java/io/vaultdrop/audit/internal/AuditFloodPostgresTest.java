package io.vaultdrop.audit.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditFloodPostgresTest extends AuditFloodContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return db;
  }
}
