package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Account housekeeping, on one node at a time (ShedLock): abandoned registrations are deleted, so
 * their addresses are free again (README, "First administrator and accounts"), and expired
 * verification and reset tokens go.
 *
 * <p>Not final: ShedLock wraps it in a class-based proxy.
 */
@Component
public class AccountSweeper {

  static final int BATCH = 500;

  private static final Logger log = LoggerFactory.getLogger(AccountSweeper.class);

  private final AccountDirectory directory;
  private final SingleUseTokens tokens;
  private final AuditLog audit;

  AccountSweeper(AccountDirectory directory, SingleUseTokens tokens, AuditLog audit) {
    this.directory = directory;
    this.tokens = tokens;
    this.audit = audit;
  }

  @Scheduled(
      fixedDelayString = "${vaultdrop.accounts.sweep-interval:PT10M}",
      initialDelayString = "${vaultdrop.accounts.sweep-interval:PT10M}")
  @SchedulerLock(name = "accounts-sweep", lockAtMostFor = "PT10M")
  public void sweep() {
    try {
      List<Account> freed;
      do {
        freed = directory.deleteAbandonedRegistrations(BATCH);
        for (Account account : freed) {
          audit.record(AuditEventType.REGISTRATION_EXPIRED, null, account.email(), null, null);
        }
      } while (freed.size() == BATCH);
      tokens.deleteExpired();
    } catch (RuntimeException e) {
      log.warn("Account sweep failed; it runs again later: {}", e.toString());
    }
  }
}
