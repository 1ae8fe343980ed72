package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.AgeFiles;
import io.vaultdrop.crypto.AgeIdentity;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
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
  public InputStream decrypt(InputStream ageFile, List<AgeIdentity> identities) throws IOException {
    Objects.requireNonNull(ageFile, "ageFile");
    if (identities.isEmpty()) {
      throw new IllegalArgumentException("no identity");
    }
    InputStream in = new BufferedInputStream(ageFile);
    in.mark(ARMOR_START.length);
    boolean armored = Arrays.equals(in.readNBytes(ARMOR_START.length), ARMOR_START);
    in.reset();
    String what = armored ? "armored age file" : "age file";
    TrackedSource source = new TrackedSource(in);
    try {
      return new GuardedPlaintext(AgeStreams.decrypt(source, identities, armored), source, what);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw GuardedPlaintext.translate(e, source, what);
    }
  }

  @Override
  public OutputStream armor(OutputStream sink) throws IOException {
    return new AgeArmor(sink);
  }

  private static final byte[] ARMOR_START = ARMOR_HEADER.getBytes(StandardCharsets.US_ASCII);
}
