package io.vaultdrop.web.docs;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.vaultdrop.web.errors.ProblemCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The schemas the document defines itself (JSON Schema 2020-12, as OpenAPI 3.1 has it). */
final class Schemas {

  static final String PROBLEM = "Problem";
  static final String FIELD_PROBLEM = "FieldProblem";

  private Schemas() {}

  static Schema<?> binary() {
    return type("string").format("binary");
  }

  static Schema<?> string() {
    return type("string");
  }

  static Schema<?> integer() {
    return type("integer").format("int64");
  }

  static Schema<?> problemRef() {
    return new JsonSchema().$ref("#/components/schemas/" + PROBLEM);
  }

  /**
   * RFC 9457 problem details with Vaultdrop's members; every error response of the API has this
   * body. {@code code} is the stable member clients branch on, its values {@link ProblemCodes#all}.
   */
  static Schema<?> problem() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put(
        "type", type("string").description("Always `about:blank`: `code` tells the problem."));
    properties.put("title", type("string").description("The status's fixed title."));
    properties.put(
        "status", type("integer").format("int32").description("The HTTP status, repeated."));
    properties.put(
        "detail",
        type("string").description("A short English explanation; never user input or secrets."));
    properties.put("instance", type("string").description("Not used by Vaultdrop so far."));
    Schema<String> code = type("string");
    code.setEnum(new ArrayList<>(ProblemCodes.all()));
    properties.put(
        "code", code.description("Stable, machine-readable; the same for the same failure."));
    properties.put(
        "attemptsLeft",
        type("integer")
            .format("int32")
            .minimum(java.math.BigDecimal.ZERO)
            .description(
                "`password_required`, `wrong_password` of a share: password attempts left before"
                    + " the share is destroyed."));
    properties.put(
        "correlationId",
        type("string")
            .description("`internal_error`: quote it to the operator, who finds it in the log."));
    properties.put(
        "errors",
        type("array")
            .items(new JsonSchema().$ref("#/components/schemas/" + FIELD_PROBLEM))
            .description("`invalid_request` from field validation: which fields, and why."));
    return type("object")
        .description("An error (RFC 9457 problem details), as application/problem+json.")
        .required(List.of("type", "title", "status", "code"))
        .properties(properties);
  }

  static Schema<?> fieldProblem() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("field", type("string").description("The field's name."));
    properties.put(
        "reason",
        type("string").description("The constraint it violates, e.g. `NotNull` or `Size`."));
    return type("object")
        .description("One invalid field; the rejected value is never repeated.")
        .required(List.of("field", "reason"))
        .properties(properties);
  }

  @SuppressWarnings("unchecked")
  private static <T> Schema<T> type(String type) {
    return (Schema<T>) new JsonSchema().types(Set.of(type));
  }
}
