package io.vaultdrop.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The text fields of a multipart upload, in arrival order; values are not trimmed. */
public record FormFields(Map<String, List<String>> values) {

  public FormFields {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    values = java.util.Collections.unmodifiableMap(copy);
  }

  public static FormFields empty() {
    return new FormFields(Map.of());
  }

  /** The first value of {@code name}, if the field was sent. */
  public Optional<String> first(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
  }

  /** Every value of {@code name}; empty when the field was not sent. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }
}
