package io.vaultdrop.testsupport;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /actuator/prometheus} (text exposition format), parsed into samples: {@code
 * name} plus labels to value. Lines that are comments are skipped.
 */
public final class PrometheusText {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Map<String, Map<Map<String, String>, Double>> samples = new HashMap<>();
  private final String text;

  public PrometheusText(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line.strip());
      if (!sample.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples
          .computeIfAbsent(sample.group(1), n -> new HashMap<>())
          .put(labels, Double.parseDouble(sample.group(3)));
    }
  }

  public String text() {
    return text;
  }

  /** Every sample name in the scrape. */
  public Set<String> names() {
    return new HashSet<>(samples.keySet());
  }

  /**
   * The value of {@code name} with exactly these labels ({@code "k", "v", ...}); 0 when there is no
   * such series (a counter that never counted).
   */
  public double value(String name, String... labelPairs) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      wanted.put(labelPairs[i], labelPairs[i + 1]);
    }
    return samples.getOrDefault(name, Map.of()).getOrDefault(wanted, 0.0);
  }

  /** Every label set that {@code name} has. */
  public Set<Map<String, String>> series(String name) {
    return samples.getOrDefault(name, Map.of()).keySet();
  }

  /** Every label name used by any sample. */
  public Set<String> labelNames() {
    Set<String> names = new HashSet<>();
    samples.values().forEach(series -> series.keySet().forEach(l -> names.addAll(l.keySet())));
    return names;
  }
}
