package io.vaultdrop.tool;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
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
 * A person in a real browser: encrypt on the page (upload.js with progress), download the file and
 * the key, see the job gone, then decrypt the pair on the decrypt page and get the original back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ToolBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @TempDir Path dir;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void encrypt_downloadBoth_jobGone_decrypt_originalMatches() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    byte[] original = ToolApiTest.content("browser flow");
    Path input = dir.resolve("diary.txt");
    Files.write(input, original);

    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
    Page page = context.newPage();
    page.navigate(url("/secure-encrypt"));
    assertThat(page).hasURL(Pattern.compile(".*/login$"));
    page.locator("#email").fill(email);
    page.locator("#password").fill(PASSWORD);
    page.locator("main form button[type=submit]").first().click();

    page.navigate(url("/encrypt"));
    assertThat(page.locator("#tool-no-jobs")).isVisible();
    page.locator("input[name=algorithm][value=CHACHA20_POLY1305]").check();
    page.locator("#tool-file").setInputFiles(input);
    page.locator("#tool-encrypt-form button[type=submit]").click();

    assertThat(page).hasURL(Pattern.compile(".*/encrypt/[A-Za-z0-9_-]{43}$"));
    String resultUrl = page.url();
    assertThat(page.locator("#tool-name")).hasText("diary.txt");
    assertThat(page.locator("#tool-size"))
        .hasAttribute("data-bytes", String.valueOf(original.length));
    assertThat(page.locator("#tool-encrypted-size"))
        .hasAttribute("data-bytes", Pattern.compile("[0-9]+"));
    assertThat(page.locator("#tool-encrypted-size")).hasText(Pattern.compile("[0-9.]+ (B|KB)"));
    assertThat(page.locator("svg.qr")).isVisible();

    Download enc = page.waitForDownload(() -> page.locator("#tool-download-enc").click());
    Download key = page.waitForDownload(() -> page.locator("#tool-download-key").click());
    org.assertj.core.api.Assertions.assertThat(enc.suggestedFilename()).isEqualTo("diary.txt.enc");
    org.assertj.core.api.Assertions.assertThat(key.suggestedFilename()).isEqualTo("diary.txt.key");
    Path encFile = dir.resolve("diary.txt.enc");
    Path keyFile = dir.resolve("diary.txt.key");
    enc.saveAs(encFile);
    key.saveAs(keyFile);

    // Both fetched: the job is gone (the server records a download after its last byte).
    ToolHttp.eventually(
        () -> {
          Response response = page.navigate(resultUrl);
          return response != null && response.status() == 404;
        });
    page.navigate(url("/encrypt"));
    assertThat(page.locator("#tool-no-jobs")).isVisible();

    page.navigate(url("/decrypt"));
    page.locator("#tool-key").setInputFiles(keyFile);
    page.locator("#tool-enc").setInputFiles(encFile);
    page.locator("#tool-decrypt-form button[type=submit]").click();
    assertThat(page).hasURL(Pattern.compile(".*/decrypt/[A-Za-z0-9_-]{43}$"));
    assertThat(page.locator("#tool-name")).hasText("diary.txt");

    Download decrypted =
        page.waitForDownload(() -> page.locator("#tool-download-original").click());
    Path out = dir.resolve("out.txt");
    decrypted.saveAs(out);
    org.assertj.core.api.Assertions.assertThat(decrypted.suggestedFilename())
        .isEqualTo("diary.txt");
    org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(out)).isEqualTo(original);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
