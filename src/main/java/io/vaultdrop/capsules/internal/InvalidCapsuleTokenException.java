package io.vaultdrop.capsules.internal;

import io.vaultdrop.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * 400 {@code invalid_token}: the JWE is malformed, tampered with, made with another key or with
 * anything but the one accepted algorithm pair. One answer for every cause, so a client learns
 * nothing about which check failed.
 */
public final class InvalidCapsuleTokenException extends ApiException {

  private static final long serialVersionUID = 1L;

  public InvalidCapsuleTokenException() {
    super(
        HttpStatus.BAD_REQUEST,
        "invalid_token",
        "Bad Request",
        "The capsule token is not valid for this server.");
  }
}
