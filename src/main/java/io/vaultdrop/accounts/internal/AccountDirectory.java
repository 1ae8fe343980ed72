package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountDeletedEvent;
import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The account rules behind {@code AccountService}: policy, hashing, tokens, mails, last admin. */
@Component
public final class AccountDirectory {

  private final UserRepository users;
  private final PasswordPolicy policy;
  private final PasswordEncoder encoder;
  private final VerificationTokens tokens;
  private final AccountMailer mailer;
  private final AccountsProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  AccountDirectory(
      UserRepository users,
      PasswordPolicy policy,
      PasswordEncoder encoder,
      VerificationTokens tokens,
      AccountMailer mailer,
      AccountsProperties properties,
      ApplicationEventPublisher events,
      Clock clock) {
    this.users = users;
    this.policy = policy;
    this.encoder = encoder;
    this.tokens = tokens;
    this.mailer = mailer;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  public Account register(String email, String password) {
    String normalised = EmailAddresses.normalise(email);
    policy.check(password, normalised);
    Optional<StoredUser> existing = users.findByEmail(normalised);
    if (existing.isPresent()) {
      encoder.encode(password); // same work as a real registration: timing reveals nothing
      mailer.sendAlreadyRegistered(normalised);
      throw AccountException.emailTaken();
    }
    Account account = insert(normalised, password, Role.MEMBER, false);
    mailer.sendVerification(
        normalised, tokens.issue(account.id(), properties.verificationLifetime()));
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
    String userId = tokens.consume(token);
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
                u.email(), tokens.issue(u.id(), properties.verificationLifetime())));
    return user.map(StoredUser::toAccount);
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
