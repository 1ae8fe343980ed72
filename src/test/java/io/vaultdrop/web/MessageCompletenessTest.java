package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.shares.internal.ShareEnd;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Every text the server can show exists in both languages: each key of a {@code
 * messages*.properties} has a non-empty Uzbek value in the matching {@code _uz} file and the other
 * way round, and every key a template ({@code #{...}}) or the Java code names exists. Keys built at
 * run time (problem titles, share end states) are checked for every value they can take.
 */
class MessageCompletenessTest {

  private static final Path RESOURCES = Path.of("src/main/resources");
  private static final Path TEMPLATES = RESOURCES.resolve("templates");
  private static final Path JAVA = Path.of("src/main/java");

  /** A static key in a template: {@code #{key}} or {@code #{key(args)}}. */
  private static final Pattern TEMPLATE_KEY =
      Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9_-]*(?:\\.[a-zA-Z0-9_-]+)+)[}(]");

  /** A quoted key in Java, as passed to the MessageSource or to a problem. */
  private static final Pattern JAVA_KEY =
      Pattern.compile("\"([a-z][a-zA-Z]*(?:\\.[a-zA-Z0-9_-]+)+)\"");

  /** A literal detail handed to a problem: must be a key, never an English sentence. */
  private static final Pattern DETAIL_LITERAL =
      Pattern.compile(
          "(?:invalidRequest|DomainException|AccountException|WeakPasswordException"
              + "|RetryLaterException|unsupportedFileType|decryptionFailed)\\(\\s*"
              + "(?:ErrorCode\\.\\w+,\\s*)?\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void everyBundle_hasEveryKeyInBothLanguages_withText() throws IOException {
    List<Path> english = bundles().filter(p -> !p.toString().endsWith("_uz.properties")).toList();
    assertThat(english).hasSizeGreaterThanOrEqualTo(7);
    List<String> problems = new ArrayList<>();
    for (Path en : english) {
      Path uz = Path.of(en.toString().replace(".properties", "_uz.properties"));
      assertThat(uz).as("Uzbek file of " + en).exists();
      Properties enTexts = load(en);
      Properties uzTexts = load(uz);
      for (String key : enTexts.stringPropertyNames()) {
        if (uzTexts.getProperty(key, "").isBlank()) {
          problems.add(uz.getFileName() + " lacks " + key);
        }
        if (enTexts.getProperty(key).isBlank()) {
          problems.add(en.getFileName() + " has an empty " + key);
        }
      }
      for (String key : uzTexts.stringPropertyNames()) {
        if (enTexts.getProperty(key, "").isBlank()) {
          problems.add(en.getFileName() + " lacks " + key);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyKeyATemplateNames_exists() throws IOException {
    Set<String> keys = allKeys();
    Map<String, String> missing = new TreeMap<>();
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        Matcher matcher = TEMPLATE_KEY.matcher(Files.readString(file));
        while (matcher.find()) {
          if (!keys.contains(matcher.group(1))) {
            missing.put(matcher.group(1), TEMPLATES.relativize(file).toString());
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyKeyTheJavaCodeNames_exists_andNoProblemCarriesAnEnglishSentence() throws IOException {
    Set<String> keys = allKeys();
    Set<String> prefixes = new TreeSet<>();
    keys.forEach(k -> prefixes.add(k.substring(0, k.indexOf('.'))));
    Map<String, String> missing = new TreeMap<>();
    Map<String, String> sentences = new TreeMap<>();
    int found = 0;
    try (Stream<Path> files = Files.walk(JAVA)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher matcher = JAVA_KEY.matcher(source);
        while (matcher.find()) {
          String key = matcher.group(1);
          if (prefixes.contains(key.substring(0, key.indexOf('.')))) {
            found++;
            if (!keys.contains(key)) {
              missing.put(key, JAVA.relativize(file).toString());
            }
          }
        }
        Matcher details = DETAIL_LITERAL.matcher(source);
        while (details.find()) {
          String detail = details.group(1);
          // A key prefix completed at run time ("problem.share." + end) is checked below.
          if (!keys.contains(detail) && !detail.matches("[a-z][a-zA-Z0-9_.-]*\\.")) {
            sentences.put(detail, JAVA.relativize(file).toString());
          }
        }
      }
    }
    assertThat(found).as("keys found in the Java code").isGreaterThan(100);
    assertThat(missing).isEmpty();
    assertThat(sentences).isEmpty();
  }

  @Test
  void keysBuiltAtRunTime_existForEveryValue() throws IOException {
    Set<String> keys = allKeys();
    for (ShareEnd end : ShareEnd.values()) {
      assertThat(keys)
          .contains(
              "problem.share." + end.code(),
              "shares.ended." + end.code() + ".title",
              "shares.ended." + end.code() + ".text");
    }
    for (ErrorCode code : ErrorCode.values()) {
      HttpStatus status = HttpStatus.resolve(code.status());
      boolean reasonPhrase = status != null && status.getReasonPhrase().equals(code.title());
      assertThat(keys)
          .as(code.name())
          .contains(
              reasonPhrase ? "problem.title." + code.status() : "problem.title." + code.code());
    }
    // The statuses the error mapping answers on its own (ProblemCodes).
    for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 503}) {
      assertThat(keys).contains("problem.title." + status);
    }
  }

  private static Stream<Path> bundles() throws IOException {
    try (Stream<Path> files = Files.list(RESOURCES)) {
      return files
          .filter(p -> p.getFileName().toString().matches("messages.*\\.properties"))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static Set<String> allKeys() throws IOException {
    Set<String> keys = new TreeSet<>();
    for (Path bundle : bundles().toList()) {
      keys.addAll(load(bundle).stringPropertyNames());
    }
    return keys;
  }

  private static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }
}
