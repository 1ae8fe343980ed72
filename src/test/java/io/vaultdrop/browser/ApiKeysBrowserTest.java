package io.vaultdrop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.BrowserSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API keys page in Chromium: a key is created from the form and selected by its copy button,
 * revoking asks first, and the page fits a phone and a desktop in both languages (no sideways
 * scrolling, the key list one card per row on a phone).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.test.context=api-keys-browser")
class ApiKeysBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void createCopyAndRevoke_andThePageFitsAPhoneAndADesktop() {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    Page page = browser.get().newContext().newPage();
    page.navigate(base() + "/login");
    page.locator("#email").fill(email);
    page.locator("#password").fill(PASSWORD);
    page.locator("main form button[type=submit]").first().click();

    page.navigate(base() + "/account");
    page.locator("#api-keys-link").click();
    page.locator("#key-name").fill("laptop sync");
    page.locator("#scope-files-read").check();
    page.locator("#scope-shares-write").check();
    page.locator("form.form button[type=submit]").click();
    Locator key = page.locator("#new-api-key");
    assertThat(key).hasValue(java.util.regex.Pattern.compile("^vdk_[0-9a-f]{32}_.{43}$"));
    // The shared copy button (shares.js) selects the whole key and hands it to the clipboard;
    // headless Chromium has no clipboard to read back, so the selection is what is checked.
    page.locator("button[data-copy-target=new-api-key]").click();
    org.assertj.core.api.Assertions.assertThat(
            page.evaluate(
                "() => { const i = document.getElementById('new-api-key');"
                    + " return document.activeElement === i && i.selectionStart === 0"
                    + " && i.selectionEnd === i.value.length; }"))
        .isEqualTo(true);

    for (int[] size : new int[][] {{390, 844}, {1280, 800}}) {
      page.setViewportSize(size[0], size[1]);
      for (String lang : List.of("en", "uz")) {
        page.navigate(base() + "/account/api-keys?lang=" + lang);
        Object overflow =
            page.evaluate(
                "() => { const t = document.querySelector('table');"
                    + " return Math.max(document.documentElement.scrollWidth - innerWidth,"
                    + " t.scrollWidth - t.clientWidth); }");
        org.assertj.core.api.Assertions.assertThat(((Number) overflow).intValue())
            .as("api keys page in %s at %d px", lang, size[0])
            .isLessThanOrEqualTo(0);
      }
    }

    page.navigate(base() + "/account/api-keys?lang=en");
    Locator row = page.locator("tr", new Page.LocatorOptions().setHasText("laptop sync"));
    List<String> questions = new ArrayList<>();
    page.onceDialog(
        dialog -> {
          questions.add(dialog.message());
          dialog.dismiss();
        });
    row.locator("button.danger").click();
    page.waitForTimeout(300);
    assertThat(row).hasCount(1);
    org.assertj.core.api.Assertions.assertThat(questions)
        .singleElement()
        .asString()
        .contains("laptop sync");
    page.onceDialog(dialog -> dialog.accept());
    row.locator("button.danger").click();
    assertThat(page.locator("main")).containsText("The key was revoked");
    assertThat(row).hasCount(0);
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
