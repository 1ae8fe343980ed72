package io.vaultdrop.accounts;

import java.time.Instant;

/** A user account as other modules see it: never carries the password hash. */
public record Account(
    String id,
    String email,
    Role role,
    boolean emailVerified,
    boolean enabled,
    Instant createdAt) {}
