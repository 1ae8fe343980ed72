package io.vaultdrop.shares;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.testsupport.BrowserSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A person in a real browser: upload on the share page, open the link in a fresh browser (no
 * cookies shared), download, and find the link gone.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class ShareBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void upload_openLinkElsewhere_download_linkIsGone() throws Exception {
    byte[] content = ("browser share " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    Page sender = browser.newContext().newPage();
    sender.navigate("http://localhost:" + port + "/share");
    sender
        .locator("#share-file")
        .setInputFiles(new FilePayload("holiday.txt", "text/plain", content));
    sender.locator("#share-upload button[type=submit]").click();
    assertThat(sender.locator("#share-result-link"))
        .hasValue(java.util.regex.Pattern.compile("^http://localhost:\\d+/s/[A-Za-z0-9_-]{65}$"));
    assertThat(sender.locator("#share-result")).isVisible();
    String link = sender.locator("#share-result-link").inputValue();
    org.assertj.core.api.Assertions.assertThat(link).startsWith("http://localhost:" + port + "/s/");
    org.assertj.core.api.Assertions.assertThat(sender.locator("#share-result-revoke").inputValue())
        .isNotBlank();

    BrowserContext recipientContext =
        browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
    Page recipient = recipientContext.newPage();
    recipient.navigate(link);
    assertThat(recipient.locator("#share-name")).hasText("holiday.txt");
    assertThat(recipient.locator("#share-left")).hasText("1");
    assertThat(recipient.locator("svg.qr")).isVisible();
    // Looking again does not use the download.
    recipient.reload();
    assertThat(recipient.locator("#share-left")).hasText("1");

    Download download =
        recipient.waitForDownload(
            () -> recipient.locator("#share-download button[type=submit]").click());
    org.assertj.core.api.Assertions.assertThat(download.suggestedFilename())
        .isEqualTo("holiday.txt");
    // The form post claimed it and sent the browser to the GET that serves the claim, which its
    // download manager can resume (ShareBrowserResumeTest).
    org.assertj.core.api.Assertions.assertThat(download.url())
        .matches("http://localhost:\\d+/s/[A-Za-z0-9_-]{65}/resume/[A-Za-z0-9_-]{43}");
    org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(download.path()))
        .isEqualTo(content);

    // The page reports the used-up link at once (JavaScript re-reads the share)...
    assertThat(recipient.locator("#share-live")).isVisible();
    assertThat(recipient.locator("#share-live")).containsText("It was the last one");
    assertThat(recipient.locator("#share-left")).hasText("0");
    assertThat(recipient.locator("#share-download")).isHidden();
    // ...and a reload shows the used-up page.
    Response again = recipient.navigate(link);
    org.assertj.core.api.Assertions.assertThat(again.status()).isEqualTo(410);
    assertThat(recipient.locator("#share-ended")).hasText("This link was used up");
    recipientContext.close();
  }

  @Test
  void downloadOnTheLandingPage_showsTheNewCount_thenTheUsedUpState_inUzbek() throws Exception {
    byte[] content = "twice".getBytes(StandardCharsets.UTF_8);
    Page sender = browser.newContext().newPage();
    sender.navigate("http://localhost:" + port + "/share");
    sender.locator("#share-file").setInputFiles(new FilePayload("two.txt", "text/plain", content));
    sender.locator(".share-options summary").click();
    sender.locator("#share-max").fill("2");
    sender.locator("#share-upload button[type=submit]").click();
    assertThat(sender.locator("#share-result")).isVisible();
    String link = sender.locator("#share-result-link").inputValue();

    BrowserContext recipientContext =
        browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
    Page recipient = recipientContext.newPage();
    recipient.navigate(link + "?lang=uz");
    assertThat(recipient.locator("#share-left")).hasText("2");
    assertThat(recipient.locator("#share-live")).isHidden();

    recipient.waitForDownload(
        () -> recipient.locator("#share-download button[type=submit]").click());
    assertThat(recipient.locator("#share-left")).hasText("1");
    assertThat(recipient.locator("#share-live"))
        .hasText("Yuklab olish boshlandi. Qolgan yuklab olishlar: 1.");
    assertThat(recipient.locator("#share-live")).hasAttribute("aria-live", "polite");

    // Without JavaScript's help a reload shows the same count.
    recipient.reload();
    assertThat(recipient.locator("#share-left")).hasText("1");

    recipient.waitForDownload(
        () -> recipient.locator("#share-download button[type=submit]").click());
    assertThat(recipient.locator("#share-live"))
        .hasText("Yuklab olish boshlandi. Bu oxirgisi edi: bu havola endi ishlamaydi.");
    assertThat(recipient.locator("#share-left")).hasText("0");
    Response ended = recipient.navigate(link);
    org.assertj.core.api.Assertions.assertThat(ended.status()).isEqualTo(410);
    assertThat(recipient.locator("#share-ended")).hasText("Bu havoladan foydalanib boʻlingan");
    recipientContext.close();
  }
}
