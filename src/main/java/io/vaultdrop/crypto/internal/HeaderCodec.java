package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.ObjectHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes and decodes the object header: {@code 56 44 52 50 ("VDRP") | version (1 byte) | suite id
 * (1 byte) | key id length n (1 byte, 1..64) | key id (n ASCII bytes)}. See {@code
 * docs/object-format.md}.
 */
final class HeaderCodec {

  static final byte[] MAGIC = {'V', 'D', 'R', 'P'};

  private HeaderCodec() {}

  static byte[] encode(ObjectHeader header) {
    byte[] keyId = header.keyId().getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = Arrays.copyOf(MAGIC, MAGIC.length + 3 + keyId.length);
    bytes[MAGIC.length] = (byte) header.version();
    bytes[MAGIC.length + 1] = (byte) header.suite().id();
    bytes[MAGIC.length + 2] = (byte) keyId.length;
    System.arraycopy(keyId, 0, bytes, MAGIC.length + 3, keyId.length);
    return bytes;
  }

  /** Reads exactly one header, consuming nothing after it. */
  static ObjectHeader read(InputStream in) throws IOException {
    byte[] fixed = readFully(in, MAGIC.length + 3);
    if (!Arrays.equals(fixed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new DecryptionFailedException("not a Vaultdrop object (bad magic)");
    }
    int version = fixed[MAGIC.length] & 0xff;
    if (version != ObjectHeader.CURRENT_VERSION) {
      throw new DecryptionFailedException("unsupported object format version " + version);
    }
    int suiteId = fixed[MAGIC.length + 1] & 0xff;
    CipherSuite suite =
        CipherSuite.fromId(suiteId)
            .orElseThrow(() -> new DecryptionFailedException("unknown cipher suite " + suiteId));
    int keyIdLength = fixed[MAGIC.length + 2] & 0xff;
    if (keyIdLength == 0 || keyIdLength > ObjectHeader.MAX_KEY_ID_LENGTH) {
      throw new DecryptionFailedException("invalid key id length " + keyIdLength);
    }
    String keyId = new String(readFully(in, keyIdLength), StandardCharsets.US_ASCII);
    if (!ObjectHeader.isValidKeyId(keyId)) {
      throw new DecryptionFailedException("invalid key id characters");
    }
    return new ObjectHeader(version, suite, keyId);
  }

  static byte[] readFully(InputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new DecryptionFailedException("object truncated in its header");
    }
    return bytes;
  }
}
