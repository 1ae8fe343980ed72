package io.vaultdrop.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vaultdrop.accounts.apikeys.ApiKeyAuthenticator;
import io.vaultdrop.accounts.apikeys.ApiKeyScope;
import io.vaultdrop.accounts.apikeys.ApiKeyView;
import io.vaultdrop.accounts.apikeys.ApiKeys;
import io.vaultdrop.accounts.apikeys.CreatedApiKey;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.testsupport.Mailboxes;
import io.vaultdrop.testsupport.MutableClock;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Accounts against a real SMTP server (GreenMail) and a real database: subclasses pick H2,
 * PostgreSQL or MariaDB.
 */
@SpringBootTest(properties = "vaultdrop.admin.email=root@vaultdrop.test")
@Import(AccountServiceContract.Config.class)
abstract class AccountServiceContract {

  private static final String PASSWORD = "correct horse battery";
  private static final Pattern LINK =
      Pattern.compile("(https?://\\S+/verify-email\\?token=(\\S+))");

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("vaultdrop.data-dir", Files.createTempDirectory("vaultdrop-accounts")::toString);
    registry.add("vaultdrop.admin.password", () -> "first admin password");
  }

  @TestConfiguration
  static class Config {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Bean
    DeletedAccounts deletedAccounts() {
      return new DeletedAccounts();
    }
  }

  static class DeletedAccounts {
    final List<String> ids = new ArrayList<>();

    @EventListener
    void on(AccountDeletedEvent event) {
      ids.add(event.userId());
    }
  }

  @Autowired AccountService accounts;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired AuditLog audit;
  @Autowired DeletedAccounts deleted;
  @Autowired ApiKeys apiKeys;
  @Autowired ApiKeyAuthenticator authenticator;

  private final String email = "user" + System.nanoTime() + "@example.org";

  @BeforeEach
  void clearMail() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
  }

  @Test
  void register_sendsSingleUseVerificationLink() throws Exception {
    Account account = accounts.register(email, PASSWORD, "203.0.113.7");

    assertThat(account.role()).isEqualTo(Role.MEMBER);
    assertThat(account.emailVerified()).isFalse();
    String token = tokenFromMail(email);
    assertThat(token).hasSizeGreaterThanOrEqualTo(22); // ≥128 bits, base64url

    assertThat(accounts.verifyEmail(token, null).emailVerified()).isTrue();
    assertThat(accounts.find(account.id()).orElseThrow().emailVerified()).isTrue();
    assertThatThrownBy(() -> accounts.verifyEmail(token, null))
        .isInstanceOf(AccountException.class)
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("invalid_token");
  }

  @Test
  void verifyEmail_afterLifetime_isRefused() throws Exception {
    accounts.register(email, PASSWORD, null);
    String token = tokenFromMail(email);

    clock.advance(Duration.ofHours(24).plusSeconds(1));

    assertThatThrownBy(() -> accounts.verifyEmail(token, null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("invalid_token");
  }

  @Test
  void verifyEmail_tamperedToken_isRefused() throws Exception {
    accounts.register(email, PASSWORD, null);
    String token = tokenFromMail(email);
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThatThrownBy(() -> accounts.verifyEmail(tampered, null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("invalid_token");
    assertThatThrownBy(() -> accounts.verifyEmail("not-a-token", null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("invalid_token");
  }

  @Test
  void register_storesArgon2idHashWithOwaspParameters() {
    Account account = accounts.register(email, PASSWORD, null);

    String hash =
        jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
            .param(account.id())
            .query(String.class)
            .single();
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
  }

  @Test
  void register_takenAddress_isRefusedAndItsOwnerIsTold() throws Exception {
    accounts.register(email, PASSWORD, null);
    Mailboxes.await(smtp, email, body -> body.contains("/verify-email"));

    assertThatThrownBy(() -> accounts.register(email.toUpperCase(), "another long password", null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("email_taken");
    // Sent although the refused registration rolled back.
    Mailboxes.await(smtp, email, body -> body.contains("/login"));
  }

  @Test
  void register_weakPasswordOrBadEmail_isRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> accounts.register(email, "short", null))
        .isInstanceOf(WeakPasswordException.class);
    assertThatThrownBy(() -> accounts.register("not an address", PASSWORD, null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("invalid_email");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email = ?").param(email))
        .extracting(spec -> spec.query(Long.class).single())
        .isEqualTo(0L);
  }

  @Test
  void resendVerification_unknownAddress_sendsNothing() throws Exception {
    accounts.resendVerification("nobody-" + email, null);

    Thread.sleep(1_000); // mails leave in the background
    assertThat(Mailboxes.bodies(smtp, "nobody-" + email)).isEmpty();
  }

  @Test
  void resendVerification_unverifiedAccount_replacesTheEarlierLink() throws Exception {
    accounts.register(email, PASSWORD, null);
    String first = tokenFromMail(email);
    smtp.purgeEmailFromAllMailboxes();

    accounts.resendVerification(email, null);
    String second = tokenFromMail(email);

    assertThat(second).isNotEqualTo(first);
    assertThatThrownBy(() -> accounts.verifyEmail(first, null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("invalid_token");
    assertThat(accounts.verifyEmail(second, null).emailVerified()).isTrue();
  }

  @Test
  void adminBootstrap_createdTheFirstAdministratorVerified() {
    Account admin =
        accounts.list().stream()
            .filter(a -> a.email().equals("root@vaultdrop.test"))
            .findFirst()
            .orElseThrow();

    assertThat(admin.role()).isEqualTo(Role.ADMIN);
    assertThat(admin.emailVerified()).isTrue();
    assertThat(audit.latest(1000)).anyMatch(e -> e.type() == AuditEventType.ADMIN_BOOTSTRAPPED);
  }

  @Test
  void lastAdministrator_cannotBeDemotedDisabledOrDeleted() {
    Account admin =
        accounts.list().stream().filter(a -> a.role() == Role.ADMIN).findFirst().orElseThrow();

    assertThatThrownBy(() -> accounts.changeRole(admin.id(), Role.MEMBER, admin.id(), null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("last_admin");
    assertThatThrownBy(() -> accounts.setEnabled(admin.id(), false, admin.id(), null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("last_admin");
    assertThatThrownBy(() -> accounts.deleteUser(admin.id(), admin.id(), null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("last_admin");
  }

  /**
   * Two administrators removing each other at the same moment: at most one wins, so an enabled
   * administrator always remains (before the fix both got through, leaving none).
   */
  @Test
  void twoAdministratorsRemovingEachOther_atOnce_leaveOneEnabled() throws Exception {
    Account a = accounts.createUser(uniqueAdminEmail(), PASSWORD, Role.ADMIN, null, null);
    Account b = accounts.createUser(uniqueAdminEmail(), PASSWORD, Role.ADMIN, null, null);
    List<Account> others =
        accounts.list().stream()
            .filter(x -> x.role() == Role.ADMIN && x.enabled())
            .filter(x -> !x.id().equals(a.id()) && !x.id().equals(b.id()))
            .toList();
    others.forEach(x -> accounts.setEnabled(x.id(), false, a.id(), null));
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (int round = 0; round < 20; round++) {
        boolean demote = round % 2 == 1;
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> first =
            pool.submit(
                () -> removes(start, () -> accounts.setEnabled(b.id(), false, a.id(), null)));
        Future<Boolean> second =
            pool.submit(
                () ->
                    removes(
                        start,
                        () -> {
                          if (demote) {
                            accounts.changeRole(a.id(), Role.MEMBER, b.id(), null);
                          } else {
                            accounts.setEnabled(a.id(), false, b.id(), null);
                          }
                        }));
        int wins = (first.get() ? 1 : 0) + (second.get() ? 1 : 0);
        assertThat(wins).as("round %d", round).isLessThanOrEqualTo(1);
        assertThat(
                accounts.list().stream().filter(x -> x.role() == Role.ADMIN && x.enabled()).count())
            .as("round %d", round)
            .isGreaterThanOrEqualTo(1);
        accounts.changeRole(a.id(), Role.ADMIN, a.id(), null);
        accounts.setEnabled(a.id(), true, a.id(), null);
        accounts.setEnabled(b.id(), true, a.id(), null);
      }
    } finally {
      // Leave the administrators as they were for the other tests.
      others.forEach(x -> accounts.setEnabled(x.id(), true, a.id(), null));
      accounts.deleteUser(a.id(), b.id(), null);
      accounts.deleteUser(b.id(), others.getFirst().id(), null);
    }
  }

  private static String uniqueAdminEmail() {
    return "admin-" + System.nanoTime() + "@vaultdrop.test";
  }

  /** Runs {@code removal} once both threads are ready; whether it went through. */
  private static boolean removes(CyclicBarrier start, Runnable removal) throws Exception {
    start.await();
    try {
      removal.run();
      return true;
    } catch (AccountException e) {
      assertThat(problemCode(e)).isEqualTo("last_admin");
      return false;
    }
  }

  @Test
  void deleteOwnAccount_needsThePassword_thenAnnouncesTheDeletion() {
    Account account = accounts.register(email, PASSWORD, null);

    assertThatThrownBy(() -> accounts.deleteOwnAccount(account.id(), "wrong password!!", null))
        .extracting(AccountServiceContract::problemCode)
        .isEqualTo("wrong_password");
    accounts.deleteOwnAccount(account.id(), PASSWORD, null);

    assertThat(accounts.find(account.id())).isEmpty();
    assertThat(deleted.ids).contains(account.id());
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM email_verifications WHERE user_id = ?")
                .param(account.id())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void auditLog_recordsEventsWithoutSecrets() throws Exception {
    Account account = accounts.register(email, PASSWORD, "198.51.100.4");
    String token = tokenFromMail(email);
    accounts.verifyEmail(token, "198.51.100.4\r\nforged line");

    assertThat(audit.latest(1000))
        .filteredOn(e -> account.id().equals(e.actor()))
        .extracting(e -> e.type())
        .contains(AuditEventType.REGISTERED, AuditEventType.EMAIL_VERIFIED);
    String everything =
        String.join(
            "|",
            jdbc
                .sql("SELECT CONCAT(actor, subject, client_address, detail) FROM audit_events")
                .query(String.class)
                .list()
                .stream()
                .map(String::valueOf)
                .toList());
    assertThat(everything).doesNotContain(PASSWORD).doesNotContain(token).doesNotContain("\n");
  }

  /** API keys on this database: null columns, the once-a-minute touch, the row lock, revoking. */
  @Test
  void apiKeys_createAuthenticateTouchAndRevoke() {
    Account account = accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    CreatedApiKey never =
        apiKeys.create(account.id(), "never expires", List.of("files:read"), null, "127.0.0.1");
    clock.advance(Duration.ofSeconds(1));
    CreatedApiKey dated =
        apiKeys.create(
            account.id(),
            "dated",
            List.of("tool", "uploads"),
            clock.instant().plus(Duration.ofDays(1)),
            null);

    assertThat(authenticator.authenticate(never.key()).orElseThrow().scopes())
        .containsExactly(ApiKeyScope.FILES_READ);
    assertThat(authenticator.authenticate(dated.key()).orElseThrow().user().id())
        .isEqualTo(account.id());
    assertThat(apiKeys.list(account.id()))
        .extracting(ApiKeyView::name, view -> view.lastUsedAt() != null)
        .containsExactly(tuple("never expires", true), tuple("dated", true));
    assertThat(apiKeys.list(account.id()).get(0).expiresAt()).isNull();

    clock.advance(Duration.ofDays(1));
    assertThat(authenticator.authenticate(dated.key())).isEmpty();
    apiKeys.revoke(account.id(), never.view().id(), null);
    assertThat(authenticator.authenticate(never.key())).isEmpty();
    assertThat(apiKeys.list(account.id())).extracting(ApiKeyView::name).containsExactly("dated");
  }

  private String tokenFromMail(String to) throws Exception {
    String token = null;
    for (String body : Mailboxes.await(smtp, to, body -> LINK.matcher(body).find())) {
      Matcher matcher = LINK.matcher(body);
      if (matcher.find()) {
        token = matcher.group(2);
      }
    }
    return token;
  }

  /** The problem {@code code} of a refused request (a {@link DomainException}). */
  private static String problemCode(Throwable refused) {
    return ((DomainException) refused).code();
  }
}
