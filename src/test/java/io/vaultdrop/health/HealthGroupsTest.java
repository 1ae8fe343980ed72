package io.vaultdrop.health;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.vaultdrop.testsupport.UnmountableBlobFolder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What each health endpoint checks: the blob folder disappearing (an unmounted volume) and a node
 * refusing traffic (Spring's readiness state, as while draining) take health and readiness to 503
 * with the same minimal body; liveness stays UP; all are UP again afterwards.
 */
@SpringBootTest(
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "vaultdrop.storage.type=filesystem",
      "spring.datasource.url=jdbc:h2:mem:storage-health-${random.uuid};DB_CLOSE_DELAY=-1"
    })
@AutoConfigureMockMvc
class HealthGroupsTest {

  static final UnmountableBlobFolder DATA = new UnmountableBlobFolder();

  @Autowired MockMvc mvc;
  @Autowired ApplicationContext context;

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

  @Test
  void refusingTraffic_healthAndReadinessOutOfService_livenessUp() throws Exception {
    AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    try {
      expect("/actuator/health", 503, "OUT_OF_SERVICE");
      expect("/actuator/health/readiness", 503, "OUT_OF_SERVICE");
      expect("/actuator/health/liveness", 200, "UP");
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    expect("/actuator/health/readiness", 200, "UP");
  }

  private void expect(String path, int code, String state) throws Exception {
    mvc.perform(get(path))
        .andExpect(status().is(code))
        .andExpect(content().string("{\"status\":\"" + state + "\"}"));
  }
}
