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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Destructive actions ask first (app.js, forms with data-confirm): an administrator who dismisses
 * the question keeps the user; one who confirms deletes it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Its own application context: sharing RegistrationBrowserTest's would leave one of them
    // mailing to a GreenMail port that no longer listens (each class starts its own).
    properties = "vaultdrop.uploads.chunk-size=64MB")
class ConfirmBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void deletingAUser_asksFirst_andDismissingKeepsTheUser() {
    String admin = uniqueEmail();
    String member = uniqueEmail();
    accounts.createUser(admin, PASSWORD, Role.ADMIN, null, null);
    accounts.createUser(member, PASSWORD, Role.MEMBER, null, null);
    Page page = browser.newContext().newPage();
    page.navigate("http://localhost:" + port + "/login");
    page.locator("#email").fill(admin);
    page.locator("#password").fill(PASSWORD);
    page.locator("main form button[type=submit]").first().click();
    page.navigate("http://localhost:" + port + "/admin/users");
    Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(member));
    Locator delete = row.locator("button.danger");

    List<String> questions = new ArrayList<>();
    page.onceDialog(
        dialog -> {
          questions.add(dialog.message());
          dialog.dismiss();
        });
    delete.click();
    page.waitForTimeout(300);
    assertThat(row).hasCount(1);
    org.assertj.core.api.Assertions.assertThat(questions)
        .singleElement()
        .asString()
        .contains(member)
        .contains("cannot be undone");

    page.onceDialog(dialog -> dialog.accept());
    delete.click();
    assertThat(page).hasURL(Pattern.compile(".*/admin/users$"));
    assertThat(row).hasCount(0);
  }

  /**
   * The administration tables fit a phone (one card per row) and a desktop: neither the page nor
   * the table scrolls sideways, so no column is cut off.
   */
  @Test
  void adminTables_fitAPhoneAndADesktop() {
    String admin = uniqueEmail();
    accounts.createUser(admin, PASSWORD, Role.ADMIN, null, null);
    Page page = browser.newContext().newPage();
    page.navigate("http://localhost:" + port + "/login");
    page.locator("#email").fill(admin);
    page.locator("#password").fill(PASSWORD);
    page.locator("main form button[type=submit]").first().click();
    for (int[] size : new int[][] {{390, 844}, {1280, 800}}) {
      page.setViewportSize(size[0], size[1]);
      for (String path : List.of("/admin/users", "/admin/audit")) {
        for (String lang : List.of("en", "uz")) {
          page.navigate("http://localhost:" + port + path + "?lang=" + lang);
          Object overflow =
              page.evaluate(
                  "() => { const t = document.querySelector('table');"
                      + " return Math.max(document.documentElement.scrollWidth - innerWidth,"
                      + " t.scrollWidth - t.clientWidth); }");
          org.assertj.core.api.Assertions.assertThat(((Number) overflow).intValue())
              .as("%s in %s at %d px", path, lang, size[0])
              .isLessThanOrEqualTo(0);
        }
      }
    }
  }
}
