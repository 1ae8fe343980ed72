package io.vaultdrop.capsules.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.vaultdrop.testsupport.BrowserSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A person in a real browser: upload a file on /capsules (XHR with progress), see the capsule key
 * with its warning, paste it into the open form and get the file back; then delete it.
 */
class CapsuleBrowserTest extends CapsuleWebTestSupport {

  @LocalServerPort int port;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void createCapsule_pasteItIntoTheOpenForm_downloadTheFile() throws Exception {
    byte[] content = "a capsule made in a browser\n".getBytes(StandardCharsets.UTF_8);
    Page page =
        browser
            .get()
            .newContext(new Browser.NewContextOptions().setAcceptDownloads(true))
            .newPage();
    page.navigate("http://localhost:" + port + "/capsules");

    page.locator("#capsule-file")
        .setInputFiles(new FilePayload("notes from the field.txt", "text/plain", content));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create capsule")).click();

    assertThat(page.locator("[data-capsule-result]")).isVisible();
    assertThat(page.locator("[data-capsule-result]")).containsText("the only way to open the file");
    assertThat(page.locator("#capsule-jwe"))
        .hasValue(java.util.regex.Pattern.compile("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){4}$"));
    String jwe = page.locator("#capsule-jwe").inputValue();

    page.locator("#capsule-open-jwe").fill(jwe);
    Download download =
        page.waitForDownload(
            () ->
                page.getByRole(
                        AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download file"))
                    .click());

    org.assertj.core.api.Assertions.assertThat(download.suggestedFilename())
        .isEqualTo("notes from the field.txt");
    org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(download.path()))
        .isEqualTo(content);

    page.locator("#capsule-open-jwe").fill(jwe);
    // Deleting asks first (a button's data-confirm); the answer is yes.
    java.util.List<String> questions = new java.util.ArrayList<>();
    page.onceDialog(
        dialog -> {
          questions.add(dialog.message());
          dialog.accept();
        });
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete capsule")).click();
    org.assertj.core.api.Assertions.assertThat(questions)
        .singleElement()
        .asString()
        .contains("Nobody can open it afterwards");
    assertThat(page.locator("#capsule-deleted")).isVisible();
  }
}
