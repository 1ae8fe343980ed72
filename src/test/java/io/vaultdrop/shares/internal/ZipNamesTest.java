package io.vaultdrop.shares.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZipNamesTest {

  @Test
  void duplicates_areNumberedLikeABrowser_ignoringCase() {
    assertThat(ZipNames.of(List.of("a.txt", "a.txt", "A.TXT", "a (1).txt", "README", "readme")))
        .containsExactly(
            "a.txt", "a (1).txt", "A (2).TXT", "a (1) (1).txt", "README", "readme (1)");
  }

  @Test
  void paths_drives_controlsAndDeviceNames_becomePlainNames() {
    assertThat(
            ZipNames.of(
                List.of(
                    "../../etc/passwd",
                    "/abs/path.txt",
                    "C:\\Windows\\x.dll",
                    "tab\tnew\nline\u0000.txt",
                    "\u202Egnp.exe",
                    "..",
                    "  .hidden. ",
                    "CON",
                    "nul.txt",
                    "a<b>c:d\"e|f?g*h")))
        .containsExactly(
            "_.._etc_passwd",
            "_abs_path.txt",
            "C__Windows_x.dll",
            "tabnewline.txt",
            "gnp.exe",
            "file",
            "hidden",
            "_CON",
            "_nul.txt",
            "a_b_c_d_e_f_g_h");
  }

  @Test
  void everyName_isASingleSafeSegment() {
    for (String name :
        ZipNames.of(List.of("..", "../..", "/", "\\\\server\\share", "a/../../b", ""))) {
      assertThat(name).doesNotContain("/").doesNotContain("\\").doesNotStartWith(".");
      assertThat(name).isNotEqualTo("..").isNotEmpty();
    }
  }
}
