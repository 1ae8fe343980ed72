package io.vaultdrop.web.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.web.errors.ProblemCodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document served at {@code /api/docs} is the contract: it equals the committed {@code
 * docs/openapi.json} (the client of {@code GeneratedClientTest} is generated from that file), it
 * lints clean with {@code @redocly/cli}, and every operation has what a generated client needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiContractTest extends AccountsWebTestSupport {

  static final Path COMMITTED = Path.of("docs/openapi.json");
  private static final Path SERVED = Path.of("target/openapi.json");
  private static final Set<String> UPLOADS =
      Set.of("createShare", "createCapsule", "encrypt", "decrypt", "uploadFile", "publishDocument");

  @LocalServerPort int port;
  private final JsonMapper json = JsonMapper.builder().build();
  private JsonNode document;

  @BeforeEach
  void fetch() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url())).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    document = json.readTree(response.body());
  }

  private String url() {
    return "http://localhost:" + port + "/api/docs";
  }

  @Test
  void servedDocument_isTheCommittedOne() throws Exception {
    String pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    Files.createDirectories(SERVED.getParent());
    Files.writeString(SERVED, pretty, StandardCharsets.UTF_8);
    String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
    if (!committed.equals(pretty)) {
      // Text, not trees: the order of members counts too (generators take the first media type).
      String where = firstDifference("", json.readTree(committed), document);
      throw new AssertionError(
          "The served /api/docs differs from "
              + COMMITTED
              + " (from which the test client is generated) at "
              + (where.isEmpty() ? "the order of members" : where)
              + ". If the change is intended: cp "
              + SERVED
              + " "
              + COMMITTED);
    }
  }

  /** The JSON pointer of the first difference, or empty when equal. */
  static String firstDifference(String at, JsonNode expected, JsonNode actual) {
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new TreeSet<>(expected.propertyNames());
      names.addAll(actual.propertyNames());
      for (String name : names) {
        String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!expected.has(name) || !actual.has(name)) {
          return pointer;
        }
        String inner = firstDifference(pointer, expected.get(name), actual.get(name));
        if (!inner.isEmpty()) {
          return inner;
        }
      }
      return "";
    }
    if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        String inner = firstDifference(at + "/" + i, expected.get(i), actual.get(i));
        if (!inner.isEmpty()) {
          return inner;
        }
      }
      return "";
    }
    return expected.equals(actual) ? "" : at.isEmpty() ? "/" : at;
  }

  /**
   * Warnings accepted, each for a stated reason. {@code no-ambiguous-paths}: {@code
   * /api/v1/library/downloads/{token}} could match {@code /api/v1/library/{id}/download-link} and
   * {@code /{id}/downloads} only if a document id were {@code downloads}; ids are 22 random
   * base64url characters, Spring prefers the literal segment anyway, and the paths are fixed by
   * API.md and by links already handed out.
   */
  private static final Set<String> ACCEPTED_WARNINGS =
      Set.of(
          "no-ambiguous-paths at #/paths/~1api~1v1~1library~1{id}~1download-link",
          "no-ambiguous-paths at #/paths/~1api~1v1~1library~1{id}~1downloads");

  @Test
  void document_lintsClean() throws Exception {
    JsonNode report = json.readTree(Redocly.lint(url()));
    Set<String> accepted = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode p : report.get("problems")) {
      String where =
          p.get("ruleId").asString() + " at " + p.get("location").get(0).get("pointer").asString();
      if (p.get("severity").asString().equals("warn") && ACCEPTED_WARNINGS.contains(where)) {
        accepted.add(where);
      } else {
        problems.add(p.get("severity").asString() + " " + where + ": " + p.get("message"));
      }
    }
    assertThat(problems).as("redocly lint, config %s", Redocly.CONFIG).isEmpty();
    assertThat(accepted).as("accepted warnings that no longer occur").isEqualTo(ACCEPTED_WARNINGS);
    assertThat(report.get("totals").get("errors").asInt()).isZero();
    assertThat(report.get("totals").get("warnings").asInt()).isEqualTo(ACCEPTED_WARNINGS.size());
  }

  @Test
  void document_isOpenApi31_withBothSecuritySchemes() {
    assertThat(document.get("openapi").asString()).startsWith("3.1.");
    JsonNode schemes = document.get("components").get("securitySchemes");
    assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
    assertThat(schemes.get("apiKey").get("scheme").asString()).isEqualTo("bearer");
  }

  @Test
  void problemCodes_areTheCatalogue() {
    List<String> codes = new ArrayList<>();
    document
        .at("/components/schemas/Problem/properties/code/enum")
        .forEach(c -> codes.add(c.asString()));
    assertThat(codes).containsExactlyElementsOf(ProblemCodes.all());
  }

  @Test
  void everyOperation_hasSummaryTagSuccessAndOnlyProblemErrors() {
    forEachOperation(
        (name, operation) -> {
          assertThat(operation.get("operationId")).as(name).isNotNull();
          assertThat(operation.get("summary")).as(name).isNotNull();
          assertThat(operation.get("tags")).as(name).hasSize(1);
          assertThat(operation.get("security")).as(name + " security").isNotNull();
          Set<String> statuses = new TreeSet<>();
          operation.get("responses").propertyNames().forEach(statuses::add);
          assertThat(statuses).as(name).anyMatch(s -> s.startsWith("2")).contains("default");
          for (String status : statuses) {
            if (status.startsWith("2") || status.startsWith("3")) {
              continue;
            }
            JsonNode content = operation.get("responses").get(status).get("content");
            assertThat(content.propertyNames())
                .as(name + " " + status)
                .containsExactly("application/problem+json");
            assertThat(content.at("/application~1problem+json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
          }
        });
  }

  @Test
  void uploads_areMultipartWithBinaryParts() {
    Set<String> seen = new TreeSet<>();
    forEachOperation(
        (name, operation) -> {
          String id = operation.get("operationId").asString();
          if (!UPLOADS.contains(id)) {
            return;
          }
          seen.add(id);
          String ref =
              operation
                  .at("/requestBody/content/multipart~1form-data/schema/$ref")
                  .asString()
                  .replace("#/components/schemas/", "");
          JsonNode properties =
              document.get("components").get("schemas").get(ref).get("properties");
          assertThat(properties.toString()).as(name).contains("\"format\":\"binary\"");
          assertThat(operation.at("/requestBody/required").asBoolean()).as(name).isTrue();
        });
    assertThat(seen).isEqualTo(UPLOADS);
  }

  private void forEachOperation(BiConsumer<String, JsonNode> check) {
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        check.accept(operation.getKey() + " " + path.getKey(), operation.getValue());
      }
    }
  }
}
