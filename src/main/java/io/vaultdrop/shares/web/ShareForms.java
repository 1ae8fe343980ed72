package io.vaultdrop.shares.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The request bodies of the share API as the OpenAPI document shows them; the controller reads them
 * as a stream ({@link io.vaultdrop.web.StreamingMultipart}), so springdoc cannot see them.
 */
final class ShareForms {

  private ShareForms() {}

  @Schema(
      name = "ShareUpload",
      description =
          "Fields before the files: the file key is derived from the password, so `password`"
              + " must precede the first `file` part.")
  record Upload(
      @Schema(description = "Optional download password.") String password,
      @Schema(description = "Lifetime in seconds (default 86400).", minimum = "1") Long expiresIn,
      @Schema(description = "Downloads allowed (default 1).", minimum = "1") Long maxDownloads,
      @ArraySchema(
              arraySchema =
                  @Schema(
                      description =
                          "One part named `file` per file, at most VAULTDROP_SHARES_MAX_FILES"
                              + " (default 100), together within the caller's upload limit.",
                      requiredMode = Schema.RequiredMode.REQUIRED),
              minItems = 1,
              schema = @Schema(type = "string", format = "binary"))
          List<String> file) {}

  @Schema(
      name = "ShareFromUploads",
      description = "A share of finished resumable uploads (/api/v1/uploads) instead of files.")
  record FromUploads(
      @Schema(description = "One finished upload.") String uploadId,
      @Schema(description = "Several finished uploads, in order.") List<String> uploadIds,
      @Schema(description = "Optional download password.") String password,
      @Schema(description = "Lifetime in seconds (default 86400).", minimum = "1") Long expiresIn,
      @Schema(description = "Downloads allowed (default 1).", minimum = "1") Long maxDownloads) {}

  @Schema(name = "SharePassword", description = "The password of a protected share.")
  record Password(String password) {

    @Override
    public String toString() {
      return "Password[<hidden>]";
    }
  }
}
