package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.AgeFiles;
import io.vaultdrop.crypto.AgeIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;

/** {@link AgeFiles} on jagged. */
final class JaggedAgeFiles implements AgeFiles {

  @Override
  public OutputStream encrypt(OutputStream sink, String recipient) throws IOException {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(recipient, "recipient");
    try {
      return AgeStreams.encrypt(sink, recipient);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an age X25519 recipient (expected age1…)", e);
    }
  }

  @Override
  public InputStream decrypt(InputStream ageFile, AgeIdentity identity) throws IOException {
    Objects.requireNonNull(identity, "identity");
    TrackedSource source = new TrackedSource(ageFile);
    try {
      return new GuardedPlaintext(AgeStreams.decrypt(source, identity), source, "age file");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw GuardedPlaintext.translate(e, source, "age file");
    }
  }
}
