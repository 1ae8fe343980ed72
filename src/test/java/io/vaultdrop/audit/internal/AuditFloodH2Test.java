package io.vaultdrop.audit.internal;

import io.vaultdrop.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditFloodH2Test extends AuditFloodContract {

  @RegisterExtension static final TestDatabase db = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return db;
  }
}
