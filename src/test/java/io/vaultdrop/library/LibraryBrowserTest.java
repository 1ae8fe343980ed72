package io.vaultdrop.library;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.library.internal.ooxml.OoxmlSamples;
import io.vaultdrop.testsupport.BrowserSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two people in real browsers: an operator publishes a .docx on the library page (upload.js, with
 * progress) and is told why a macro-enabled file is refused; a member then finds it, opts in to the
 * mails and downloads it, getting the same bytes.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Its own application context: sharing one with other GreenMail test classes would leave one
    // of them mailing to a GreenMail port that no longer listens.
    properties = "vaultdrop.library.link-lifetime=PT3M")
class LibraryBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @TempDir Path dir;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void operatorPublishes_memberDownloadsTheSameBytes() throws Exception {
    String operator = uniqueEmail();
    String member = uniqueEmail();
    accounts.createUser(operator, PASSWORD, Role.OPERATOR, null, null);
    accounts.createUser(member, PASSWORD, Role.MEMBER, null, null);
    byte[] docx = OoxmlSamples.docx("Minutes of the board meeting").bytes();
    Path file = dir.resolve("Board minutes.docx");
    Files.write(file, docx);
    Path macro = dir.resolve("Macro.docx");
    Files.write(macro, OoxmlSamples.docm().bytes());

    Page publishing = signIn(operator);
    publishing.navigate(url("/library"));
    publishing.locator("#library-file").setInputFiles(macro);
    publishing.locator("#library-publish-form button[type=submit]").click();
    assertThat(publishing.locator("#library-publish-form [data-upload-status]"))
        .containsText("macro-enabled files are not accepted");
    publishing.locator("#library-file").setInputFiles(file);
    publishing.locator("#library-publish-form button[type=submit]").click();
    assertThat(publishing).hasURL(Pattern.compile(".*/library\\?published$"));
    assertThat(publishing.locator("#library-documents .library-name"))
        .containsText("Board minutes.docx");

    Page reading = signIn(member);
    reading.navigate(url("/library"));
    assertThat(reading.locator("#library-publish-form")).hasCount(0);
    assertThat(reading.locator("main")).containsText("for 3 minutes");
    Locator row =
        reading.locator(
            "#library-documents tr", new Page.LocatorOptions().setHasText("Board minutes.docx"));
    assertThat(row.locator(".library-size"))
        .hasAttribute("data-bytes", String.valueOf(docx.length));
    reading.locator("#library-subscribed").check();
    assertThat(reading).hasURL(Pattern.compile(".*/library\\?subscribed$"));
    assertThat(reading.locator("#library-subscribed")).isChecked();

    Download download = reading.waitForDownload(() -> row.locator(".library-download").click());
    org.assertj.core.api.Assertions.assertThat(download.suggestedFilename())
        .isEqualTo("Board minutes.docx");
    Path saved = dir.resolve("saved.docx");
    download.saveAs(saved);
    org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(saved)).isEqualTo(docx);
    // The page stays where it was: the download did not navigate away.
    assertThat(reading).hasURL(Pattern.compile(".*/library\\?subscribed$"));
  }

  private Page signIn(String email) {
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
    Page page = context.newPage();
    page.navigate(url("/library"));
    assertThat(page).hasURL(Pattern.compile(".*/login$"));
    page.locator("#email").fill(email);
    page.locator("#password").fill(PASSWORD);
    page.locator("main form button[type=submit]").first().click();
    assertThat(page).hasURL(Pattern.compile(".*/library(\\?continue)?$"));
    return page;
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
