package io.vaultdrop.uploads.web;

import io.vaultdrop.errors.DomainException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The tus {@code Upload-Metadata} header: comma-separated pairs of a key and an optional Base64
 * value. Keys are ASCII without spaces or commas and appear once; values must be valid UTF-8.
 * Anything else is a 400, never a guess.
 */
record UploadMetadata(Map<String, String> values) {

  private static final Pattern KEY = Pattern.compile("[!-+\\--~]{1,64}");
  private static final int MAX_PAIRS = 32;

  static UploadMetadata parse(@Nullable String header) {
    Map<String, String> values = new LinkedHashMap<>();
    if (header == null || header.isBlank()) {
      return new UploadMetadata(values);
    }
    String[] pairs = header.split(",", -1);
    if (pairs.length > MAX_PAIRS) {
      throw invalid();
    }
    for (String pair : pairs) {
      String[] parts = pair.strip().split(" ", -1);
      if (parts.length > 2 || !KEY.matcher(parts[0]).matches() || values.containsKey(parts[0])) {
        throw invalid();
      }
      values.put(parts[0], parts.length == 2 ? decode(parts[1]) : "");
    }
    return new UploadMetadata(values);
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The file's name: {@code filename}, or {@code name} as Uppy sends it. */
  Optional<String> fileName() {
    return get("filename").or(() -> get("name")).filter(name -> !name.isBlank());
  }

  private static String decode(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw invalid();
    }
  }

  private static DomainException invalid() {
    return DomainException.invalidRequest("problem.upload.metadata");
  }
}
