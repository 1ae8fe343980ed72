package io.vaultdrop.web;

import io.vaultdrop.filenames.FileNames;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * The streamed file part of a multipart upload.
 *
 * @param fieldName the part name (e.g. {@code file})
 * @param fileName the client's file name run through {@link FileNames#displayName}: for display and
 *     {@code Content-Disposition} only, never for a file-system path
 * @param contentType the content type the client declared, unchecked; may be {@code null}
 * @param content the bytes, read straight off the request: valid only during {@link
 *     MultipartHandler#handle}; throws {@link UploadLimitExceededException} past the limit
 */
public record FilePart(
    String fieldName, String fileName, @Nullable String contentType, InputStream content) {}
