package io.vaultdrop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.testsupport.BrowserSession;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person in a real browser: register, open the mailed link, sign in, see the account. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Its own application context: a context shared with another class that extends
    // AccountsWebTestSupport would mail to that class's GreenMail port, no longer listening.
    properties = "vaultdrop.test.context=registration-browser")
class RegistrationBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void register_verifyByMailedLink_signIn_seeAccount() throws Exception {
    String email = uniqueEmail();
    Page page = browser.newContext().newPage();

    page.navigate("http://localhost:" + port + "/register");
    page.getByLabel("E-mail address").fill(email);
    page.getByLabel("New password").fill(PASSWORD);
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Create account"))
        .click();
    assertThat(page.locator("main")).containsText("Check your mailbox");

    String link = verificationLink(email);
    org.assertj.core.api.Assertions.assertThat(link).startsWith("http://localhost:" + port + "/");
    page.navigate(link);
    assertThat(page.locator("main")).containsText("is verified");

    page.navigate("http://localhost:" + port + "/login");
    page.locator("#email").fill(email);
    page.locator("#password").fill(PASSWORD);
    page.locator("main form button[type=submit]").first().click();

    // Signing in lands on the user's own files.
    assertThat(page).hasURL(Pattern.compile(".*/vault$"));
    page.navigate("http://localhost:" + port + "/account");
    assertThat(page.locator("#account-email")).hasText(email);
  }
}
