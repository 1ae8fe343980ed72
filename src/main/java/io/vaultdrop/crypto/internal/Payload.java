package io.vaultdrop.crypto.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

/** The segmented payload of one cipher suite, after header and commitment. */
interface Payload {

  /** HKDF label naming this payload's subkey of the data key. */
  String keyLabel();

  /**
   * Returns an encrypting stream over {@code sink}; closing it writes the final segment and closes
   * {@code sink}. Implementations copy {@code payloadKey}; the caller wipes it afterwards.
   */
  OutputStream encrypt(OutputStream sink, byte[] payloadKey, byte[] associatedData)
      throws IOException, GeneralSecurityException;

  /**
   * Returns a stream of authenticated plaintext. Implementations copy {@code payloadKey}; the
   * caller wipes it afterwards.
   */
  InputStream decrypt(InputStream source, byte[] payloadKey, byte[] associatedData)
      throws IOException, GeneralSecurityException;
}
