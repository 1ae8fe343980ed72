package io.vaultdrop.filenames;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "report.pdf|report.pdf",
        "../../etc/passwd|passwd",
        "C:\\Users\\x\\secret.docx|secret.docx",
        "..|file",
        "/|file",
        "' . . '|file",
        "name.txt...|name.txt",
        ".hidden|hidden",
        "файл отчёт.docx|файл отчёт.docx",
        "hisobot_oʻzbek.xlsx|hisobot_oʻzbek.xlsx",
        "日本語.txt|日本語.txt"
      })
  void displayName_keepsTheLastSegmentReadably(String raw, String expected) {
    assertThat(FileNames.displayName(raw)).isEqualTo(expected);
  }

  @Test
  void displayName_dropsControlAndBidiCharacters() {
    assertThat(FileNames.displayName("a\".docx\r\nSet-Cookie: x=1"))
        .isEqualTo("a\".docxSet-Cookie: x=1");
    assertThat(FileNames.displayName("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
    assertThat(FileNames.displayName("a\u0000b\u2028c\u2066d\u200Be.txt")).isEqualTo("abcde.txt");
    assertThat(FileNames.displayName("tab\tname.txt")).isEqualTo("tabname.txt");
  }

  @Test
  void displayName_keepsJoinersThatScriptsNeed() {
    assertThat(FileNames.displayName("👩\u200D💻.png")).isEqualTo("👩\u200D💻.png");
  }

  @Test
  void displayName_normalisesAndBoundsTheLength() {
    assertThat(FileNames.displayName("e\u0301.txt")).isEqualTo("\u00e9.txt");
    String longName = "𝔸".repeat(500);
    String shortened = FileNames.displayName(longName);
    assertThat(shortened.codePointCount(0, shortened.length())).isEqualTo(FileNames.MAX_LENGTH);
    assertThat(shortened).isEqualTo("𝔸".repeat(FileNames.MAX_LENGTH));
  }

  @Test
  void displayName_ofNothing_isTheFallback() {
    assertThat(FileNames.displayName(null)).isEqualTo("file");
    assertThat(FileNames.displayName("")).isEqualTo("file");
    assertThat(FileNames.displayName("\u202E\u0007")).isEqualTo("file");
  }
}
