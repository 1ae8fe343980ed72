package io.vaultdrop.accounts.apikeys;

/**
 * A key just created: the only moment its secret exists outside the client. Show it once, never
 * store or log it.
 */
public record CreatedApiKey(ApiKeyView view, String key) {

  @Override
  public String toString() {
    return "CreatedApiKey[id=" + view.id() + ", key=<hidden>]";
  }
}
