package io.vaultdrop.web.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.testsupport.BrowserSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The browsable API documentation at {@code /api/docs/ui} (swagger-ui from its webjar) renders the
 * document in Debian's Chromium under a strict CSP: no console error (every CSP violation is one),
 * nothing loaded from another origin, scripts from this origin only. The screenshot is left in
 * {@code target/api-docs-ui.png}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Its own application context (GreenMail port, see AccountsWebTestSupport).
    properties = "vaultdrop.uploads.chunk-size=32MB")
class ApiDocsUiBrowserTest extends AccountsWebTestSupport {

  @LocalServerPort int port;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void ui_rendersTheDocument_withoutCspViolations() {
    Page page = browser.get().newContext().newPage();
    List<String> console = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error") || m.type().equals("warning")) {
            console.add(m.type() + ": " + m.text());
          }
        });
    page.onPageError(e -> console.add("page error: " + e));
    String origin = "http://localhost:" + port;
    page.onRequest(
        r -> {
          if (!r.url().startsWith(origin + "/") && !r.url().startsWith("data:")) {
            foreign.add(r.url());
          }
        });

    Response response = page.navigate(origin + "/api/docs/ui");
    page.locator(".opblock").first().waitFor();
    Locator createShare = page.locator("#operations-Shares-createShare");
    createShare.locator(".opblock-summary").click();
    createShare.locator(".opblock-body").waitFor();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/api-docs-ui.png")).setFullPage(true));

    assertThat(response.status()).isEqualTo(200);
    String csp = response.headerValue("content-security-policy");
    assertThat(csp).startsWith("default-src 'self'").doesNotContain("unsafe").doesNotContain("*");
    assertThat(page.locator(".info .title").innerText()).contains("Vaultdrop");
    assertThat(page.locator(".opblock").count()).isGreaterThan(50);
    assertThat(createShare.innerText()).contains("multipart/form-data").contains("201");
    assertThat(console).isEmpty();
    assertThat(foreign).isEmpty();
  }
}
