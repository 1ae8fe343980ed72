package io.vaultdrop.accounts;

import io.vaultdrop.accounts.internal.AccountDirectory;
import io.vaultdrop.accounts.internal.PasswordResetRequests;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What users and administrators do with accounts. Every state change is audited; nothing here logs
 * or returns a password or token.
 */
@Service
public class AccountService {

  private final AccountDirectory directory;
  private final PasswordResetRequests resets;
  private final AuditLog audit;

  AccountService(AccountDirectory directory, PasswordResetRequests resets, AuditLog audit) {
    this.directory = directory;
    this.resets = resets;
    this.audit = audit;
  }

  /**
   * Registers a MEMBER with an unverified address and mails a verification link. Throws {@code
   * email_taken} for a known address (after mailing its owner), so the API can answer 409; pages
   * must show the same neutral message either way.
   */
  @Transactional
  public Account register(String email, String password, String clientAddress) {
    Account account = directory.register(email, password);
    audit.record(AuditEventType.REGISTERED, account.id(), account.email(), clientAddress, null);
    return account;
  }

  /** Marks the token's account verified; the token works once. */
  @Transactional
  public Account verifyEmail(String token, String clientAddress) {
    Account account = directory.verify(token);
    audit.record(AuditEventType.EMAIL_VERIFIED, account.id(), account.email(), clientAddress, null);
    return account;
  }

  /** Mails a fresh link when the address belongs to an unverified account; silent otherwise. */
  @Transactional
  public void resendVerification(String email, String clientAddress) {
    directory
        .resendVerification(email)
        .ifPresent(
            account ->
                audit.record(
                    AuditEventType.VERIFICATION_RESENT,
                    account.id(),
                    account.email(),
                    clientAddress,
                    null));
  }

  /**
   * Starts a password reset for {@code email}: a verified, enabled account gets a mail with a
   * single-use link. Returns at once and says nothing about the address (the work happens in the
   * background, so the time taken says nothing either).
   */
  public void requestPasswordReset(String email, String clientAddress) {
    resets.submit(
        email,
        account ->
            audit.record(
                AuditEventType.PASSWORD_RESET_REQUESTED,
                null,
                account.email(),
                clientAddress,
                null));
  }

  /**
   * Sets a new password with a reset link's token; every earlier session and bearer token of the
   * account ends. Not one transaction around the password hashing: the directory commits the token
   * and the password together.
   */
  public Account resetPassword(String token, String newPassword, String clientAddress) {
    Account account = directory.resetPassword(token, newPassword);
    audit.record(AuditEventType.PASSWORD_RESET, account.id(), account.email(), clientAddress, null);
    return account;
  }

  /** An administrator mails a user a password reset link. */
  @Transactional
  public Account sendPasswordReset(String userId, String adminId, String clientAddress) {
    Account account = directory.sendPasswordReset(userId);
    audit.record(AuditEventType.PASSWORD_RESET_SENT, adminId, account.email(), clientAddress, null);
    return account;
  }

  @Transactional
  public void changePassword(
      String userId, String currentPassword, String newPassword, String clientAddress) {
    Account account = directory.changePassword(userId, currentPassword, newPassword);
    audit.record(AuditEventType.PASSWORD_CHANGED, userId, account.email(), clientAddress, null);
  }

  /** Deletes the caller's own account after checking its password; features drop its data. */
  @Transactional
  public void deleteOwnAccount(String userId, String password, String clientAddress) {
    Account account = directory.deleteOwn(userId, password);
    audit.record(AuditEventType.ACCOUNT_DELETED, userId, account.email(), clientAddress, null);
  }

  public Optional<Account> find(String userId) {
    return directory.find(userId);
  }

  public List<Account> list() {
    return directory.list();
  }

  /** An administrator creates a user with any role, already verified. */
  @Transactional
  public Account createUser(
      String email, String password, Role role, String adminId, String clientAddress) {
    Account account = directory.create(email, password, role, true);
    audit.record(
        AuditEventType.USER_CREATED, adminId, account.email(), clientAddress, "role=" + role);
    return account;
  }

  @Transactional
  public Account changeRole(String userId, Role role, String adminId, String clientAddress) {
    Account account = directory.changeRole(userId, role);
    audit.record(
        AuditEventType.ROLE_CHANGED, adminId, account.email(), clientAddress, "role=" + role);
    return account;
  }

  @Transactional
  public Account setEnabled(String userId, boolean enabled, String adminId, String clientAddress) {
    Account account = directory.setEnabled(userId, enabled);
    audit.record(
        enabled ? AuditEventType.USER_ENABLED : AuditEventType.USER_DISABLED,
        adminId,
        account.email(),
        clientAddress,
        null);
    return account;
  }

  @Transactional
  public void deleteUser(String userId, String adminId, String clientAddress) {
    Account account = directory.delete(userId);
    audit.record(AuditEventType.USER_DELETED, adminId, account.email(), clientAddress, null);
  }
}
