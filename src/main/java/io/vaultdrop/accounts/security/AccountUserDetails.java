package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.CurrentUser;
import java.util.Collection;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The session principal of a form login. The password hash is erased right after authentication
 * (Spring calls {@link #eraseCredentials()}), so sessions never hold it.
 */
final class AccountUserDetails implements UserDetails, CredentialsContainer {

  private final CurrentUser user;
  private final boolean enabled;
  private String passwordHash;

  AccountUserDetails(CurrentUser user, boolean enabled, String passwordHash) {
    this.user = user;
    this.enabled = enabled;
    this.passwordHash = passwordHash;
  }

  CurrentUser currentUser() {
    return user;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return user.authorities();
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return user.email();
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }

  @Override
  public String toString() {
    return "AccountUserDetails[" + user.id() + "]";
  }
}
