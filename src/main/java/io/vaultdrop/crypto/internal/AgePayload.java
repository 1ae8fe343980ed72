package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.AgeIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * A complete age v1 file (ChaCha20-Poly1305, 64 KiB chunks) to the X25519 identity whose private
 * key is the payload subkey. age has no associated data: the object's key commitment binds the
 * header and associated data to the data key, and only the data key yields this identity.
 */
final class AgePayload implements Payload {

  @Override
  public String keyLabel() {
    return "age x25519 identity";
  }

  @Override
  public OutputStream encrypt(OutputStream sink, byte[] payloadKey, byte[] associatedData)
      throws IOException, GeneralSecurityException {
    AgeIdentity identity = AgeIdentity.fromSecretBytes(payloadKey);
    try {
      return AgeStreams.encrypt(sink, identity.recipient());
    } finally {
      identity.destroy();
    }
  }

  @Override
  public InputStream decrypt(InputStream source, byte[] payloadKey, byte[] associatedData)
      throws IOException, GeneralSecurityException {
    AgeIdentity identity = AgeIdentity.fromSecretBytes(payloadKey);
    try {
      // The object payload is always binary: armor is for files people hand over, never stored.
      return AgeStreams.decrypt(source, List.of(identity), false);
    } finally {
      identity.destroy();
    }
  }
}
