package io.vaultdrop.vault.web;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.web.JsonBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the options of a share made from a vault file: a JSON body {@code {"expiresIn",
 * "maxDownloads", "password"}}, the same as form fields, or no body at all (defaults). Ranges are
 * checked by the shares module, exactly as for {@code POST /api/v1/shares}.
 */
@Component
final class ShareOptionsReader {

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
      throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "problem.vault.options-type");
    }
    Optional<JsonNode> body = JsonBodies.object(request, json);
    if (body.isEmpty()) {
      return ShareLinks.Options.defaults();
    }
    JsonNode node = body.get();
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
      throw DomainException.invalidRequest("problem.field-positive", field);
    }
    return value.asLong();
  }

  private static @Nullable String text(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw DomainException.invalidRequest("problem.password-not-string");
    }
    return value.asString();
  }
}
