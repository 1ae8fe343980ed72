package io.vaultdrop.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@WebIntegrationTest
@TestPropertySource(properties = "vaultdrop.metrics.token=" + OperationsTest.METRICS_TOKEN)
class OperationsTest {

  static final String METRICS_TOKEN = "scrape-token-for-tests-0123456789abcdef";

  @Autowired MockMvc mvc;

  @Test
  void health_isUpWithoutDetails() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(content().string("{\"status\":\"UP\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
  void probes_areUpWithoutDetails(String path) throws Exception {
    mvc.perform(get(path))
        .andExpect(status().isOk())
        .andExpect(content().string("{\"status\":\"UP\"}"));
  }

  @Test
  void prometheus_servesMetricsToTheScraperWithTheToken() throws Exception {
    mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + METRICS_TOKEN))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Bearer ",
        "Bearer wrong-token-wrong-token-wrong-token",
        "Basic " + METRICS_TOKEN,
        "Bearer " + METRICS_TOKEN + "x"
      })
  void prometheus_refusesEveryoneElse(String authorization) throws Exception {
    var request = get("/actuator/prometheus");
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    mvc.perform(request)
        .andExpect(status().isUnauthorized())
        .andExpect(header().stringValues("WWW-Authenticate", "Bearer realm=\"vaultdrop\""))
        .andExpect(header().string("Content-Type", "application/problem+json"))
        .andExpect(jsonPath("$.code").value("unauthorized"))
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("jvm_"))));
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
