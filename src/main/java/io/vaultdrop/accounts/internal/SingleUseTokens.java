package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.AccountException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use tokens mailed to an account: e-mail verification and password reset, each in its own
 * table. A token is a 128-bit selector (the look-up key) + 256-bit verifier; only SHA-256 of the
 * verifier is stored, compared in constant time, so a database copy cannot use any. Consuming
 * deletes the row, so a token works once even under concurrent requests; a newer token for the same
 * account and purpose replaces the older one.
 */
@Component
final class SingleUseTokens {

  /** What a token is for; each purpose has its table (same columns). */
  enum Purpose {
    EMAIL_VERIFICATION("email_verifications"),
    PASSWORD_RESET("password_resets");

    private final String table;

    Purpose(String table) {
      this.table = table;
    }
  }

  private static final int SELECTOR_BYTES = 16;
  private static final int VERIFIER_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final HexFormat HEX = HexFormat.of();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  SingleUseTokens(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Issues a new token for the user, replacing any earlier one of that purpose. */
  String issue(Purpose purpose, String userId, Duration lifetime) {
    byte[] raw = new byte[SELECTOR_BYTES + VERIFIER_BYTES];
    random.nextBytes(raw);
    String selector = HEX.formatHex(raw, 0, SELECTOR_BYTES);
    byte[] verifier = Arrays.copyOfRange(raw, SELECTOR_BYTES, raw.length);
    jdbc.sql("DELETE FROM " + purpose.table + " WHERE user_id = ?").param(userId).update();
    jdbc.sql(
            "INSERT INTO "
                + purpose.table
                + " (selector, user_id, verifier_hash, expires_at) VALUES (?, ?, ?, ?)")
        .params(selector, userId, sha256Hex(verifier), clock.millis() + lifetime.toMillis())
        .update();
    return ENCODER.encodeToString(raw);
  }

  /**
   * Returns the user id of a valid token without using it up (to check what comes with it first),
   * or throws {@code invalid_token}.
   */
  String peek(Purpose purpose, String token) {
    return find(purpose, token).userId();
  }

  /** Consumes a token and returns its user id, or throws {@code invalid_token}. */
  String consume(Purpose purpose, String token) {
    Row row = find(purpose, token);
    int deleted =
        jdbc.sql("DELETE FROM " + purpose.table + " WHERE selector = ?")
            .param(row.selector())
            .update();
    if (deleted != 1) {
      throw AccountException.invalidToken(); // a concurrent request consumed it first
    }
    return row.userId();
  }

  /** Deletes the expired tokens of every purpose; returns how many. */
  int deleteExpired() {
    int deleted = 0;
    for (Purpose purpose : Purpose.values()) {
      deleted +=
          jdbc.sql("DELETE FROM " + purpose.table + " WHERE expires_at <= ?")
              .param(clock.millis())
              .update();
    }
    return deleted;
  }

  private Row find(Purpose purpose, String token) {
    byte[] raw = decode(token).orElseThrow(AccountException::invalidToken);
    String selector = HEX.formatHex(raw, 0, SELECTOR_BYTES);
    byte[] presented =
        sha256Hex(Arrays.copyOfRange(raw, SELECTOR_BYTES, raw.length))
            .getBytes(StandardCharsets.US_ASCII);
    Row row =
        jdbc.sql(
                "SELECT user_id, verifier_hash, expires_at FROM "
                    + purpose.table
                    + " WHERE selector = ?")
            .param(selector)
            .query(
                (rs, n) ->
                    new Row(
                        selector,
                        rs.getString("user_id"),
                        rs.getString("verifier_hash"),
                        rs.getLong("expires_at")))
            .optional()
            .orElseThrow(AccountException::invalidToken);
    boolean matches =
        MessageDigest.isEqual(presented, row.verifierHash().getBytes(StandardCharsets.US_ASCII));
    if (!matches || row.expiresAt() <= clock.millis()) {
      throw AccountException.invalidToken();
    }
    return row;
  }

  private static Optional<byte[]> decode(String token) {
    if (token == null || token.length() > 128) {
      return Optional.empty();
    }
    try {
      byte[] raw = Base64.getUrlDecoder().decode(token.strip());
      return raw.length == SELECTOR_BYTES + VERIFIER_BYTES ? Optional.of(raw) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Row(String selector, String userId, String verifierHash, long expiresAt) {}
}
