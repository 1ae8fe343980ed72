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
 * Single-use e-mail verification tokens: 128-bit selector (the look-up key) + 256-bit verifier.
 * Only SHA-256 of the verifier is stored, compared in constant time; a database copy cannot verify
 * anyone. Consuming deletes the row, so a token works once even under concurrent clicks.
 */
@Component
final class VerificationTokens {

  private static final int SELECTOR_BYTES = 16;
  private static final int VERIFIER_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final HexFormat HEX = HexFormat.of();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  VerificationTokens(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Issues a new token for the user, replacing any earlier one. */
  String issue(String userId, Duration lifetime) {
    byte[] raw = new byte[SELECTOR_BYTES + VERIFIER_BYTES];
    random.nextBytes(raw);
    String selector = HEX.formatHex(raw, 0, SELECTOR_BYTES);
    byte[] verifier = Arrays.copyOfRange(raw, SELECTOR_BYTES, raw.length);
    jdbc.sql("DELETE FROM email_verifications WHERE user_id = ?").param(userId).update();
    jdbc.sql(
            "INSERT INTO email_verifications (selector, user_id, verifier_hash, expires_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(selector, userId, sha256Hex(verifier), clock.millis() + lifetime.toMillis())
        .update();
    return ENCODER.encodeToString(raw);
  }

  /** Consumes a token and returns its user id, or throws {@code invalid_token}. */
  String consume(String token) {
    byte[] raw = decode(token).orElseThrow(AccountException::invalidToken);
    String selector = HEX.formatHex(raw, 0, SELECTOR_BYTES);
    byte[] presented =
        sha256Hex(Arrays.copyOfRange(raw, SELECTOR_BYTES, raw.length))
            .getBytes(StandardCharsets.US_ASCII);
    var row =
        jdbc.sql(
                "SELECT user_id, verifier_hash, expires_at FROM email_verifications"
                    + " WHERE selector = ?")
            .param(selector)
            .query(
                (rs, n) ->
                    new Row(
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
    int deleted =
        jdbc.sql("DELETE FROM email_verifications WHERE selector = ?").param(selector).update();
    if (deleted != 1) {
      throw AccountException.invalidToken(); // a concurrent request consumed it first
    }
    return row.userId();
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

  private record Row(String userId, String verifierHash, long expiresAt) {}
}
