package io.vaultdrop.accounts.apikeys.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.apikeys.ApiKeyView;
import io.vaultdrop.accounts.apikeys.ApiKeys;
import io.vaultdrop.accounts.apikeys.CreatedApiKey;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.ratelimit.ClientAddresses;
import io.vaultdrop.web.ApiContract;
import io.vaultdrop.web.ApiContract.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's personal API keys ({@code /api/v1/api-keys}). Reachable with a web session's or a
 * JWT's login only: {@link ApiKeyScopeRules} lists no scope for it, so a key cannot make or list
 * keys.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Personal API keys: long-lived, scoped, revocable")
@ApiContract(caller = Caller.SIGNED_IN)
class ApiKeysApiController {

  private final ApiKeys keys;
  private final ClientAddresses addresses;

  ApiKeysApiController(ApiKeys keys, ClientAddresses addresses) {
    this.keys = keys;
    this.addresses = addresses;
  }

  record NewKey(
      @NotNull @Size(max = 1000) String name,
      @NotNull @Size(max = 20) List<@NotNull @Size(max = 40) String> scopes,
      @Nullable Instant expiresAt) {}

  /** A key as created: the only answer that carries {@code key}. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record CreatedKeyView(
      String id,
      String name,
      List<String> scopes,
      Instant createdAt,
      @Nullable Instant expiresAt,
      @Nullable Instant lastUsedAt,
      String key) {

    static CreatedKeyView of(CreatedApiKey created) {
      ApiKeyView view = created.view();
      return new CreatedKeyView(
          view.id(),
          view.name(),
          view.scopes(),
          view.createdAt(),
          view.expiresAt(),
          view.lastUsedAt(),
          created.key());
    }

    @Override
    public String toString() {
      return "CreatedKeyView[id=" + id + ", key=<hidden>]";
    }
  }

  /** A key in a list, without its secret. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record KeyView(
      String id,
      String name,
      List<String> scopes,
      Instant createdAt,
      @Nullable Instant expiresAt,
      @Nullable Instant lastUsedAt) {

    static KeyView of(ApiKeyView view) {
      return new KeyView(
          view.id(),
          view.name(),
          view.scopes(),
          view.createdAt(),
          view.expiresAt(),
          view.lastUsedAt());
    }
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createApiKey",
      summary = "Create a personal API key (its secret `key` is in this answer only)")
  @ApiContract(problems = ErrorCode.API_KEY_LIMIT)
  CreatedKeyView create(
      @AuthenticationPrincipal CurrentUser me,
      @Valid @RequestBody NewKey body,
      HttpServletRequest request) {
    return CreatedKeyView.of(
        keys.create(me.id(), body.name(), body.scopes(), body.expiresAt(), addresses.of(request)));
  }

  @GetMapping
  @Operation(operationId = "listApiKeys", summary = "My API keys, without their secrets")
  List<KeyView> list(@AuthenticationPrincipal CurrentUser me) {
    return keys.list(me.id()).stream().map(KeyView::of).toList();
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "revokeApiKey", summary = "Revoke one of my API keys")
  @ApiContract(problems = ErrorCode.NOT_FOUND)
  void revoke(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable @Size(max = 64) String id,
      HttpServletRequest request) {
    keys.revoke(me.id(), id, addresses.of(request));
  }
}
