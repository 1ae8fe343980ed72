package io.vaultdrop.vault.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.uploads.UploadTarget;
import io.vaultdrop.vault.internal.PendingUpload;
import io.vaultdrop.vault.internal.VaultFile;
import io.vaultdrop.vault.internal.VaultService;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The vault's multipart upload, shared by the API and the pages: the quota is reserved before the
 * body is read (from its declared length), the {@code file} part streams into the upload, and the
 * file is published once the body has ended; a refused or broken request leaves nothing.
 */
@Component
final class VaultUploadRequests implements UploadTarget {

  /** Room for the multipart framing around the file part, as {@link StreamingMultipart} allows. */
  static final long MULTIPART_OVERHEAD =
      (long) StreamingMultipart.MAX_PARTS * (StreamingMultipart.MAX_FIELD_BYTES + 1024);

  private final VaultService vault;
  private final StreamingMultipart multipart;
  private final long maxUpload;

  VaultUploadRequests(
      VaultService vault, StreamingMultipart multipart, VaultdropProperties properties) {
    this.vault = vault;
    this.multipart = multipart;
    this.maxUpload = properties.maxUploadSize().toBytes();
  }

  /**
   * Streams the multipart {@code file} part of the request (or the finished upload it names) into a
   * new vault file. The quota is reserved when the file begins, after the small fields before it:
   * from the body's declared length for a file part, from the remaining quota for a finished upload
   * (a JSON body or a form with an {@code uploadId} field), whose length the body does not tell.
   *
   * @throws DomainException 413 {@code too_large} beyond {@code VAULTDROP_MAX_UPLOAD_SIZE}, 413
   *     {@code quota_exceeded} beyond the remaining quota, 400 for a malformed body, 429
   */
  VaultFile upload(CurrentUser me, HttpServletRequest request) throws IOException {
    VaultService.requireVerified(me);
    long length = isJson(request) ? -1 : request.getContentLengthLong();
    MultipartResult<PendingUpload> result =
        multipart.receive(
            request,
            StreamingMultipart.DEFAULT_FILE_PART,
            maxUpload,
            (file, before) -> {
              boolean finishedUpload = before.first(StreamingMultipart.UPLOAD_ID_FIELD).isPresent();
              PendingUpload upload =
                  vault.startUpload(me, finishedUpload ? -1 : length, MULTIPART_OVERHEAD);
              try {
                upload.store(file.fileName(), file.content());
              } catch (IOException | RuntimeException e) {
                upload.close();
                throw e;
              }
              return upload;
            });
    try (PendingUpload upload = result.value()) {
      return vault.publish(upload);
    }
  }

  private static boolean isJson(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  /** Vault files from finished uploads: up to the upload limit and the space left. */
  @Override
  public String name() {
    return "files";
  }

  @Override
  public OptionalLong maxBytes(@Nullable CurrentUser caller) {
    if (caller == null || !caller.emailVerified()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.min(maxUpload, vault.usage(caller).availableBytes()));
  }
}
