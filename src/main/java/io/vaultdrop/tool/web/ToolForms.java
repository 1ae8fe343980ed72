package io.vaultdrop.tool.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request bodies of the tool API as the OpenAPI document shows them; the controller reads them
 * as a stream ({@link io.vaultdrop.web.StreamingMultipart}), so springdoc cannot see them.
 */
final class ToolForms {

  private ToolForms() {}

  enum Algorithm {
    CHACHA20_POLY1305,
    AES_256_GCM
  }

  enum KeyMode {
    PORTABLE,
    SERVER_BOUND
  }

  @Schema(
      name = "EncryptionUpload",
      description = "`algorithm` and `keyMode` must precede the `file` part.")
  record Encrypt(
      @Schema(description = "Default CHACHA20_POLY1305 (an age v1 file).") Algorithm algorithm,
      @Schema(description = "Default PORTABLE: the .key opens the .enc anywhere.") KeyMode keyMode,
      @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
          String file) {}

  @Schema(
      name = "EncryptionFromUpload",
      description = "An encryption of a finished resumable upload (/api/v1/uploads).")
  record EncryptUpload(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String uploadId,
      Algorithm algorithm,
      KeyMode keyMode) {}

  @Schema(name = "DecryptionUpload", description = "An .enc file and its key.")
  record Decrypt(
      @Schema(
              type = "string",
              format = "binary",
              description = "The encrypted file (name.enc).",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String enc,
      @Schema(
              description = "The key file's text (name.key), a field or a small file part.",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String key) {}
}
