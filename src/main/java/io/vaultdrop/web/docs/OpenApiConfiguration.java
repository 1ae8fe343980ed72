package io.vaultdrop.web.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The OpenAPI 3.1 document served at {@code /api/docs} (API endpoints only, see application.yml),
 * the contract clients are generated from. Controllers describe their operations with springdoc's
 * {@code @Operation}/{@code @Tag} and {@link io.vaultdrop.web.ApiContract}; {@link
 * ContractOperations} turns the latter into security requirements and problem responses. The
 * document is committed as {@code docs/openapi.json}; a test fails when the served one drifts.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String API_VERSION = "v1";

  static {
    // A download's body is bytes, not a JSON object named StreamingResponseBody.
    SpringDocUtils.getConfig().replaceWithSchema(StreamingResponseBody.class, Schemas.binary());
  }

  @Bean
  OpenAPI vaultdropOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Vaultdrop")
                .version(API_VERSION)
                .description(
                    "Encrypted file storage and sharing. Uploads are multipart/form-data with the"
                        + " file in a part named `file` (or name a finished resumable upload,"
                        + " /api/v1/uploads, as JSON `uploadId`). Errors are"
                        + " application/problem+json (RFC 9457) with a stable `code` member."
                        + " Authenticate with `Authorization: Bearer <token>`: a JWT from POST"
                        + " /api/v1/auth/token or a personal API key."))
        // Relative: the document is right for whichever address serves it.
        .servers(List.of(new Server().url("/").description("This server")))
        .components(
            new Components()
                .addSecuritySchemes(
                    ContractOperations.BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description(
                            "An access token from POST /api/v1/auth/token (e-mail and password),"
                                + " valid for `expiresIn` seconds; a password change or reset"
                                + " ends it."))
                .addSecuritySchemes(
                    ContractOperations.API_KEY,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "A personal API key, created by the account holder, shown once,"
                                + " optionally expiring and limited to its scopes; sent the same"
                                + " way as a token: `Authorization: Bearer <key>`. Revoked keys"
                                + " answer 401."))
                .addSchemas(Schemas.PROBLEM, Schemas.problem())
                .addSchemas(Schemas.FIELD_PROBLEM, Schemas.fieldProblem()));
  }

  @Bean
  OperationCustomizer contractOperations() {
    return new ContractOperations();
  }

  /**
   * Paths, schemas and tags in name order: the controllers' scan order differs between machines,
   * and the committed document must not. (Not springdoc's writer-with-order-by-keys: that sorts the
   * media types of a body too, and client generators take the first one, which must stay the
   * multipart upload.)
   */
  @Bean
  OpenApiCustomizer sortedDocument() {
    return openApi -> {
      if (openApi.getTags() != null) {
        openApi.getTags().sort(Comparator.comparing(Tag::getName));
      }
      Paths paths = new Paths();
      new TreeMap<>(openApi.getPaths()).forEach(paths::addPathItem);
      openApi.setPaths(paths);
      if (openApi.getComponents().getSchemas() != null) {
        openApi.getComponents().setSchemas(new TreeMap<>(openApi.getComponents().getSchemas()));
      }
    };
  }
}
