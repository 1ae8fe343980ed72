package io.vaultdrop.web;

import io.vaultdrop.errors.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the small JSON bodies of option requests (a download password, share options) with a hard
 * size cap, so no client can make the server buffer more than {@value #MAX_BYTES} bytes.
 */
public final class JsonBodies {

  /** Largest body accepted. */
  public static final int MAX_BYTES = 8 * 1024;

  private JsonBodies() {}

  /**
   * The body as a JSON object; empty for an empty body or JSON {@code null}.
   *
   * @throws DomainException 413 {@code too_large} beyond {@value #MAX_BYTES} bytes, 400 {@code
   *     invalid_request} for anything but a JSON object
   */
  public static Optional<JsonNode> object(HttpServletRequest request, JsonMapper json)
      throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (body.length > MAX_BYTES) {
      throw DomainException.tooLarge();
    }
    if (body.length == 0) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JacksonException e) {
      throw DomainException.invalidRequest("problem.json.invalid");
    }
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw DomainException.invalidRequest("problem.json.not-object");
    }
    return Optional.of(node);
  }
}
