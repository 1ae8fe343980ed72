package io.vaultdrop.vault.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vaultdrop.vault.internal.VaultService;

/** How much of the quota the caller's files take. */
@Schema(name = "VaultUsage")
record UsageView(
    @Schema(description = "Number of files.") long files,
    @Schema(description = "Bytes the files take (plaintext sizes).") long used,
    @Schema(description = "The quota in bytes (VAULTDROP_VAULT_QUOTA).") long quota,
    @Schema(description = "Bytes still free.") long available) {

  static UsageView of(VaultService.Usage usage) {
    return new UsageView(
        usage.files(), usage.usedBytes(), usage.quotaBytes(), usage.availableBytes());
  }
}
