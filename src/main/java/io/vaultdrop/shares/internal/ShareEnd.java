package io.vaultdrop.shares.internal;

import java.util.Locale;

/**
 * Why a share link stopped working: what its landing page tells the recipient, and what its
 * tombstone ({@link ShareTombstones}) keeps once the share itself is gone.
 */
public enum ShareEnd {
  /** Every download was taken. */
  USED_UP,
  /** Its expiry time passed. */
  EXPIRED,
  /** The sender revoked it (or deleted their account). */
  REVOKED,
  /** Destroyed after {@value ShareService#MAX_PASSWORD_ATTEMPTS} wrong passwords. */
  LOCKED;

  /** The stored and page form: {@code used_up}, {@code expired}, ... */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ShareEnd ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /**
   * Why {@code share}, no longer available, ended. A lockout wins (it is what made the link
   * unusable for good), then used up (downloads are only taken before expiry).
   */
  static ShareEnd of(StoredShare share) {
    if (share.failedAttempts() >= ShareService.MAX_PASSWORD_ATTEMPTS) {
      return LOCKED;
    }
    if (share.remaining() <= 0) {
      return USED_UP;
    }
    return EXPIRED;
  }
}
