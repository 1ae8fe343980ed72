package io.vaultdrop.crypto.internal;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import io.vaultdrop.crypto.AgeIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** age v1 streams through jagged, for X25519 recipients and identities. */
final class AgeStreams {

  private AgeStreams() {}

  static OutputStream encrypt(OutputStream sink, String recipient)
      throws IOException, GeneralSecurityException {
    RecipientStanzaWriter writer =
        X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
    return Channels.newOutputStream(
        new StandardEncryptingChannelFactory()
            .newEncryptingChannel(ByteStreams.channel(sink), List.of(writer)));
  }

  static InputStream decrypt(InputStream source, List<AgeIdentity> identities, boolean armored)
      throws IOException, GeneralSecurityException {
    List<RecipientStanzaReader> readers = new ArrayList<>(identities.size());
    for (AgeIdentity identity : identities) {
      char[] secret = identity.exportSecretKey().toCharArray();
      try {
        readers.add(
            X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(CharBuffer.wrap(secret)));
      } finally {
        Arrays.fill(secret, '\0');
      }
    }
    StandardDecryptingChannelFactory factory =
        armored ? new ArmoredDecryptingChannelFactory() : new StandardDecryptingChannelFactory();
    return Channels.newInputStream(
        factory.newDecryptingChannel(ByteStreams.channel(source), readers));
  }
}
