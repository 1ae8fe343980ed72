package io.vaultdrop.vault.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vaultdrop.shares.ShareLinks;
import java.net.URI;
import java.time.Instant;

/** A share link made from a vault file: the same body as {@code POST /api/v1/shares}. */
@Schema(name = "VaultShareLink")
record SharedLinkView(
    @Schema(description = "The link token; shown only this once.") String token,
    @Schema(description = "Absolute browser link of the token.") URI url,
    String name,
    long size,
    Instant expiresAt,
    int maxDownloads,
    boolean passwordRequired,
    @Schema(description = "Revokes the link (DELETE /api/v1/shares/{token}).") String revokeToken) {

  static SharedLinkView of(ShareLinks.CreatedLink link) {
    return new SharedLinkView(
        link.token(),
        link.url(),
        link.name(),
        link.size(),
        link.expiresAt(),
        link.maxDownloads(),
        link.passwordRequired(),
        link.revokeToken());
  }

  @Override
  public String toString() {
    return "SharedLinkView[secret]";
  }
}
