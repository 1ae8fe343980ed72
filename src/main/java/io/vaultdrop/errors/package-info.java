/**
 * The error catalogue: {@link io.vaultdrop.errors.ErrorCode}, every problem {@code code} the
 * features report, with its HTTP status and title, and {@link io.vaultdrop.errors.DomainException},
 * the failure that carries one. Feature code throws these without knowing about HTTP; the web layer
 * ({@code io.vaultdrop.web.errors}) alone turns them into {@code application/problem+json}
 * responses or error pages.
 *
 * <p>This package is the module's API and depends on no other module, on no servlet or Spring type.
 */
package io.vaultdrop.errors;
