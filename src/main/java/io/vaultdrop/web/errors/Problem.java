package io.vaultdrop.web.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * An RFC 9457 problem together with the headers its response needs ({@code Allow}, ...). Every
 * {@code 401} carries a {@code WWW-Authenticate} challenge (RFC 9110 requires one): {@code Password
 * realm="share"} when a share's password is missing or wrong, {@code Bearer realm="vaultdrop"}
 * otherwise (a missing, expired or refused token or credentials). A {@code 403 insufficient_scope}
 * (an API key without the scope an endpoint needs) carries {@code Bearer realm="vaultdrop",
 * error="insufficient_scope", scope="…"}.
 */
record Problem(ProblemDetail body, HttpHeaders headers) {

  static final String SHARE_PASSWORD_CHALLENGE = "Password realm=\"share\"";
  static final String BEARER_CHALLENGE = "Bearer realm=\"vaultdrop\"";

  Problem {
    Object scope = body.getProperties() == null ? null : body.getProperties().get("scope");
    if (body.getStatus() == 403
        && "insufficient_scope".equals(code(body))
        && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
      // RFC 6750 section 3.1; scope names are fixed [a-z:] texts, safe inside the quotes.
      headers.set(
          HttpHeaders.WWW_AUTHENTICATE,
          BEARER_CHALLENGE
              + ", error=\"insufficient_scope\""
              + (scope instanceof String name ? ", scope=\"" + name + "\"" : ""));
    }
    if (body.getStatus() == 401 && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
      Object code = code(body);
      headers.set(
          HttpHeaders.WWW_AUTHENTICATE,
          "password_required".equals(code) || "wrong_password".equals(code)
              ? SHARE_PASSWORD_CHALLENGE
              : BEARER_CHALLENGE);
    }
  }

  private static Object code(ProblemDetail body) {
    return body.getProperties() == null ? null : body.getProperties().get("code");
  }

  int status() {
    return body.getStatus();
  }

  /** The JSON members in their conventional order. */
  Map<String, Object> members() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", body.getType() == null ? "about:blank" : body.getType().toString());
    members.put("title", body.getTitle());
    members.put("status", body.getStatus());
    if (body.getDetail() != null) {
      members.put("detail", body.getDetail());
    }
    if (body.getInstance() != null) {
      members.put("instance", body.getInstance().toString());
    }
    if (body.getProperties() != null) {
      members.putAll(body.getProperties());
    }
    return members;
  }
}
