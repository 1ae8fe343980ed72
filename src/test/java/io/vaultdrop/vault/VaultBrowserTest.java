package io.vaultdrop.vault;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.BrowserSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A person in a real browser: sign in, open the vault, drop a file on the page (upload.js with its
 * progress bar), see it listed with the usage, download it, share it and open the link in a fresh
 * browser (no cookies shared), then delete it after confirming.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vaultdrop.scheduling.enabled=false", "vaultdrop.vault.quota=1MB"})
class VaultBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void signIn_upload_list_download_share_openElsewhere_delete() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    String text = "vault browser test " + System.nanoTime() + "\n";
    byte[] content = text.repeat(200).getBytes(StandardCharsets.UTF_8);

    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
    Page page = context.newPage();
    page.navigate(url("/vault"));
    assertThat(page).hasURL(Pattern.compile(".*/login$"));
    page.locator("#email").fill(email);
    page.locator("#password").fill(PASSWORD);
    page.locator("main form button[type=submit]").first().click();

    page.navigate(url("/vault"));
    // On a phone the navigation is behind the Menu button.
    assertThat(page.locator("nav a[href='/vault']")).isHidden();
    page.locator("[data-menu-toggle]").click();
    assertThat(page.locator("[data-menu-toggle]")).hasAttribute("aria-expanded", "true");
    assertThat(page.locator("nav a[href='/vault']")).isVisible();
    assertThat(page.locator("nav a[href='/vault']")).hasAttribute("aria-current", "page");
    assertThat(page.locator("#vault-empty")).isVisible();
    assertThat(page.locator("#vault-usage")).hasText("0 B of 1 MB used");

    // Drop the file on the drop zone, then send it: upload.js posts it with XHR (JSON answer).
    JSHandle dropped =
        page.evaluateHandle(
            "text => { const dt = new DataTransfer();"
                + " dt.items.add(new File([text], 'holiday notes.txt', {type: 'text/plain'}));"
                + " return dt; }",
            text.repeat(200));
    page.locator("[data-dropzone]").dispatchEvent("drop", Map.of("dataTransfer", dropped));
    Response upload =
        page.waitForResponse(
            r -> r.url().contains("/vault/files") && r.request().method().equals("POST"),
            () -> page.locator("#vault-upload button[type=submit]").click());
    org.assertj.core.api.Assertions.assertThat(upload.status()).isEqualTo(201);
    org.assertj.core.api.Assertions.assertThat(upload.headerValue("content-type"))
        .startsWith("application/json");
    assertThat(page).hasURL(Pattern.compile(".*/vault\\?uploaded$"));

    Locator row = page.locator("#vault-files tbody tr");
    assertThat(row).hasCount(1);
    assertThat(row.locator(".vault-name")).hasText("holiday notes.txt");
    assertThat(row.locator(".vault-size"))
        .hasAttribute("data-bytes", String.valueOf(content.length));
    assertThat(page.locator("#vault-usage")).hasText(Pattern.compile("^[0-9.]+ KB of 1 MB used$"));
    assertThat(page.locator("#vault-usage-bar"))
        .hasAttribute("value", Pattern.compile("[1-9][0-9]*"));

    Download download = page.waitForDownload(() -> row.locator("a.vault-download").click());
    org.assertj.core.api.Assertions.assertThat(download.suggestedFilename())
        .isEqualTo("holiday notes.txt");
    org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(download.path()))
        .isEqualTo(content);

    row.locator("details.vault-share summary").click();
    row.locator("details.vault-share select[name=expiresIn]").selectOption("3600");
    row.locator("details.vault-share input[name=maxDownloads]").fill("1");
    row.locator("details.vault-share button[type=submit]").click();
    assertThat(page.locator("#vault-share-link"))
        .hasValue(Pattern.compile("^http://localhost:\\d+/s/[A-Za-z0-9_-]{65}$"));
    assertThat(page.locator("#vault-shared-name")).hasText("holiday notes.txt");
    String link = page.locator("#vault-share-link").inputValue();

    BrowserContext recipientContext =
        browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
    Page recipient = recipientContext.newPage();
    recipient.navigate(link);
    assertThat(recipient.locator("#share-name")).hasText("holiday notes.txt");
    Download received =
        recipient.waitForDownload(
            () -> recipient.locator("#share-download button[type=submit]").click());
    org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(received.path()))
        .isEqualTo(content);
    recipientContext.close();

    page.navigate(url("/vault"));
    Locator again = page.locator("#vault-files tbody tr");
    again.locator("details.vault-delete summary").click();
    assertThat(again.locator("details.vault-delete p")).containsText("holiday notes.txt");
    again.locator("details.vault-delete button[type=submit]").click();
    assertThat(page).hasURL(Pattern.compile(".*/vault\\?deleted$"));
    assertThat(page.locator("#vault-empty")).isVisible();
    assertThat(page.locator("#vault-usage")).hasText("0 B of 1 MB used");
    context.close();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
