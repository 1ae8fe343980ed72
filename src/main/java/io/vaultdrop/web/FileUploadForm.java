package io.vaultdrop.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** The multipart body of an upload of one {@code file} part, as the OpenAPI document shows it. */
@Schema(name = "FileUpload", description = "multipart/form-data with one part named `file`.")
public record FileUploadForm(
    @Schema(
            type = "string",
            format = "binary",
            description = "The file; its name is the part's filename.",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String file) {}
