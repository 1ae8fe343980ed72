package io.vaultdrop.vault.web;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.shares.ShareLinks;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the options of a share made from a vault file: a JSON body {@code {"expiresIn",
 * "maxDownloads", "password"}}, the same as form fields, or no body at all (defaults). Ranges are
 * checked by the shares module, exactly as for {@code POST /api/v1/shares}.
 */
@Component
final class ShareOptionsReader {

  private static final int MAX_BODY = 8 * 1024;

  private final JsonMapper json;

  ShareOptionsReader(JsonMapper json) {
    this.json = json;
  }

  ShareLinks.Options read(HttpServletRequest request) throws IOException {
    String type = request.getContentType();
    if (type == null) {
      return ShareLinks.Options.defaults();
    }
    String lower = type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("application/x-www-form-urlencoded")) {
      return ShareLinks.Options.fromForm(
          request.getParameter("expiresIn"),
          request.getParameter("maxDownloads"),
          request.getParameter("password"));
    }
    if (!lower.startsWith("application/json")) {
      throw new DomainException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the options as JSON or as form fields.");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw DomainException.tooLarge();
    }
    if (body.length == 0) {
      return ShareLinks.Options.defaults();
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JacksonException e) {
      throw DomainException.invalidRequest("The body is not valid JSON.");
    }
    if (node == null || node.isNull()) {
      return ShareLinks.Options.defaults();
    }
    if (!node.isObject()) {
      throw DomainException.invalidRequest("The body must be a JSON object.");
    }
    return new ShareLinks.Options(
        whole(node.get("expiresIn"), "expiresIn"),
        whole(node.get("maxDownloads"), "maxDownloads"),
        text(node.get("password")));
  }

  private static @Nullable Long whole(@Nullable JsonNode value, String field) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw DomainException.invalidRequest(field + " must be a positive whole number.");
    }
    return value.asLong();
  }

  private static @Nullable String text(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw DomainException.invalidRequest("password must be a string.");
    }
    return value.asString();
  }
}
