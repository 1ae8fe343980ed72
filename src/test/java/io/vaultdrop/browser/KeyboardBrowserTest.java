package io.vaultdrop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.BrowserSession;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The main paths work from the keyboard alone, on a phone: the skip link comes first and moves
 * focus to the content; the Menu button opens the navigation; the account menu opens and closes
 * (Escape) with the keys; a share is made, its link copied and the result announced without a
 * mouse. Every focused control shows a visible focus outline.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Its own application context (see ConfirmBrowserTest on GreenMail and shared contexts).
    properties = "vaultdrop.uploads.chunk-size=59MB")
class KeyboardBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void skipLinkMenuAccountMenuAndShare_byKeyboardAlone() {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    Page page =
        browser
            .newContext(
                new Browser.NewContextOptions()
                    .setPermissions(java.util.List.of("clipboard-read", "clipboard-write")))
            .newPage();
    page.navigate(url("/login"));
    page.keyboard().press("Tab");
    assertThat(page.locator(".skip-link")).isFocused();
    assertOutlined(page);
    page.locator("#email").focus();
    page.keyboard().type(email);
    page.keyboard().press("Tab");
    assertThat(page.locator("#password")).isFocused();
    page.keyboard().type(PASSWORD);
    page.keyboard().press("Enter");
    assertThat(page).hasURL(url("/vault"));

    page.navigate(url("/"));
    // The skip link, then the brand, then the Menu button (the phone layout).
    page.keyboard().press("Tab");
    assertThat(page.locator(".skip-link")).isFocused();
    page.keyboard().press("Tab");
    assertThat(page.locator(".brand")).isFocused();
    page.keyboard().press("Tab");
    assertThat(page.locator("[data-menu-toggle]")).isFocused();
    assertOutlined(page);
    page.keyboard().press("Enter");
    assertThat(page.locator("[data-menu-toggle]")).hasAttribute("aria-expanded", "true");
    page.keyboard().press("Tab");
    assertThat(page.locator(".nav a").first()).isFocused();

    // The account menu: Enter opens it, Escape closes it and returns focus to it.
    page.locator(".user-menu summary").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator(".user-menu")).hasAttribute("open", "");
    page.keyboard().press("Escape");
    assertThat(page.locator(".user-menu")).not().hasAttribute("open", "");
    assertThat(page.locator(".user-menu summary")).isFocused();

    // The skip link moves focus into the content.
    page.navigate(url("/"));
    page.keyboard().press("Tab");
    page.keyboard().press("Enter");
    assertThat(page).hasURL(url("/#main"));

    // A share from the keyboard: options open with Enter, the file is chosen (the system file
    // dialog is outside the page), the form sent with Enter on its button.
    page.locator(".share-options summary").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator(".share-options")).hasAttribute("open", "");
    page.keyboard().press("Tab");
    assertThat(page.locator("#share-expires")).isFocused();
    page.locator("#share-file")
        .setInputFiles(
            new FilePayload("keys.txt", "text/plain", "typed".getBytes(StandardCharsets.UTF_8)));
    page.locator(".share-submit").focus();
    assertOutlined(page);
    page.keyboard().press("Enter");
    // The result takes the focus, so a screen reader starts there.
    assertThat(page.locator("#share-result")).isFocused();
    page.locator("[data-copy-target='share-result-link']").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("[data-copy-target='share-result-link']")).hasText("Copied ✓");
  }

  /** The focused element draws an outline (the design system's focus ring). */
  private static void assertOutlined(Page page) {
    Object width = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth");
    org.assertj.core.api.Assertions.assertThat(width).isNotEqualTo("0px");
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
