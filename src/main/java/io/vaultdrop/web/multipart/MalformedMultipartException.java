package io.vaultdrop.web.multipart;

import java.io.IOException;

/**
 * The body is not well-formed {@code multipart/form-data}: a missing or invalid boundary, part
 * headers that are too long or broken, or a body that ends before its close delimiter. The message
 * names the rule only, never bytes from the body.
 */
public final class MalformedMultipartException extends IOException {

  public MalformedMultipartException(String message) {
    super(message);
  }
}
