package io.vaultdrop.web.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/** An RFC 9457 problem together with the headers its response needs ({@code Allow}, ...). */
record Problem(ProblemDetail body, HttpHeaders headers) {

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
