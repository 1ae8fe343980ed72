package io.vaultdrop.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
class OperationsTest {

  @Autowired MockMvc mvc;

  @Test
  void health_isUpWithoutDetails() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(content().string("{\"status\":\"UP\"}"));
  }

  @Test
  void prometheus_servesMetrics() throws Exception {
    mvc.perform(get("/actuator/prometheus"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_")));
  }

  @Test
  void apiDocs_isTheOpenApiDocument() throws Exception {
    mvc.perform(get("/api/docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").isString())
        .andExpect(jsonPath("$.info.title").value("Vaultdrop"))
        .andExpect(jsonPath("$.info.version").value("v1"));
  }
}
