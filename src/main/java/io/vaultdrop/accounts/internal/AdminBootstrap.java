package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.config.InvalidSettingException;
import io.vaultdrop.web.ProblemMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first administrator from {@code VAULTDROP_ADMIN_EMAIL}/{@code
 * VAULTDROP_ADMIN_PASSWORD} when no enabled administrator exists. A password that fails the policy
 * stops start-up; there is no default password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final AdminBootstrapProperties properties;
  private final UserRepository users;
  private final AccountDirectory directory;
  private final AuditLog audit;
  private final ProblemMessages messages;

  /** {@code messages}: the refusal in English (no request, no reader's language). */
  AdminBootstrap(
      AdminBootstrapProperties properties,
      UserRepository users,
      AccountDirectory directory,
      AuditLog audit,
      ProblemMessages messages) {
    this.messages = messages;
    this.properties = properties;
    this.users = users;
    this.directory = directory;
    this.audit = audit;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (users.existsEnabledAdmin()) {
      return;
    }
    if (!properties.configured()) {
      log.warn(
          "No administrator exists. Set VAULTDROP_ADMIN_EMAIL and VAULTDROP_ADMIN_PASSWORD to"
              + " create the first one at start-up.");
      return;
    }
    Account admin;
    try {
      admin = directory.create(properties.email(), properties.password(), Role.ADMIN, true);
    } catch (AccountException e) {
      throw new InvalidSettingException(
          "VAULTDROP_ADMIN_EMAIL/VAULTDROP_ADMIN_PASSWORD", "refused: " + messages.text(e));
    }
    audit.record(AuditEventType.ADMIN_BOOTSTRAPPED, null, admin.email(), null, null);
    log.info("Created the first administrator {}", admin.email());
  }
}
