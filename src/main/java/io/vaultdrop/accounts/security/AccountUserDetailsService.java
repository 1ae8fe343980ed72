package io.vaultdrop.accounts.security;

import io.vaultdrop.accounts.AccountException;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.internal.EmailAddresses;
import io.vaultdrop.accounts.internal.StoredUser;
import io.vaultdrop.accounts.internal.UserRepository;
import java.time.Clock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Looks accounts up by e-mail for the password check. */
@Component
final class AccountUserDetailsService implements UserDetailsService {

  private final UserRepository users;
  private final Clock clock;

  AccountUserDetailsService(UserRepository users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String email) {
    String normalised;
    try {
      normalised = EmailAddresses.normalise(email);
    } catch (AccountException e) {
      throw new UsernameNotFoundException("unknown account");
    }
    StoredUser user =
        users.findByEmail(normalised).orElseThrow(() -> new UsernameNotFoundException("unknown"));
    return new AccountUserDetails(
        new CurrentUser(
            user.id(),
            user.email(),
            user.role(),
            user.emailVerified(),
            user.credentialsChangedAt().toEpochMilli(),
            clock.instant()),
        user.enabled(),
        user.passwordHash());
  }
}
