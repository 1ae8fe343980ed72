package io.vaultdrop.library.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.library.internal.LibraryDocument;
import io.vaultdrop.library.internal.LibraryService;
import io.vaultdrop.library.internal.LibraryService.PendingDocument;
import io.vaultdrop.uploads.UploadTarget;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The library's multipart uploads, shared by the API and the pages: the {@code file} part streams
 * through the document check into a pending document, which is published (or swapped in) once the
 * body has ended. A refused upload, and one whose body fails after the file part (a second file,
 * too many parts), leaves nothing: {@link StreamingMultipart} or the {@code try} closes the pending
 * document.
 */
@Component
final class LibraryUploads implements UploadTarget {

  private final LibraryService library;
  private final StreamingMultipart multipart;
  private final long maxUpload;

  LibraryUploads(
      LibraryService library, StreamingMultipart multipart, VaultdropProperties properties) {
    this.library = library;
    this.multipart = multipart;
    this.maxUpload = properties.maxUploadSize().toBytes();
  }

  /** Library documents from finished uploads, for operators and admins. */
  @Override
  public String name() {
    return "library";
  }

  @Override
  public OptionalLong maxBytes(@Nullable CurrentUser caller) {
    boolean publisher =
        caller != null && (caller.role() == Role.OPERATOR || caller.role() == Role.ADMIN);
    return publisher ? OptionalLong.of(maxUpload) : OptionalLong.empty();
  }

  /**
   * Publishes the multipart {@code file} of the request as a new document.
   *
   * @throws DomainException 415 {@code unsupported_file_type}, 403, 413, 429
   */
  LibraryDocument publish(CurrentUser me, HttpServletRequest request, String clientAddress)
      throws IOException {
    MultipartResult<PendingDocument> result =
        multipart.receive(
            request, (file, before) -> library.store(me, file.fileName(), file.content()));
    try (PendingDocument pending = result.value()) {
      return library.publish(me, pending, clientAddress);
    }
  }

  /**
   * Replaces document {@code id}'s content (and name) with the multipart {@code file}.
   *
   * @throws DomainException 404, 409 when replaced or removed meanwhile, 415, 403, 413, 429
   */
  LibraryDocument replace(
      CurrentUser me, String id, HttpServletRequest request, String clientAddress)
      throws IOException {
    MultipartResult<PendingDocument> result =
        multipart.receive(
            request,
            (file, before) -> library.storeReplacement(me, id, file.fileName(), file.content()));
    try (PendingDocument pending = result.value()) {
      return library.replace(me, pending, clientAddress);
    }
  }
}
