package io.vaultdrop.vault.web;

import io.vaultdrop.accounts.Role;
import io.vaultdrop.web.SecurityRules;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The vault is for signed-in users only, in both chains; its key rotation is for administrators.
 * Which files a user sees is decided by ownership in {@code VaultService}, never by role.
 */
@Component
final class VaultSecurityRules implements SecurityRules {

  static final String[] PAGES = {"/vault", "/vault/**"};
  static final String[] ADMIN_PAGES = {"/admin/vault", "/admin/vault/**"};

  @Override
  public void authorizeApi(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests
        .requestMatchers("/api/v1/files", "/api/v1/files/**")
        .authenticated()
        .requestMatchers("/api/v1/admin/vault", "/api/v1/admin/vault/**")
        .hasRole(Role.ADMIN.name());
  }

  @Override
  public void authorizePages(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    requests
        .requestMatchers(PAGES)
        .authenticated()
        .requestMatchers(ADMIN_PAGES)
        .hasRole(Role.ADMIN.name());
  }

  @Override
  public List<String> pagesRequiringLogin() {
    return List.of("/vault", "/vault/**", "/admin/vault", "/admin/vault/**");
  }
}
