package io.vaultdrop.capsules.internal;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;

/**
 * 400 {@code invalid_token}: the JWE is malformed, tampered with, made with another key or with
 * anything but the one accepted algorithm pair. One answer for every cause, so a client learns
 * nothing about which check failed.
 */
public final class InvalidCapsuleTokenException extends DomainException {

  private static final long serialVersionUID = 1L;

  public InvalidCapsuleTokenException() {
    super(ErrorCode.INVALID_TOKEN, "problem.capsule.invalid-token");
  }
}
