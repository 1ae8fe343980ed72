package io.vaultdrop.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
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
 * @Test void flow() { Page page = browser.newContext().newPage(); ... }
 * }</pre>
 *
 * <p>Its contexts are the size of a phone ({@value #PHONE_WIDTH}×{@value #PHONE_HEIGHT}) unless the
 * options say otherwise: the flows run where the layout is tightest (the navigation behind its Menu
 * button, tables as cards); {@code EveryPageBrowserTest} checks every page at desktop width too.
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

  public static final int PHONE_WIDTH = 390;
  public static final int PHONE_HEIGHT = 844;

  /** A new context (cookies, storage) the size of a phone. */
  public BrowserContext newContext() {
    return newContext(new Browser.NewContextOptions());
  }

  /** A new context with these options, the size of a phone unless they set a viewport. */
  public BrowserContext newContext(Browser.NewContextOptions options) {
    if (options.viewportSize == null) {
      options.setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
    }
    return get().newContext(options);
  }

  /** The browser of the running test. */
  public Browser get() {
    if (browser == null) {
      throw new IllegalStateException("no browser: register BrowserSession as an extension");
    }
    return browser;
  }
}
