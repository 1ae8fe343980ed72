package io.vaultdrop.vault.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vaultdrop.vault.internal.VaultFile;
import java.time.Instant;

/** A vault file as the API shows it. */
@Schema(name = "VaultFile", description = "A file in the caller's vault.")
record FileView(
    @Schema(description = "Opaque id (22 characters, base64url).") String id,
    @Schema(description = "Original file name, sanitised.") String name,
    @Schema(description = "Size in bytes.") long size,
    @Schema(description = "When the upload finished (UTC).") Instant createdAt) {

  static FileView of(VaultFile file) {
    return new FileView(file.id(), file.name(), file.size(), file.createdAt());
  }
}
