package io.vaultdrop.crypto;

import java.security.GeneralSecurityException;

/**
 * A wrapped key or sealed secret cannot be opened: its master key id is unknown to the ring, its
 * context differs from the one it was wrapped with, or its bytes were modified. The message names
 * the reason and at most the (public) key id, never key material.
 */
public final class KeyUnwrapException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  public KeyUnwrapException(String message) {
    super(message);
  }

  public KeyUnwrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
