package io.vaultdrop.web.docs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Turns {@link ApiContract} into the operation's security requirements and problem responses. The
 * error responses are this class's alone: whatever springdoc derived for a 4xx/5xx (the success
 * type, wrongly) is replaced by {@code application/problem+json} with the shared {@code Problem}
 * schema, one response per status, its description naming the {@code code} values.
 */
final class ContractOperations implements OperationCustomizer {

  static final String BEARER = "bearer";
  static final String API_KEY = "apiKey";
  static final String PROBLEM_JSON = "application/problem+json";

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    @Nullable ApiContract onType =
        AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ApiContract.class);
    @Nullable ApiContract onMethod =
        AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ApiContract.class);
    Caller caller = caller(onType, onMethod);
    SortedMap<Integer, SortedSet<String>> problems = new TreeMap<>();
    for (ApiContract contract : new ApiContract[] {onType, onMethod}) {
      if (contract != null) {
        for (ErrorCode code : contract.problems()) {
          add(problems, code.status(), code.code());
        }
      }
    }
    if (caller == Caller.ANYONE) {
      // Explicitly none: these operations take no credentials.
      operation.setSecurity(new ArrayList<>());
    } else {
      // A missing token where one is needed, or a bad, expired or revoked one anywhere; an API
      // key without the scope this operation needs (or any key, where keys are not accepted).
      add(problems, 401, ErrorCode.UNAUTHORIZED.code());
      add(problems, 403, ErrorCode.INSUFFICIENT_SCOPE.code());
      operation.setSecurity(security(caller));
    }
    if (operation.getRequestBody() != null) {
      add(problems, 400, ErrorCode.MALFORMED_REQUEST.code());
      add(problems, 400, ErrorCode.INVALID_REQUEST.code());
      add(problems, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE.code());
    }
    ApiResponses responses = operation.getResponses();
    responses.keySet().removeIf(status -> !status.startsWith("2") && !status.startsWith("3"));
    if (returnsStream(handler)) {
      binaryBodies(responses);
    }
    problems.forEach(
        (status, codes) -> responses.addApiResponse(status.toString(), problem(status, codes)));
    responses.addApiResponse(
        "default",
        problem(
            0,
            new TreeSet<>(
                List.of(
                    "internal_error",
                    ErrorCode.UNAVAILABLE.code(),
                    ErrorCode.STORAGE_UNAVAILABLE.code(),
                    ErrorCode.INSUFFICIENT_STORAGE.code()))));
    return operation;
  }

  private static Caller caller(@Nullable ApiContract onType, @Nullable ApiContract onMethod) {
    if (onMethod != null && onMethod.caller() != Caller.INHERIT) {
      return onMethod.caller();
    }
    if (onType != null && onType.caller() != Caller.INHERIT) {
      return onType.caller();
    }
    return Caller.ANYONE;
  }

  /** Either scheme; for anonymous callers also none (the empty requirement). */
  private static List<SecurityRequirement> security(Caller caller) {
    List<SecurityRequirement> requirements = new ArrayList<>();
    requirements.add(new SecurityRequirement().addList(BEARER));
    requirements.add(new SecurityRequirement().addList(API_KEY));
    if (caller == Caller.ANYONE_OR_SIGNED_IN) {
      requirements.add(new SecurityRequirement());
    }
    return requirements;
  }

  private static void add(Map<Integer, SortedSet<String>> problems, int status, String code) {
    problems.computeIfAbsent(status, s -> new TreeSet<>()).add(code);
  }

  private static boolean returnsStream(HandlerMethod handler) {
    return handler
        .getReturnType()
        .getGenericParameterType()
        .getTypeName()
        .contains(StreamingResponseBody.class.getName());
  }

  /** A download's 2xx bodies are bytes: application/octet-stream unless a type was declared. */
  private static void binaryBodies(ApiResponses responses) {
    responses.forEach(
        (status, response) -> {
          if (!status.startsWith("2") || response.getContent() == null) {
            return;
          }
          Content content = new Content();
          response
              .getContent()
              .forEach(
                  (type, media) -> {
                    boolean generic = type.equals("*/*") || type.equals("application/json");
                    content.addMediaType(
                        generic ? "application/octet-stream" : type,
                        new MediaType().schema(Schemas.binary()));
                  });
          response.setContent(content);
        });
  }

  private static ApiResponse problem(int status, SortedSet<String> codes) {
    String list = String.join(", ", codes.stream().map(c -> "`" + c + "`").toList());
    ApiResponse response =
        new ApiResponse()
            .description(
                status == 0
                    ? "A failure any operation can meet: " + list + " (500, 503, 507)."
                    : "Problem: " + list + ".")
            .content(
                new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(Schemas.problemRef())));
    Map<String, Header> headers = new LinkedHashMap<>();
    if (status == 401) {
      headers.put(
          "WWW-Authenticate",
          new Header()
              .description("`Bearer realm=\"vaultdrop\"`, or `Password realm=\"share\"`.")
              .schema(Schemas.string()));
    }
    if (status == 429 || status == 0) {
      headers.put(
          "Retry-After",
          new Header()
              .description("Seconds to wait (429, and 503 while the node drains).")
              .schema(Schemas.integer()));
    }
    if (!headers.isEmpty()) {
      response.setHeaders(headers);
    }
    return response;
  }
}
