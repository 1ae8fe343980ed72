package io.vaultdrop.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The JSON body of a create call that names a finished resumable upload instead of sending a file
 * part ({@link StreamingMultipart} reads it), as the OpenAPI document shows it.
 */
@Schema(
    name = "FinishedUpload",
    description = "A finished resumable upload (/api/v1/uploads) instead of a `file` part.")
public record FinishedUploadForm(
    @Schema(
            description = "The last path segment of the upload's Location.",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String uploadId) {}
