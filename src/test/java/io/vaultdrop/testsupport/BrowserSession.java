package io.vaultdrop.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh headless Chromium for each test (see {@link Browsers} for which one and when a missing
 * browser fails or skips):
 *
 * <pre>{@code
 * @RegisterExtension final BrowserSession browser = new BrowserSession();
 * @Test void flow() { Page page = browser.get().newContext().newPage(); ... }
 * }</pre>
 */
public final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

  private Playwright playwright;
  private Browser browser;

  @Override
  public void beforeEach(ExtensionContext context) {
    playwright = Browsers.playwright();
    browser = Browsers.chromium(playwright);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (playwright != null) {
      playwright.close();
      playwright = null;
    }
  }

  /** The browser of the running test. */
  public Browser get() {
    if (browser == null) {
      throw new IllegalStateException("no browser: register BrowserSession as an extension");
    }
    return browser;
  }
}
