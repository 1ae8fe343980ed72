package io.vaultdrop.web.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code @redocly/cli}, installed by the build's {@code npm ci} in {@code frontend/} (a dev
 * dependency pinned by its package-lock.json). With {@code CI=true} a missing linter fails the
 * test; elsewhere (no npm on the machine) the test is skipped with a message.
 */
final class Redocly {

  private static final Path CLI = Path.of("frontend/node_modules/.bin/redocly");
  static final Path CONFIG = Path.of("src/test/resources/openapi/redocly.yaml");

  private Redocly() {}

  /** Runs {@code redocly lint} on {@code document} (a URL or a file); returns the JSON report. */
  static String lint(String document) throws IOException, InterruptedException {
    requireCli();
    List<String> command = new ArrayList<>();
    command.add(CLI.toString());
    command.addAll(List.of("lint", "--config", CONFIG.toString(), "--format", "json", document));
    Path out = Files.createTempFile("redocly", ".json");
    Path err = Files.createTempFile("redocly", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      // No telemetry and no update check: the tests run on machines with a closed network.
      builder.environment().put("REDOCLY_TELEMETRY", "off");
      builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
      Process process = builder.start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("redocly lint did not finish within 2 minutes");
      }
      String report = Files.readString(out, StandardCharsets.UTF_8);
      if (report.isBlank()) {
        throw new AssertionError(
            "redocly lint wrote no report (exit "
                + process.exitValue()
                + "): "
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return report;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static void requireCli() {
    boolean present = Files.isExecutable(CLI);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but " + CLI + " is missing: the build's `npm ci` in frontend/ installs it");
    }
    Assumptions.assumeTrue(
        present, "@redocly/cli is not installed (no npm on this machine); lint test skipped");
  }
}
