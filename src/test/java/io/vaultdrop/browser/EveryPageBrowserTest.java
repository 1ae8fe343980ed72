package io.vaultdrop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FilePayload;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.BrowserSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page, as a visitor, a member and an administrator, on a phone (390×844) and a desktop
 * (1280×800), in English and Uzbek: nothing pushes the page sideways, and axe-core (from npm,
 * {@code frontend/package.json}) finds no serious or critical WCAG 2.2 A/AA violation. Dark mode
 * (the other colour palette) is checked once per page at desktop width.
 *
 * <p>axe-core is injected with the page's CSP bypassed: only the test's own script needs that, the
 * pages themselves run under their real CSP (and a CSP violation would show as a console error,
 * which fails the test too).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Its own application context (see ConfirmBrowserTest on GreenMail and shared contexts).
    properties = "vaultdrop.uploads.chunk-size=63MB")
class EveryPageBrowserTest extends AccountsWebTestSupport {

  private static final Path AXE = Path.of("frontend/node_modules/axe-core/axe.min.js");
  private static final List<String> LANGUAGES = List.of("en", "uz");
  private static final int[][] SIZES = {{390, 844}, {1280, 800}};

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  private final List<String> findings = new ArrayList<>();
  private final List<String> consoleErrors = new ArrayList<>();

  @Test
  void everyPage_fitsPhoneAndDesktop_withoutSeriousAccessibilityViolations() throws IOException {
    String axe = Files.readString(AXE, StandardCharsets.UTF_8);
    String admin = uniqueEmail();
    String member = uniqueEmail();
    accounts.createUser(admin, PASSWORD, Role.ADMIN, null, null);
    accounts.createUser(member, PASSWORD, Role.MEMBER, null, null);

    // A member's pages, including the results of a share, an encryption and a capsule.
    Page memberPage = signedIn(member);
    String shareLink = createShare(memberPage, null);
    String passwordShareLink = createShare(memberPage, "a share password 1");
    String revokedShareLink = createShare(memberPage, null);
    revokeFromTheResult(memberPage);
    String encryptResult = encrypt(memberPage);
    List<String> memberPaths =
        List.of(
            "/",
            "/vault",
            "/share",
            "/shares/mine",
            "/capsules",
            "/encrypt",
            encryptResult,
            "/decrypt",
            "/library",
            "/account",
            "/account/api-keys");
    visitAll(memberPage, axe, "member", memberPaths);

    Page adminPage = signedIn(admin);
    visitAll(adminPage, axe, "admin", List.of("/admin/users", "/admin/audit", "/admin/vault"));

    Page visitor = newPage();
    visitAll(
        visitor,
        axe,
        "visitor",
        List.of(
            "/",
            "/share",
            "/capsules",
            "/login",
            "/register",
            "/password-reset",
            "/password-reset/confirm?token=unknown",
            "/verify-email?token=unknown",
            path(shareLink),
            path(passwordShareLink),
            path(revokedShareLink),
            "/no-such-page"));

    assertThat(findings).isEmpty();
  }

  private void visitAll(Page page, String axe, String who, List<String> paths) {
    for (String path : paths) {
      for (int[] size : SIZES) {
        page.setViewportSize(size[0], size[1]);
        for (String lang : LANGUAGES) {
          check(page, axe, who, path, lang, size[0], false);
        }
      }
      check(page, axe, who, path, "en", 1280, true);
      page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
    }
  }

