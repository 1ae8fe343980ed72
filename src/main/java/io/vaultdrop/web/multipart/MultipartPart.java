package io.vaultdrop.web.multipart;

import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One part of a multipart body.
 *
 * @param headers the part's headers, names in lower case, values trimmed (each name at most once)
 * @param content the part's bytes, read straight off the request; valid until the reader moves on
 */
public record MultipartPart(Map<String, String> headers, InputStream content) {

  public MultipartPart {
    headers = Map.copyOf(headers);
  }

  /** The value of a header, the name in any case, or {@code null}. */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
