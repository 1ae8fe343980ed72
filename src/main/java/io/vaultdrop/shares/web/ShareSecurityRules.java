package io.vaultdrop.shares.web;

import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.web.SecurityRules;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may do what with share links: anyone holding a link may read and download it, anyone holding
 * its revoke token may revoke it (the link and the revoke token are the credentials); creating
 * needs a sign-in unless {@code VAULTDROP_ANONYMOUS_UPLOADS} is on; the owner's list needs a
 * sign-in.
 */
@Component
final class ShareSecurityRules implements SecurityRules {

  private final boolean anonymousUploads;

  ShareSecurityRules(VaultdropProperties properties) {
    this.anonymousUploads = properties.anonymousUploads();
  }

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    var create = requests.requestMatchers(HttpMethod.POST, "/api/v1/shares");
    if (anonymousUploads) {
      create.permitAll();
    } else {
      create.authenticated();
    }
    requests
        .requestMatchers(HttpMethod.GET, "/api/v1/shares")
        .authenticated()
        .requestMatchers(HttpMethod.GET, "/api/v1/shares/*")
        .permitAll()
        .requestMatchers(HttpMethod.HEAD, "/api/v1/shares/*")
        .permitAll()
        .requestMatchers(HttpMethod.POST, "/api/v1/shares/*/download")
        .permitAll()
        .requestMatchers(HttpMethod.DELETE, "/api/v1/shares/*")
        .permitAll()
        .requestMatchers("/api/v1/shares", "/api/v1/shares/**")
        .denyAll();
  }

  @Override
  public void authorizePages(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests
        .requestMatchers(HttpMethod.GET, "/s/*")
        .permitAll()
        .requestMatchers(HttpMethod.HEAD, "/s/*")
        .permitAll()
        .requestMatchers(HttpMethod.POST, "/s/*/download")
        .permitAll()
        // The claimed download the form post redirects to; the resume token is the capability.
        .requestMatchers(HttpMethod.GET, "/s/*/resume/*")
        .permitAll()
        .requestMatchers(HttpMethod.HEAD, "/s/*/resume/*")
        .permitAll()
        .requestMatchers(HttpMethod.POST, "/s/*/revoke")
        .permitAll()
        .requestMatchers("/shares/mine", "/shares/mine/**")
        .authenticated();
    var upload = requests.requestMatchers("/share");
    if (anonymousUploads) {
      upload.permitAll();
    } else {
      upload.authenticated();
    }
  }

  /** The share form of the home page ({@link SecurityRules#formsWithoutSession()}). */
  @Override
  public List<String> formsWithoutSession() {
    return List.of("/share");
  }

  @Override
  public List<String> pagesRequiringLogin() {
    List<String> pages = new ArrayList<>(List.of("/shares/mine", "/shares/mine/**"));
    if (!anonymousUploads) {
      pages.add("/share");
    }
    return pages;
  }
}