  private void check(
      Page page, String axe, String who, String path, String lang, int width, boolean dark) {
    page.emulateMedia(
        new Page.EmulateMediaOptions().setColorScheme(dark ? ColorScheme.DARK : ColorScheme.LIGHT));
    String where = "%s %s (%s, %d px%s)".formatted(who, path, lang, width, dark ? ", dark" : "");
    consoleErrors.clear();
    page.navigate(url(path) + (path.contains("?") ? "&" : "?") + "lang=" + lang);
    page.waitForLoadState();
    Number overflow =
        (Number) page.evaluate("() => document.documentElement.scrollWidth - innerWidth");
    if (overflow.intValue() > 0) {
      findings.add(where + ": " + overflow + " px wider than the screen");
    }
    // Times in the reader's language, never a month as "M12" (a browser without month names).
    @SuppressWarnings("unchecked")
    List<String> unnamedMonths =
        (List<String>)
            page.evaluate(
                "() => [...document.querySelectorAll('time[datetime]')]"
                    + ".map(t => t.textContent).filter(t => /\\bM\\d{1,2}\\b/.test(t))");
    unnamedMonths.forEach(t -> findings.add(where + ": time shown as " + t));
    // Assets are cached for a year (application.yml): each must be linked by its content hash,
    // or an upgrade would leave browsers on the old file.
    @SuppressWarnings("unchecked")
    List<String> unhashedAssets =
        (List<String>)
            page.evaluate(
                "() => [...document.querySelectorAll('script[src], link[href], img[src]')]"
                    + ".map(e => new URL(e.src || e.href, location.href))"
                    + ".filter(u => u.origin === location.origin"
                    + " && /^\\/(css|js|img|vendor)\\//.test(u.pathname)"
                    + " && !/-[0-9a-f]{32}\\.[a-z]+$/.test(u.pathname))"
                    + ".map(u => u.pathname)");
    unhashedAssets.forEach(a -> findings.add(where + ": asset linked without its hash: " + a));
    page.evaluate(axe);
    @SuppressWarnings("unchecked")
    List<String> violations =
        (List<String>)
            page.evaluate(
                """
                async () => {
                  const result = await axe.run(document, {
                    runOnly: { type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
                  return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): '
                      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
                }
                """);
    violations.forEach(v -> findings.add(where + ": " + v));
    consoleErrors.forEach(e -> findings.add(where + ": console error " + e));
  }

  private Page signedIn(String email) {
    Page page = newPage();
    page.navigate(url("/login"));
    page.locator("#email").fill(email);
    page.locator("#password").fill(PASSWORD);
    page.locator("main form button[type=submit]").first().click();
    page.waitForURL(url -> url.endsWith("/vault"));
    return page;
  }

  private Page newPage() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true));
    Page page = context.newPage();
    page.onConsoleMessage(
        message -> {
          // The not-found (404) and ended-link (410) pages answer so on purpose; the browser
          // reports that status.
          if ("error".equals(message.type())
              && !message.text().contains("status of 404")
              && !message.text().contains("status of 410")) {
            consoleErrors.add(message.text());
          }
        });
    return page;
  }

  /** Shares a small file from the share page; answers the link shown once. */
  private String createShare(Page page, String password) {
    page.navigate(url("/share?lang=en"));
    if (password != null) {
      page.locator(".share-options summary").click();
      page.locator("#share-password").fill(password);
    }
    page.locator("#share-file")
        .setInputFiles(
            new FilePayload("notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
    page.locator("#share-upload button[type=submit]").click();
    page.locator("#share-result-link").waitFor();
    page.waitForCondition(() -> !page.locator("#share-result-link").inputValue().isEmpty());
    return page.locator("#share-result-link").inputValue();
  }

  /** Revokes the share just created, from its result, answering yes to the question. */
  private void revokeFromTheResult(Page page) {
    page.locator(".share-revoke summary").click();
    page.onceDialog(dialog -> dialog.accept());
    page.locator("[data-share-revoke]").click();
    page.locator("[data-share-revoke-status]").filter().getByText("revoked").waitFor();
  }

  /** Encrypts a small file with the tool; answers the result page's path. */
  private String encrypt(Page page) {
    page.navigate(url("/encrypt?lang=en"));
    page.locator("input[type=file]")
        .first()
        .setInputFiles(
            new FilePayload("plan.txt", "text/plain", "secret".getBytes(StandardCharsets.UTF_8)));
    page.locator("main form button[type=submit]").first().click();
    page.waitForURL(url -> url.matches(".*/encrypt/[^/?]+$"));
    return path(page.url());
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static String path(String link) {
    return java.net.URI.create(link).getRawPath();
  }
}
