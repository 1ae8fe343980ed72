package io.vaultdrop.vault.internal;

import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import org.springframework.stereotype.Service;

/**
 * The administrators' side of the vault: after a master key rotation, re-wrap every user key pair
 * still sealed by an older master key (never touching files), and statistics without content.
 */
@Service
public final class VaultKeyRotation {

  private final UserKeys keys;
  private final VaultFileRepository files;
  private final AuditLog audit;

  VaultKeyRotation(UserKeys keys, VaultFileRepository files, AuditLog audit) {
    this.keys = keys;
    this.files = files;
    this.audit = audit;
  }

  /**
   * @param primaryKeyId the master key that seals new values
   * @param userKeys key pairs stored
   * @param staleUserKeys key pairs sealed by another master key (re-wrap them, then the old key can
   *     leave the ring)
   * @param files finished vault files of all users
   * @param storedBytes their plaintext bytes
   */
  public record Status(
      String primaryKeyId, long userKeys, long staleUserKeys, long files, long storedBytes) {}

  /**
   * @param rewrapped user keys moved to the primary master key by this run
   * @param failed user keys sealed by a master key missing from the ring: still stale
   * @param userKeys key pairs stored
   *     <p>Serializable: the admin page hands it to the next page as a flash attribute, which lives
   *     in the web session in the database.
   */
  public record Report(String primaryKeyId, int rewrapped, int failed, long userKeys)
      implements java.io.Serializable {}

  public Status status() {
    UserKeys.KeyStatus status = keys.status();
    VaultFileRepository.Totals totals = files.totals();
    return new Status(
        status.primaryKeyId(), status.total(), status.stale(), totals.files(), totals.bytes());
  }

  /** Re-wraps stale user keys and records who did it in the audit log. */
  public Report rewrapUserKeys(String adminId, String clientAddress) {
    UserKeys.RewrapReport report = keys.rewrapStale();
    audit.record(
        AuditEventType.VAULT_KEYS_REWRAPPED,
        adminId,
        null,
        clientAddress,
        "primary="
            + report.primaryKeyId()
            + " rewrapped="
            + report.rewrapped()
            + " failed="
            + report.failed());
    return new Report(report.primaryKeyId(), report.rewrapped(), report.failed(), report.total());
  }
}
