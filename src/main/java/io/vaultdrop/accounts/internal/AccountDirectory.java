package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountDeletedEvent;
import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.PasswordResetEvent;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.accounts.internal.SingleUseTokens.Purpose;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The account rules behind {@code AccountService}: policy, hashing, tokens, mails, last admin. */
@Component
public final class AccountDirectory {

  private final UserRepository users;
  private final PasswordPolicy policy;
  private final PasswordEncoder encoder;
  private final SingleUseTokens tokens;
  private final TransactionTemplate transactions;
  private final AccountMailer mailer;
  private final AccountsProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AccountDirectory(
      UserRepository users,
      PasswordPolicy policy,
      PasswordEncoder encoder,
      SingleUseTokens tokens,
      TransactionTemplate transactions,
      AccountMailer mailer,
      AccountsProperties properties,
      ApplicationEventPublisher events,
      Clock clock) {
    this.users = users;
    this.policy = policy;
    this.encoder = encoder;
    this.tokens = tokens;
    this.transactions = transactions;
    this.mailer = mailer;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  public Account register(String email, String password) {
    String normalised = EmailAddresses.normalise(email);
    policy.check(password, normalised);
    Optional<StoredUser> existing =
        users.findByEmail(normalised).filter(user -> !freeIfAbandoned(user));
    if (existing.isPresent()) {
      encoder.encode(password); // same work as a real registration: timing reveals nothing
      mailer.sendAlreadyRegistered(normalised);
      throw AccountException.emailTaken();
    }
    Account account = insert(normalised, password, Role.MEMBER, false);
    mailer.sendVerification(
        normalised,
        tokens.issue(Purpose.EMAIL_VERIFICATION, account.id(), properties.verificationLifetime()));
    return account;
  }

  public Account create(String email, String password, Role role, boolean verified) {
    String normalised = EmailAddresses.normalise(email);
    policy.check(password, normalised);
    if (users.findByEmail(normalised).isPresent()) {
      throw AccountException.emailTaken();
    }
    return insert(normalised, password, role, verified);
  }

  public Account verify(String token) {
    String userId = tokens.consume(Purpose.EMAIL_VERIFICATION, token);
    users.markVerified(userId);
    return require(userId).toAccount();
  }

  public Optional<Account> resendVerification(String email) {
    String normalised;
    try {
      normalised = EmailAddresses.normalise(email);
    } catch (AccountException e) {
      return Optional.empty();
    }
    Optional<StoredUser> user =
        users.findByEmail(normalised).filter(u -> !u.emailVerified() && u.enabled());
    user.ifPresent(
        u ->
            mailer.sendVerification(
                u.email(),
                tokens.issue(
                    Purpose.EMAIL_VERIFICATION, u.id(), properties.verificationLifetime())));
    return user.map(StoredUser::toAccount);
  }

  /**
   * Mails a password reset link when {@code email} belongs to a verified, enabled account; does
   * nothing otherwise. The caller must not let the answer (or its timing) tell which happened.
   */
  public Optional<Account> requestPasswordReset(String email) {
    String normalised;
    try {
      normalised = EmailAddresses.normalise(email);
    } catch (AccountException e) {
      return Optional.empty();
    }
    return users
        .findByEmail(normalised)
        .filter(u -> u.emailVerified() && u.enabled())
        .map(this::mailPasswordReset);
  }

  /** Mails a password reset link to an account (an administrator's request). */
  public Account sendPasswordReset(String userId) {
    return mailPasswordReset(require(userId));
  }

  /**
   * Sets a new password with a reset token: a bad, used or expired token is {@code invalid_token},
   * a weak password {@code weak_password} (the token stays usable). The token is used up, the
   * address counts as verified (the mail reached it), and every earlier session, bearer token
   * ({@code credentials_changed_at}) and API key ({@link PasswordResetEvent}) of the account ends,
   * in one transaction.
   */
  public Account resetPassword(String token, String newPassword) {
    StoredUser user = require(tokens.peek(Purpose.PASSWORD_RESET, token));
    policy.check(newPassword, user.email());
    String hash = encoder.encode(newPassword);
    transactions.executeWithoutResult(
        status -> {
          String userId = tokens.consume(Purpose.PASSWORD_RESET, token);
          users.updatePassword(userId, hash, now());
          users.markVerified(userId);
          events.publishEvent(new PasswordResetEvent(userId));
        });
    return user.toAccount();
  }

  /**
   * Deletes unverified accounts whose registration was abandoned: created longer ago than the
   * verification lifetime, with no verification link still valid. Their addresses are free again,
   * so nobody can block an address by registering it and never verifying. Returns the accounts
   * deleted (at most {@code limit}).
   */
  public List<Account> deleteAbandonedRegistrations(int limit) {
    Instant now = now();
    return users
        .findAbandonedRegistrations(now.minus(properties.verificationLifetime()), now, limit)
        .stream()
        .flatMap(id -> users.findById(id).filter(this::freeIfAbandoned).stream())
        .map(StoredUser::toAccount)
        .toList();
  }

  /** Deletes {@code user} when it is an abandoned registration; tells whether it did. */
  private boolean freeIfAbandoned(StoredUser user) {
    Instant now = now();
    boolean abandoned =
        !user.emailVerified()
            && user.createdAt().isBefore(now.minus(properties.verificationLifetime()))
            && !users.hasValidVerification(user.id(), now);
    if (abandoned) {
      delete(user.id());
    }
    return abandoned;
  }

  private Account mailPasswordReset(StoredUser user) {
    mailer.sendPasswordReset(
        user.email(),
        tokens.issue(Purpose.PASSWORD_RESET, user.id(), properties.passwordResetLifetime()),
        properties.passwordResetLifetime());
    return user.toAccount();
  }

  public Account changePassword(String userId, String currentPassword, String newPassword) {
    StoredUser user = require(userId);
    if (currentPassword == null || !encoder.matches(currentPassword, user.passwordHash())) {
      throw AccountException.wrongPassword();
    }
    policy.check(newPassword, user.email());
    users.updatePassword(userId, encoder.encode(newPassword), now());
    return user.toAccount();
  }

  public Account deleteOwn(String userId, String password) {
    StoredUser user = require(userId);
    if (password == null || !encoder.matches(password, user.passwordHash())) {
      throw AccountException.wrongPassword();
    }
    return delete(userId);
  }

  public Account delete(String userId) {
    StoredUser user = require(userId);
    guardLastAdmin(user, user.role() == Role.ADMIN && user.enabled());
    events.publishEvent(new AccountDeletedEvent(userId));
    users.delete(userId);
    return user.toAccount();
  }

  public Account changeRole(String userId, Role role) {
    StoredUser user = require(userId);
    guardLastAdmin(user, user.role() == Role.ADMIN && role != Role.ADMIN && user.enabled());
    users.updateRole(userId, role, now());
    return require(userId).toAccount();
  }

  public Account setEnabled(String userId, boolean enabled) {
    StoredUser user = require(userId);
    guardLastAdmin(user, user.role() == Role.ADMIN && user.enabled() && !enabled);
    users.updateEnabled(userId, enabled, now());
    return require(userId).toAccount();
  }

  public Optional<Account> find(String userId) {
    return users.findById(userId).map(StoredUser::toAccount);
  }

  public List<Account> list() {
    return users.findAll().stream().map(StoredUser::toAccount).toList();
  }

  /** Must run inside the caller's transaction: the lock holds until it ends. */
  private void guardLastAdmin(StoredUser user, boolean removesAnAdmin) {
    if (removesAnAdmin && users.lockEnabledAdmins() <= 1) {
      throw AccountException.lastAdmin();
    }
  }

  private Account insert(String email, String password, Role role, boolean verified) {
    Instant now = now();
    StoredUser user =
        new StoredUser(
            UUID.randomUUID().toString(),
            email,
            encoder.encode(password),
            role,
            verified,
            true,
            now,
            now);
    try {
      users.insert(user);
    } catch (DuplicateKeyException concurrentRegistration) {
      // Two requests raced past the look-up; the unique index decides.
      throw AccountException.emailTaken();
    }
    return user.toAccount();
  }

  private StoredUser require(String userId) {
    return users.findById(userId).orElseThrow(AccountException::notFound);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }
}
