package io.vaultdrop.uploads;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.testsupport.BrowserSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The share page in a real browser uploads through tus (upload.js with the bundled tus-js-client):
 * a connection that drops mid-way resumes from the server's offset, a page reload with the same
 * file chosen again goes on with the same upload, an offline browser goes on when it is back
 * online, and pause/resume stops and continues it; every link downloads byte-identical. A file over
 * the limit is refused at creation, with the server's explanation shown as an error.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.uploads.chunk-size=4MB",
      "vaultdrop.shares.anonymous-max-size=60MB",
      "vaultdrop.uploads.anonymous-creates-per-hour=10000",
      "vaultdrop.shares.rate-limits.anonymous-creates-per-hour=10000"
    })
class PageUploadBrowserTest extends AccountsWebTestSupport {

  private static final int MB = 1024 * 1024;
  private static final int CHUNK = 8 * MB;
  private static final LocatorAssertions.HasValueOptions SLOW =
      new LocatorAssertions.HasValueOptions().setTimeout(180_000);

  @LocalServerPort int port;
  @TempDir Path dir;

  @RegisterExtension final BrowserSession browser = new BrowserSession();

  @Test
  void droppedConnection_resumesFromTheServersOffset_andTheLinkGivesTheSameBytes()
      throws Exception {
    Path file = randomFile("holiday video.bin", 50 * MB);
    Page page = browser.newContext().newPage();
    List<String> creates = Collections.synchronizedList(new ArrayList<>());
    page.onRequest(request -> recordCreate(request, creates));
    List<Long> sentOffsets = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger patches = new AtomicInteger();
    AtomicInteger aborted = new AtomicInteger();
    // The second and third PATCH never reach the server: the connection "drops" twice after the
    // first chunk was stored; everything else goes through.
    page.route(
        "**/uploads/**",
        route -> {
          Request request = route.request();
          if (request.method().equals("PATCH")) {
            int n = patches.incrementAndGet();
            if (n == 2 || n == 3) {
              aborted.incrementAndGet();
              route.abort();
              return;
            }
            sentOffsets.add(Long.parseLong(request.headerValue("upload-offset")));
          }
          route.resume();
        });

    openSharePage(page);
    page.locator("#share-file").setInputFiles(file);
    page.locator("#share-upload button[type=submit]").click();

    Locator panel = page.locator("#share-upload [data-upload-panel]");
    assertThat(panel).isVisible();
    assertThat(panel.locator("[data-upload-pause]")).isVisible();
    assertThat(panel.locator("[data-upload-cancel]")).isVisible();
    assertThat(panel.locator("[data-upload-file]")).hasText("holiday video.bin");
    assertThat(panel.locator("[data-upload-bytes]")).containsText("of 50 MB");

    assertThat(page.locator("#share-result-link")).hasValue(linkPattern(), SLOW);
    assertThat(panel).isHidden();

    org.assertj.core.api.Assertions.assertThat(aborted.get()).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(creates).hasSize(1);
    // Every byte was sent once: after each drop the client asked for the offset and went on.
    org.assertj.core.api.Assertions.assertThat(sentOffsets)
        .containsExactly(0L, 8L * MB, 16L * MB, 24L * MB, 32L * MB, 40L * MB, 48L * MB);
    org.assertj.core.api.Assertions.assertThat(
            downloadSha256(page.locator("#share-result-link").inputValue()))
        .isEqualTo(sha256(file));
  }

