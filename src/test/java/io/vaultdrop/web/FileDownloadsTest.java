package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.filenames.FileNames;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

class FileDownloadsTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "a\".docx\r\nSet-Cookie: x=1",
        "../../etc/passwd",
        "<script>alert(1)</script>.html",
        "évil \"quoted\" \\ name.svg",
        "отчёт 2026.pdf",
        "報告書.xlsx",
        "tab\tand\u0000nul\u202Ertl.txt",
        "semi;colon, comma=equals.txt"
      })
  void hostileNames_giveOneHarmlessHeader(String name) {
    HttpHeaders headers = FileDownloads.headers(name, 10);
    assertThat(headers.get(HttpHeaders.CONTENT_DISPOSITION)).hasSize(1);
    String value = headers.getFirst(HttpHeaders.CONTENT_DISPOSITION);

    assertThat(value).startsWith("attachment; filename=\"").contains("; filename*=UTF-8''");
    assertThat(value.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    assertThat(value).doesNotContain("\r", "\n", "../", "<script");
    // Parsing it back yields exactly the sanitised display name.
    ContentDisposition parsed = ContentDisposition.parse(value);
    assertThat(parsed.isAttachment()).isTrue();
    assertThat(parsed.getFilename()).isEqualTo(FileNames.displayName(name));
    assertThat(parsed.getCharset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void headers_makeEveryDownloadAnOpaqueAttachment() {
    HttpHeaders headers = FileDownloads.headers("page.html", 1234);
    assertThat(headers.getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/octet-stream");
    assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(headers.getFirst("Content-Security-Policy"))
        .isEqualTo("default-src 'none'; sandbox");
    assertThat(headers.getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
    assertThat(headers.getContentLength()).isEqualTo(1234);
  }

  @Test
  void unknownLength_sendsNoContentLength() {
    HttpHeaders headers = FileDownloads.headers("a.bin", FileDownloads.UNKNOWN_LENGTH);
    assertThat(headers.containsHeader(HttpHeaders.CONTENT_LENGTH)).isFalse();
  }

  @Test
  void nonLatinName_hasAnAsciiFallbackAndTheExactUtf8Name() {
    String value = FileDownloads.headers("résumé.pdf", 1).getFirst(HttpHeaders.CONTENT_DISPOSITION);
    assertThat(value)
        .isEqualTo("attachment; filename=\"resume.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
  }
}
