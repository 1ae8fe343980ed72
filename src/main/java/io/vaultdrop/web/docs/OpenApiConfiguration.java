package io.vaultdrop.web.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document served at {@code /api/docs} (API endpoints only, see application.yml). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String API_VERSION = "v1";

  @Bean
  OpenAPI vaultdropOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Vaultdrop")
                .version(API_VERSION)
                .description(
                    "Encrypted file storage and sharing. Errors are application/problem+json"
                        + " (RFC 9457) with a stable `code` member."));
  }
}
