package io.vaultdrop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.internal.AccountSweeper;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Nobody can block an address by registering it and never verifying: an unverified account whose
 * verification lifetime (24 h) passed with no valid link left is deleted by the sweep, and a new
 * registration of its address goes through even before the sweep ran. A resent link keeps the
 * registration alive for its own lifetime; verified accounts are never touched.
 */
@SpringBootTest(properties = "vaultdrop.scheduling.enabled=false")
@Import(AccountsWebTestSupport.ClockConfig.class)
class AbandonedRegistrationTest extends AccountsWebTestSupport {

  @Autowired AccountService accounts;
  @Autowired AccountSweeper sweeper;
  @Autowired MutableClock clock;
  @Autowired AuditLog audit;

  @Test
  void anAbandonedRegistration_freesItsAddress_forANewRegistration() {
    String email = uniqueEmail();
    Account squatter = accounts.register(email, "squatter passphrase 1", "203.0.113.9");

    clock.advance(Duration.ofHours(23));
    assertThat(registers(email)).isFalse(); // still within its lifetime: taken

    clock.advance(Duration.ofHours(2));
    Account owner = accounts.register(email, PASSWORD, "198.51.100.7");
    assertThat(owner.id()).isNotEqualTo(squatter.id());
    assertThat(accounts.find(squatter.id())).isEmpty();
  }

  @Test
  void sweep_deletesAbandonedRegistrations_only() {
    Account abandoned = accounts.register(uniqueEmail(), PASSWORD, "203.0.113.9");
    Account resent = accounts.register(uniqueEmail(), PASSWORD, "203.0.113.9");
    String verified = uniqueEmail();
    accounts.createUser(verified, PASSWORD, Role.MEMBER, null, null);
    Account verifiedAccount =
        accounts.list().stream().filter(a -> a.email().equals(verified)).findFirst().orElseThrow();

    clock.advance(Duration.ofHours(23));
    accounts.resendVerification(resent.email(), "203.0.113.9"); // a new link, valid 24 h more
    clock.advance(Duration.ofHours(2));
    sweeper.sweep();

    assertThat(accounts.find(abandoned.id())).isEmpty();
    assertThat(accounts.find(resent.id())).isPresent();
    assertThat(accounts.find(verifiedAccount.id())).isPresent();
    assertThat(audit.latest(50))
        .anySatisfy(
            event -> {
              assertThat(event.type()).isEqualTo(AuditEventType.REGISTRATION_EXPIRED);
              assertThat(event.subject()).isEqualTo(abandoned.email());
            });

    clock.advance(Duration.ofHours(24));
    sweeper.sweep();
    assertThat(accounts.find(resent.id())).isEmpty();
    assertThat(accounts.find(verifiedAccount.id())).isPresent();
  }

  private boolean registers(String email) {
    try {
      accounts.register(email, "another passphrase 2", "198.51.100.7");
      return true;
    } catch (AccountException e) {
      assertThat(e.code()).isEqualTo("email_taken");
      return false;
    }
  }
}
