package io.vaultdrop.tool.internal;

import io.vaultdrop.crypto.AgeIdentity;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Writes and reads the {@code .key} files of the tool (format: {@code docs/encrypt-tool.md}).
 *
 * <ul>
 *   <li>age identity file (PORTABLE ChaCha20-Poly1305): optional {@code #} comment lines as {@code
 *       age-keygen} writes them, and one {@code AGE-SECRET-KEY-1…} line (the tool writes one; files
 *       with several, as {@code age -i} accepts, are read, and any of them may open a file).
 *   <li>{@code vaultdrop-key v1} (PORTABLE AES-256-GCM): {@code algorithm: AES_256_GCM}, {@code
 *       key-id: …}, {@code key: <base64 of 32 bytes>}.
 *   <li>{@code vaultdrop-sealed-key v1} (SERVER_BOUND): the base64 of a {@link WrappedKey} sealing
 *       one of the two portable files under the master key, context {@value #SERVER_BOUND_CONTEXT}.
 * </ul>
 *
 * <p>Parse errors never repeat the input (it is a secret).
 */
@Component
public final class KeyFiles {

  static final String AES_HEADER = "vaultdrop-key v1";
  static final String SEALED_HEADER = "vaultdrop-sealed-key v1";
  static final String SERVER_BOUND_CONTEXT = "vaultdrop-tool server-bound key v1";
  private static final Pattern KEY_ID = Pattern.compile("tool-[0-9a-f]{16}");

  /** Most age identities one key file may hold (each is tried against every stanza). */
  static final int MAX_IDENTITIES = 32;

  private final MasterKeyRing ring;

  KeyFiles(MasterKeyRing ring) {
    this.ring = ring;
  }

  /** Associated data of a tool object encrypted with AES-256-GCM under {@code keyId}. */
  static byte[] associatedData(String keyId) {
    return ("vaultdrop-tool:" + keyId).getBytes(StandardCharsets.US_ASCII);
  }

  static String newKeyId() {
    byte[] random = new byte[8];
    new java.security.SecureRandom().nextBytes(random);
    return "tool-" + HexFormat.of().formatHex(random);
  }

  /** An age identity file like {@code age-keygen} writes. */
  static String ageKeyFile(AgeIdentity identity, Instant created) {
    return "# created: "
        + created.truncatedTo(ChronoUnit.SECONDS)
        + "\n# public key: "
        + identity.recipient()
        + "\n"
        + identity.exportSecretKey()
        + "\n";
  }

  /** A {@code vaultdrop-key v1} file for an AES-256-GCM object. */
  static String aesKeyFile(DataKey key, String keyId) {
    byte[] bytes = key.exportSecretBytes();
    try {
      return AES_HEADER
          + "\nalgorithm: AES_256_GCM\nkey-id: "
          + keyId
          + "\nkey: "
          + Base64.getEncoder().encodeToString(bytes)
          + "\n";
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Seals a portable key file for this server only. */
  String serverBound(String portableKeyFile) {
    byte[] bytes = portableKeyFile.getBytes(StandardCharsets.UTF_8);
    try {
      WrappedKey sealed = ring.seal(bytes, context());
      return SEALED_HEADER + "\n" + Base64.getEncoder().encodeToString(sealed.toBytes()) + "\n";
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Reads any supported key file.
   *
   * @throws InvalidKeyFileException not a key file, or sealed by another server
   */
  ParsedKey parse(String text) throws InvalidKeyFileException {
    String trimmed = text.strip();
    if (trimmed.startsWith(SEALED_HEADER)) {
      String body = trimmed.substring(SEALED_HEADER.length()).strip();
      byte[] opened;
      try {
        opened = ring.open(WrappedKey.fromBytes(Base64.getMimeDecoder().decode(body)), context());
      } catch (KeyUnwrapException | IllegalArgumentException e) {
        throw new InvalidKeyFileException("The key was sealed by another server or is damaged.");
      }
      try {
        String inner = new String(opened, StandardCharsets.UTF_8).strip();
        if (inner.startsWith(SEALED_HEADER)) {
          throw new InvalidKeyFileException("The key file is not valid.");
        }
        return parsePortable(inner, KeyMode.SERVER_BOUND);
      } finally {
        Arrays.fill(opened, (byte) 0);
      }
    }
    return parsePortable(trimmed, KeyMode.PORTABLE);
  }

  private static ParsedKey parsePortable(String text, KeyMode mode) throws InvalidKeyFileException {
    if (text.startsWith(AES_HEADER)) {
      return parseAes(text, mode);
    }
    List<AgeIdentity> identities = new ArrayList<>();
    try {
      for (String raw : text.split("\\R")) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (identities.size() == MAX_IDENTITIES
            || !line.toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-1")) {
          throw new InvalidKeyFileException("The key file is not a Vaultdrop or age key file.");
        }
        try {
          identities.add(AgeIdentity.parse(line));
        } catch (IllegalArgumentException e) {
          throw new InvalidKeyFileException("An age key in the key file is not valid.");
        }
      }
    } catch (InvalidKeyFileException e) {
      identities.forEach(AgeIdentity::destroy);
      throw e;
    }
    if (identities.isEmpty()) {
      throw new InvalidKeyFileException("The key file is not a Vaultdrop or age key file.");
    }
    return ParsedKey.age(identities, mode);
  }

  private static ParsedKey parseAes(String text, KeyMode mode) throws InvalidKeyFileException {
    String algorithm = null;
    String keyId = null;
    String key = null;
    String[] lines = text.split("\\R");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new InvalidKeyFileException("The key file is not valid.");
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      switch (name) {
        case "algorithm" -> algorithm = value;
        case "key-id" -> keyId = value;
        case "key" -> key = value;
        default -> throw new InvalidKeyFileException("The key file is not valid.");
      }
    }
    if (!"AES_256_GCM".equals(algorithm) || keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new InvalidKeyFileException("The key file is not valid.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key == null ? "" : key);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyFileException("The key file is not valid.");
    }
    try {
      if (bytes.length != DataKey.LENGTH) {
        throw new InvalidKeyFileException("The key file is not valid.");
      }
      return ParsedKey.aes(DataKey.fromSecretBytes(bytes), keyId, mode);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static byte[] context() {
    return SERVER_BOUND_CONTEXT.getBytes(StandardCharsets.US_ASCII);
  }

  /** A key file that cannot be used; the message is safe to show. */
  static final class InvalidKeyFileException extends Exception {
    InvalidKeyFileException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The usable key of a key file: exactly one of {@code ages} (non-empty) and {@code aes} is set.
   */
  record ParsedKey(List<AgeIdentity> ages, DataKey aes, String keyId, KeyMode mode) {

    static ParsedKey age(List<AgeIdentity> identities, KeyMode mode) {
      return new ParsedKey(List.copyOf(identities), null, null, mode);
    }

    static ParsedKey aes(DataKey key, String keyId, KeyMode mode) {
      return new ParsedKey(null, key, keyId, mode);
    }

    boolean isAge() {
      return ages != null;
    }

    void destroy() {
      if (ages != null) {
        ages.forEach(AgeIdentity::destroy);
      }
      if (aes != null) {
        aes.destroy();
      }
    }

    @Override
    public String toString() {
      return "ParsedKey[" + (ages != null ? "age" : "aes") + ", " + mode + "]";
    }
  }
}
