package io.vaultdrop.config;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Builds absolute links for clients and e-mails from {@code VAULTDROP_PUBLIC_URL}, or from {@code
 * http://localhost:<port>} when it is unset (the port actually bound, when it was chosen at
 * random).
 */
@Component
public final class PublicLinks {

  private final VaultdropProperties properties;
  private final Environment environment;

  PublicLinks(VaultdropProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** The absolute URL of {@code pathAndQuery}, which must start with {@code /}. */
  public URI link(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /");
    }
    return URI.create(base() + pathAndQuery);
  }

  /** Whether links point at an https origin (decides secure-only cookies and HSTS). */
  public boolean isHttps() {
    return properties.publicUrl() != null && "https".equals(properties.publicUrl().getScheme());
  }

  private String base() {
    if (properties.publicUrl() != null) {
      String url = properties.publicUrl().toString();
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    return "http://localhost:" + port;
  }
}
