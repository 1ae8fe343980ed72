package io.vaultdrop.tool.internal;

import io.vaultdrop.crypto.AgeFiles;
import io.vaultdrop.crypto.AgeIdentity;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.crypto.ObjectHeader;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.tool.internal.KeyFiles.InvalidKeyFileException;
import io.vaultdrop.tool.internal.KeyFiles.ParsedKey;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * The tool's two file formats, in and out of stored objects: plain age v1 for ChaCha20-Poly1305 (so
 * {@code age -d -i name.key name.enc} works) and Vaultdrop's object format for AES-256-GCM, each
 * with its key file ({@link KeyFiles}). Everything streams; failures to open are {@code 422
 * decryption_failed} and release no plaintext of a bad segment.
 */
@Component
final class ToolCiphertexts {

  private static final byte[] AGE_MAGIC =
      "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AGE_ARMOR = AgeFiles.ARMOR_HEADER.getBytes(StandardCharsets.US_ASCII);

  private final ObjectCipher cipher;
  private final AgeFiles age;
  private final KeyFiles keyFiles;
  private final Clock clock;

  ToolCiphertexts(ObjectCipher cipher, AgeFiles age, KeyFiles keyFiles, Clock clock) {
    this.cipher = cipher;
    this.age = age;
    this.keyFiles = keyFiles;
    this.clock = clock;
  }

  /**
   * What {@link #encrypt} wrote.
   *
   * @param keyFile the portable key file that opens it (handle like the key itself)
   * @param size plaintext bytes
   */
  record Encrypted(String keyFile, long size) {}

  /** The whole of a stored ciphertext opened: suite, key mode and plaintext bytes. */
  record Checked(CipherSuite suite, KeyMode mode, long size) {}

  /**
   * Plaintext of a stored ciphertext, decrypted while read; {@code armored} for an ASCII-armored
   * age file (errors say so).
   */
  record Opened(CipherSuite suite, InputStream plaintext, boolean armored) {

    Opened(CipherSuite suite, InputStream plaintext) {
      this(suite, plaintext, false);
    }

    /** What a reader is told when the plaintext fails part-way. */
    String damaged() {
      return damagedMessage(armored);
    }
  }

  /** Streams {@code content} into {@code object} encrypted under a fresh key; closes the sink. */
  Encrypted encrypt(NewObject object, CipherSuite suite, InputStream content) throws IOException {
    if (suite == CipherSuite.CHACHA20_POLY1305) {
      AgeIdentity identity = AgeIdentity.generate();
      try {
        String keyFile = KeyFiles.ageKeyFile(identity, clock.instant());
        try (OutputStream out = age.encrypt(object.ciphertext(), identity.recipient())) {
          return new Encrypted(keyFile, content.transferTo(out));
        }
      } finally {
        identity.destroy();
      }
    }
    String keyId = KeyFiles.newKeyId();
    try (DataKey key = DataKey.generate()) {
      String keyFile = KeyFiles.aesKeyFile(key, keyId);
      try (OutputStream out = object.encrypt(suite, key, keyId, KeyFiles.associatedData(keyId))) {
        return new Encrypted(keyFile, content.transferTo(out));
      }
    }
  }

  /** Decrypts the whole ciphertext into nothing: any failure is a 422. Closes the stream. */
  Checked check(InputStream ciphertext, String keyText) throws IOException {
    ParsedKey key;
    try {
      key = parseKey(keyText);
    } catch (RuntimeException e) {
      ciphertext.close();
      throw e;
    }
    try {
      Opened opened = open(ciphertext, key);
      try (InputStream plain = opened.plaintext()) {
        long size = plain.transferTo(OutputStream.nullOutputStream());
        return new Checked(opened.suite(), key.mode(), size);
      } catch (DecryptionFailedException e) {
        throw decryptionFailed(opened.damaged());
      }
    } finally {
      key.destroy();
    }
  }

  /**
   * Opens the plaintext of a ciphertext (age or Vaultdrop object) with the key; closes the stream
   * on failure.
   */
  Opened open(InputStream ciphertext, ParsedKey key) throws IOException {
    InputStream in = new BufferedInputStream(ciphertext);
    try {
      in.mark(AGE_ARMOR.length);
      byte[] start = in.readNBytes(AGE_ARMOR.length);
      in.reset();
      boolean armored = Arrays.equals(start, AGE_ARMOR);
      if (armored
          || (start.length >= AGE_MAGIC.length
              && Arrays.equals(start, 0, AGE_MAGIC.length, AGE_MAGIC, 0, AGE_MAGIC.length))) {
        if (!key.isAge()) {
          throw decryptionFailed(
              armored ? "problem.tool.aes-key-armored-file" : "problem.tool.aes-key-age-file");
        }
        try {
          return new Opened(CipherSuite.CHACHA20_POLY1305, age.decrypt(in, key.ages()), armored);
        } catch (DecryptionFailedException e) {
          in.close();
          throw decryptionFailed(damagedMessage(armored));
        }
      }
      ObjectHeader header = cipher.readHeader(in);
      if (key.aes() == null || !header.keyId().equals(key.keyId())) {
        throw decryptionFailed("problem.tool.not-this-key");
      }
      return new Opened(
          header.suite(),
          cipher.decrypt(header, in, key.aes(), KeyFiles.associatedData(key.keyId())));
    } catch (DecryptionFailedException e) {
      in.close();
      throw decryptionFailed("problem.tool.damaged");
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Parses a key file (portable or server-bound); a bad one is a 422. */
  ParsedKey parseKey(String keyText) {
    try {
      return keyFiles.parse(keyText);
    } catch (InvalidKeyFileException e) {
      throw decryptionFailed(e.getMessage());
    }
  }

  /** Wraps a portable key file so that only this server can use it. */
  String serverBound(String keyFile) {
    return keyFiles.serverBound(keyFile);
  }

  private static String damagedMessage(boolean armored) {
    return armored ? "problem.tool.armored-damaged" : "problem.tool.damaged";
  }

  static DomainException decryptionFailed(String detail) {
    return new DomainException(ErrorCode.DECRYPTION_FAILED, detail);
  }
}
