package io.vaultdrop.accounts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator ({@code VAULTDROP_ADMIN_EMAIL}, {@code VAULTDROP_ADMIN_PASSWORD}),
 * created at start-up when no enabled administrator exists. There is never a default password.
 */
@ConfigurationProperties("vaultdrop.admin")
public record AdminBootstrapProperties(String email, String password) {

  boolean configured() {
    return email != null && !email.isBlank() && password != null && !password.isEmpty();
  }

  @Override
  public String toString() {
    return "AdminBootstrapProperties[email=" + email + ", password=<hidden>]";
  }
}
