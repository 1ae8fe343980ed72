package io.vaultdrop.accounts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The 30,000 most common passwords from public breach corpora, as shipped by the zxcvbn library
 * (frequency-ranked, lower case). Matching is case-insensitive.
 */
@Component
final class BreachedPasswords {

  static final String RESOURCE = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

  private final Set<String> passwords;

  BreachedPasswords() {
    this.passwords = load();
  }

  boolean contains(String password) {
    return passwords.contains(password.toLowerCase(Locale.ROOT));
  }

  int size() {
    return passwords.size();
  }

  private static Set<String> load() {
    try (InputStream in = BreachedPasswords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("breached password list missing from the class path");
      }
      Set<String> set = new HashSet<>(40_000);
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        reader.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(set::add);
      }
      return Set.copyOf(set);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