  @Test
  void reloadedPage_withTheSameFileChosenAgain_goesOnWithTheSameUpload() throws Exception {
    Path file = randomFile("report.bin", 24 * MB);
    Page page = browser.newContext().newPage();
    List<String> creates = Collections.synchronizedList(new ArrayList<>());
    page.onRequest(request -> recordCreate(request, creates));
    List<Long> sentOffsets = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean offline = new AtomicBoolean(false);
    AtomicBoolean dropped = new AtomicBoolean(false);
    page.route(
        "**/uploads/**",
        route -> {
          Request request = route.request();
          if (offline.get()) {
            route.abort();
            return;
          }
          if (request.method().equals("PATCH")) {
            sentOffsets.add(Long.parseLong(request.headerValue("upload-offset")));
            // After the first chunk the network is gone until the page is reloaded.
            if (!dropped.getAndSet(true)) {
              offline.set(true);
            }
          }
          route.resume();
        });

    openSharePage(page);
    page.locator("#share-file").setInputFiles(file);
    page.waitForResponse(
        response ->
            response.request().method().equals("PATCH") && response.url().contains("/uploads/"),
        () -> page.locator("#share-upload button[type=submit]").click());
    page.reload();
    offline.set(false);

    openSharePage(page);
    page.locator("#share-file").setInputFiles(file);
    page.locator("#share-upload button[type=submit]").click();
    assertThat(page.locator("#share-result-link")).hasValue(linkPattern(), SLOW);

    org.assertj.core.api.Assertions.assertThat(creates).hasSize(1);
    org.assertj.core.api.Assertions.assertThat(sentOffsets).containsExactly(0L, 8L * MB, 16L * MB);
    org.assertj.core.api.Assertions.assertThat(
            downloadSha256(page.locator("#share-result-link").inputValue()))
        .isEqualTo(sha256(file));
  }

  @Test
  void pauseStopsTheTransfer_andResumeGoesOnWithTheSameUpload() throws Exception {
    Path file = randomFile("paused.bin", 12 * MB);
    BrowserContext context = browser.newContext();
    Page page = context.newPage();
    List<String> creates = Collections.synchronizedList(new ArrayList<>());
    page.onRequest(request -> recordCreate(request, creates));
    // A slow uplink (2 MB/s), so there is time to pause mid-way.
    CDPSession network = context.newCDPSession(page);
    network.send("Network.enable");
    network.send("Network.emulateNetworkConditions", uplink(2 * MB));

    openSharePage(page);
    page.locator("#share-file").setInputFiles(file);
    page.locator("#share-upload button[type=submit]").click();
    Locator panel = page.locator("#share-upload [data-upload-panel]");
    assertThat(panel.locator("[data-upload-eta]")).containsText("left");
    Locator pause = panel.locator("[data-upload-pause]");
    assertThat(pause).hasText("Pause");
    pause.click();
    assertThat(pause).hasText("Resume");
    assertThat(page.locator("#share-upload [data-upload-status]")).containsText("Paused");
    assertThat(panel.locator("[data-upload-eta]")).isEmpty();
    String whilePaused = panel.locator("[data-upload-bytes]").textContent();
    page.waitForTimeout(1500);
    assertThat(panel.locator("[data-upload-bytes]")).hasText(whilePaused);

    network.send("Network.emulateNetworkConditions", uplink(-1));
    pause.click();
    assertThat(pause).hasText("Pause");
    assertThat(page.locator("#share-result-link")).hasValue(linkPattern(), SLOW);

    org.assertj.core.api.Assertions.assertThat(creates).hasSize(1);
    org.assertj.core.api.Assertions.assertThat(
            downloadSha256(page.locator("#share-result-link").inputValue()))
        .isEqualTo(sha256(file));
  }

