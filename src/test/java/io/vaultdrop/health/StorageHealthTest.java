package io.vaultdrop.health;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.vaultdrop.testsupport.UnmountableBlobFolder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The blob folder disappears (an unmounted volume): health and readiness say DOWN (503) with the
 * same minimal body, liveness stays UP, and all are UP again once the folder is back.
 */
@SpringBootTest(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.storage.type=filesystem",
      "spring.datasource.url=jdbc:h2:mem:storage-health-${random.uuid};DB_CLOSE_DELAY=-1"
    })
@AutoConfigureMockMvc
class StorageHealthTest {

  static final UnmountableBlobFolder DATA = new UnmountableBlobFolder();

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void data(DynamicPropertyRegistry registry) {
    DATA.register(registry);
  }

  @Test
  void blobFolderGone_healthAndReadinessDown_livenessUp_untilItIsBack() throws Exception {
    expect("/actuator/health", 200, "UP");

    DATA.unmount();
    try {
      expect("/actuator/health", 503, "DOWN");
      expect("/actuator/health/readiness", 503, "DOWN");
      expect("/actuator/health/liveness", 200, "UP");
    } finally {
      DATA.mount();
    }

    expect("/actuator/health", 200, "UP");
    expect("/actuator/health/readiness", 200, "UP");
  }

  private void expect(String path, int code, String state) throws Exception {
    mvc.perform(get(path))
        .andExpect(status().is(code))
        .andExpect(content().string("{\"status\":\"" + state + "\"}"));
  }
}
