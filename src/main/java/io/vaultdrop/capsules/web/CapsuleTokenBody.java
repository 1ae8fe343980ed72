package io.vaultdrop.capsules.web;

import io.vaultdrop.capsules.internal.CapsuleTokens;
import io.vaultdrop.capsules.internal.InvalidCapsuleTokenException;
import io.vaultdrop.errors.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code {"jwe": "..."}} from a request body without trusting its size: at most {@value
 * #MAX_BODY} bytes are read, and a larger body is an oversized token. The token itself is never
 * logged or echoed.
 */
@Component
final class CapsuleTokenBody {

  static final int MAX_BODY = CapsuleTokens.MAX_LENGTH + 1024;

  private final JsonMapper json;

  CapsuleTokenBody(JsonMapper json) {
    this.json = json;
  }

  String read(HttpServletRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw new InvalidCapsuleTokenException();
    }
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (JacksonException e) {
      throw DomainException.invalidRequest("problem.capsule.body");
    }
    JsonNode jwe = tree == null ? null : tree.get("jwe");
    if (jwe == null || !jwe.isString()) {
      throw new InvalidCapsuleTokenException();
    }
    return jwe.asString();
  }
}