  @Test
  void offlineBrowser_waitsForTheNetwork_andGoesOnWhenItIsBack() throws Exception {
    Path file = randomFile("offline.bin", 24 * MB);
    BrowserContext context = browser.newContext();
    Page page = context.newPage();
    List<String> creates = Collections.synchronizedList(new ArrayList<>());
    page.onRequest(request -> recordCreate(request, creates));
    AtomicInteger patches = new AtomicInteger();
    AtomicBoolean down = new AtomicBoolean(false);
    // From the second PATCH on the network is down (the requests fail) until the test says so.
    page.route(
        "**/uploads/**",
        route -> {
          if (route.request().method().equals("PATCH") && patches.incrementAndGet() == 2) {
            down.set(true);
          }
          if (down.get()) {
            route.abort("internetdisconnected");
          } else {
            route.resume();
          }
        });

    openSharePage(page);
    page.locator("#share-file").setInputFiles(file);
    page.locator("#share-upload button[type=submit]").click();
    page.waitForCondition(down::get);
    // The browser notices it is offline: tus-js-client stops retrying, the page waits.
    context.setOffline(true);
    Locator status = page.locator("#share-upload [data-upload-status]");
    assertThat(status)
        .containsText(
            "You are offline", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
    page.waitForTimeout(1000);
    org.assertj.core.api.Assertions.assertThat(page.locator("#share-result-link").inputValue())
        .isEmpty();

    down.set(false);
    context.setOffline(false);
    assertThat(page.locator("#share-result-link")).hasValue(linkPattern(), SLOW);

    org.assertj.core.api.Assertions.assertThat(creates).hasSize(1);
    org.assertj.core.api.Assertions.assertThat(
            downloadSha256(page.locator("#share-result-link").inputValue()))
        .isEqualTo(sha256(file));
  }

  @Test
  void refusedForm_keepsTheFinishedUpload_andTheCorrectedFormUsesIt() throws Exception {
    Path file = randomFile("notes.bin", 3 * MB);
    Page page = browser.newContext().newPage();
    List<String> creates = Collections.synchronizedList(new ArrayList<>());
    page.onRequest(request -> recordCreate(request, creates));
    AtomicInteger patches = new AtomicInteger();
    page.onRequest(
        request -> {
          if (request.method().equals("PATCH")) {
            patches.incrementAndGet();
          }
        });
    List<Integer> formPosts = Collections.synchronizedList(new ArrayList<>());
    page.onResponse(
        response -> {
          if (response.request().method().equals("POST")
              && response.url().matches(".*/share(\\?.*)?$")) {
            formPosts.add(response.status());
          }
        });

    openSharePage(page);
    // A lifetime the server refuses (over VAULTDROP_SHARES_MAX_EXPIRY), as a stale form could send.
    page.locator("#share-expires")
        .evaluate("select => { select.options[select.selectedIndex].value = '99999999'; }");
    page.locator("#share-file").setInputFiles(file);
    page.locator("#share-upload button[type=submit]").click();
    Locator status = page.locator("#share-upload [data-upload-status]");
    assertThat(status).containsText("expiresIn must be at most");
    assertThat(status).hasClass(Pattern.compile("\\bupload-error\\b"));

    page.locator("#share-expires").selectOption("3600");
    page.locator("#share-upload button[type=submit]").click();
    assertThat(page.locator("#share-result-link")).hasValue(linkPattern(), SLOW);

    // The refused post released the upload; the second one used it without sending it again.
    org.assertj.core.api.Assertions.assertThat(formPosts).containsExactly(400, 201);
    org.assertj.core.api.Assertions.assertThat(creates).hasSize(1);
    org.assertj.core.api.Assertions.assertThat(patches.get()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(
            downloadSha256(page.locator("#share-result-link").inputValue()))
        .isEqualTo(sha256(file));
  }

  @Test
  void fileOverTheLimit_isRefusedBeforeAnyByteIsSent_withTheServersExplanation() throws Exception {
    Path file = dir.resolve("too large.bin");
    try (var channel =
        java.nio.channels.FileChannel.open(
            file,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[1]), 61L * MB - 1);
    }
    Page page = browser.newContext().newPage();
    AtomicInteger patches = new AtomicInteger();
    page.onRequest(
        request -> {
          if (request.method().equals("PATCH")) {
            patches.incrementAndGet();
          }
        });

    openSharePage(page);
    page.locator("#share-file").setInputFiles(file);
    page.locator("#share-upload button[type=submit]").click();

    Locator status = page.locator("#share-upload [data-upload-status]");
    assertThat(status).containsText("The upload failed.");
    assertThat(status).containsText("larger than your limit of " + 60L * MB + " bytes");
    assertThat(status).hasClass(Pattern.compile("\\bupload-error\\b"));
    assertThat(page.locator("#share-upload [data-upload-panel]")).isHidden();
    assertThat(page.locator("#share-upload button[type=submit]")).isEnabled();
    org.assertj.core.api.Assertions.assertThat(patches.get()).isZero();
  }

  /**
   * A dropped folder shares every file in it, sub-folders included, next to a file dropped with it.
   * Playwright cannot start an operating-system drag, so the drop event carries stand-in entries of
   * the File and Directory Entries API (what Chromium hands a page for a dragged folder), whose
   * reader answers in batches as Chromium's does; the files in them are real {@code File}s that the
   * page uploads through tus.
   */
  @Test
  void droppedFolder_sharesEveryFileInIt_subFoldersIncluded() throws Exception {
    Page page =
        browser
            .get()
            .newContext(new Browser.NewContextOptions().setAcceptDownloads(true))
            .newPage();
    openSharePage(page);
    page.locator("#share-upload [data-dropzone]")
        .evaluate(
            """
            zone => {
              const file = (name, text) => ({ isFile: true, isDirectory: false, name,
                file: ok => ok(new File([text], name, { type: "text/plain" })) });
              const folder = (name, children) => ({ isFile: false, isDirectory: true, name,
                createReader: () => {
                  let rest = children.slice();
                  return { readEntries: ok => {
                    const batch = rest.slice(0, 2);
                    rest = rest.slice(2);
                    setTimeout(() => ok(batch));
                  } };
                } });
              const photos = folder("photos", [file("a.txt", "alpha"), file("b.txt", "bravo"),
                folder("trip", [file("c.txt", "charlie")]), folder("empty", [])]);
              const items = [photos, file("notes.txt", "november")]
                .map(entry => ({ kind: "file", webkitGetAsEntry: () => entry }));
              const drop = new Event("drop", { bubbles: true, cancelable: true });
              Object.defineProperty(drop, "dataTransfer", { value: { types: ["Files"], items, files: [] } });
              zone.dispatchEvent(drop);
            }
            """);
    page.waitForFunction("() => document.querySelector('#share-file').files.length === 4");
    page.locator("#share-upload button[type=submit]").click();

    assertThat(page.locator("#share-result-link")).hasValue(linkPattern(), SLOW);
    assertThat(page.locator("#share-result-files .share-name"))
        .hasText(new String[] {"a.txt", "b.txt", "c.txt", "notes.txt"});

    Page recipient = page.context().newPage();
    recipient.navigate(page.locator("#share-result-link").inputValue());
    Download download =
        recipient.waitForDownload(() -> recipient.locator("#share-download-all").click());
    java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipInputStream zip =
        new java.util.zip.ZipInputStream(Files.newInputStream(download.path()))) {
      for (java.util.zip.ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        entries.put(
            entry.getName(),
            new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    org.assertj.core.api.Assertions.assertThat(entries)
        .containsExactly(
            java.util.Map.entry("a.txt", "alpha"),
            java.util.Map.entry("b.txt", "bravo"),
            java.util.Map.entry("c.txt", "charlie"),
            java.util.Map.entry("notes.txt", "november"));
  }

  // ---- helpers ---------------------------------------------------------------------------

  private void openSharePage(Page page) {
    if (!page.url().endsWith("/share")) {
      page.navigate("http://localhost:" + port + "/share");
    }
    // Chunks of 8 MB instead of 50 MB, so a 50 MB file takes several PATCH requests.
    page.locator("#share-upload")
        .evaluate("(form, size) => form.setAttribute('data-upload-chunk-size', size)", CHUNK);
  }

  private static JsonObject uplink(int bytesPerSecond) {
    JsonObject conditions = new JsonObject();
    conditions.addProperty("offline", false);
    conditions.addProperty("latency", 0);
    conditions.addProperty("downloadThroughput", -1);
    conditions.addProperty("uploadThroughput", bytesPerSecond);
    return conditions;
  }

  private static void recordCreate(Request request, List<String> creates) {
    if (request.method().equals("POST") && request.url().endsWith("/uploads")) {
      creates.add(request.url());
    }
  }

  private static Pattern linkPattern() {
    return Pattern.compile("^http://localhost:\\d+/s/[A-Za-z0-9_-]+$");
  }

  private String downloadSha256(String link) throws Exception {
    BrowserContext recipient =
        browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
    try {
      Page page = recipient.newPage();
      page.navigate(link);
      Download download =
          page.waitForDownload(
              new Page.WaitForDownloadOptions().setTimeout(120_000),
              () -> page.locator("#share-download button[type=submit]").click());
      return sha256(download.path());
    } finally {
      recipient.close();
    }
  }

  private Path randomFile(String name, int size) throws IOException {
    Path file = dir.resolve(name);
    Random random = new Random(size);
    byte[] block = new byte[MB];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < size; written += block.length) {
        random.nextBytes(block);
        out.write(block, 0, Math.min(block.length, size - written));
      }
    }
    return file;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
