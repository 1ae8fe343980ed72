package io.vaultdrop.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts Debian's Chromium ({@code /usr/bin/chromium}, installed by {@code .ci/run}) under
 * Playwright, never a downloaded browser. With {@code CI=true} a missing Chromium fails the test;
 * elsewhere the browser tests are skipped with a message.
 */
public final class Browsers {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private Browsers() {}

  /** A Playwright instance; close it after the test. */
  public static Playwright playwright() {
    requireChromium();
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** Headless Chromium with the flags this machine's closed network needs. */
  public static Browser chromium(Playwright playwright) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(
                    List.of(
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync")));
  }

  private static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + CHROMIUM + " is missing: .ci/run installs it");
    }
    Assumptions.assumeTrue(
        present,
        "Debian chromium is not installed (apt-get install chromium); browser test skipped");
  }
}
