package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.library.internal.ooxml.OfficeKind;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The library's documents, shared by the API and the pages: publishing, replacing and removing them
 * (operators and administrators) and listing them (any verified user). Access rules: {@link
 * LibraryAccess}; content: {@link DocumentStore}; links and downloads: {@link LibraryDownloads};
 * mails: {@link LibrarySubscriptions}, {@link LibraryNotifier}.
 */
@Service
public final class LibraryService {

  private final LibraryRepository repository;
  private final DocumentStore store;
  private final LibraryNotifier notifier;
  private final StreamingMultipart multipart;
  private final RateLimiter rateLimiter;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final LibraryProperties properties;
  private final RateLimitPolicy uploads;

  LibraryService(
      LibraryRepository repository,
      DocumentStore store,
      LibraryNotifier notifier,
      StreamingMultipart multipart,
      RateLimiter rateLimiter,
      AuditLog audit,
      TransactionTemplate transactions,
      Clock clock,
      LibraryProperties properties) {
    this.repository = repository;
    this.store = store;
    this.notifier = notifier;
    this.multipart = multipart;
    this.rateLimiter = rateLimiter;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.properties = properties;
    this.uploads =
        new RateLimitPolicy(
            "library-uploads", properties.rateLimits().uploadsPerHour(), Duration.ofHours(1));
  }

  // ---------------------------------------------------------------- reading

  /** Every document, newest first. */
  public List<LibraryDocument> list(CurrentUser me) {
    LibraryAccess.verified(me);
    return repository.list();
  }

  /** One document; 404 for an unknown or malformed id. */
  public LibraryDocument get(CurrentUser me, String id) {
    LibraryAccess.verified(me);
    return find(id).orElseThrow(DomainException::notFound);
  }

  /** Whether {@code me} may publish, replace and remove documents and read the history. */
  public boolean canManage(CurrentUser me) {
    return LibraryAccess.canManage(me);
  }

  /** The kinds {@code me} may publish (empty for members). */
  public Set<OfficeKind> publishableKinds(CurrentUser me) {
    return LibraryAccess.canManage(me) ? properties.publishableBy(me.role()) : Set.of();
  }

  // ---------------------------------------------------------------- publishing

  /**
   * Publishes the multipart {@code file} of the request as a new document.
   *
   * @throws DomainException 415 {@code unsupported_file_type}, 403, 413, 429
   */
  public LibraryDocument publish(CurrentUser me, HttpServletRequest request, String clientAddress)
      throws IOException {
    LibraryAccess.manager(me);
    rateLimiter.consume(uploads, me.id());
    String id = UUID.randomUUID().toString();
    Received received = receive(me, request, id);
    Instant now = now();
    LibraryDocument document =
        new LibraryDocument(
            id,
            received.name(),
            received.kind(),
            received.stored().size(),
            received.stored().blob(),
            1,
            me.id(),
            now,
            now);
    try {
      transactions.executeWithoutResult(
          status -> {
            repository.insert(document, received.stored().wrappedKey());
            repository.deletePending(document.blobId());
            audit.record(
                AuditEventType.LIBRARY_DOCUMENT_PUBLISHED,
                me.id(),
                document.name(),
                clientAddress,
                "id=" + id);
          });
    } catch (RuntimeException e) {
      store.reclaim(document.blobId());
      throw e;
    }
    notifier.published(document);
    return document;
  }

  /**
   * Replaces a document's content (and name) with the multipart {@code file}; the old revision's
   * links stop working and its blob is deleted after the swap.
   *
   * @throws DomainException 404, 409 when replaced or removed meanwhile, 415, 403, 413, 429
   */
  public LibraryDocument replace(
      CurrentUser me, String id, HttpServletRequest request, String clientAddress)
      throws IOException {
    LibraryAccess.manager(me);
    LibraryDocument current = find(id).orElseThrow(DomainException::notFound);
    rateLimiter.consume(uploads, me.id());
    Received received = receive(me, request, id);
    BlobId blob = received.stored().blob();
    LibraryDocument next =
        new LibraryDocument(
            id,
            received.name(),
            received.kind(),
            received.stored().size(),
            blob,
            current.revision() + 1,
            me.id(),
            current.createdAt(),
            now());
    Boolean swapped;
    try {
      swapped =
          transactions.execute(
              status -> {
                if (!repository.replace(next, received.stored().wrappedKey(), current.revision())) {
                  return false;
                }
                repository.deletePending(blob);
                repository.insertPending(current.blobId(), Instant.EPOCH);
                audit.record(
                    AuditEventType.LIBRARY_DOCUMENT_REPLACED,
                    me.id(),
                    next.name(),
                    clientAddress,
                    "id=" + id + " revision=" + next.revision());
                return true;
              });
    } catch (RuntimeException e) {
      store.reclaim(blob);
      throw e;
    }
    if (!Boolean.TRUE.equals(swapped)) {
      store.reclaim(blob);
      throw changedMeanwhile(id);
    }
    store.reclaim(current.blobId());
    return next;
  }

  /** Removes a document, its download history and its content. */
  public void remove(CurrentUser me, String id, String clientAddress) {
    LibraryAccess.manager(me);
    LibraryDocument document = find(id).orElseThrow(DomainException::notFound);
    Boolean removed =
        transactions.execute(
            status -> {
              if (!repository.delete(id, document.blobId())) {
                return false;
              }
              repository.insertPending(document.blobId(), Instant.EPOCH);
              audit.record(
                  AuditEventType.LIBRARY_DOCUMENT_REMOVED,
                  me.id(),
                  document.name(),
                  clientAddress,
                  "id=" + id);
              return true;
            });
    if (!Boolean.TRUE.equals(removed)) {
      throw changedMeanwhile(id);
    }
    store.reclaim(document.blobId());
  }

  private record Received(String name, OfficeKind kind, DocumentStore.Stored stored) {}

  private Received receive(CurrentUser me, HttpServletRequest request, String documentId)
      throws IOException {
    AtomicReference<BlobId> created = new AtomicReference<>();
    try {
      MultipartResult<Received> result =
          multipart.receive(
              request,
              (file, before) -> {
                OfficeKind kind =
                    OfficeKind.ofFileName(file.fileName())
                        .orElseThrow(
                            () ->
                                DocumentStore.unsupportedFileType(
                                    "Only .docx, .xlsx and .pptx files are accepted."));
                if (!properties.publishableBy(me.role()).contains(kind)) {
                  throw DocumentStore.unsupportedFileType(
                      "Your role may not publish ." + kind.extension() + " files.");
                }
                DocumentStore.Stored stored = store.store(documentId, file.content(), kind);
                created.set(stored.blob());
                return new Received(file.fileName(), kind, stored);
              });
      return result.value();
    } catch (IOException | RuntimeException e) {
      // A part after the file (a second file, too many parts) can fail after the blob was made.
      BlobId blob = created.get();
      if (blob != null) {
        store.reclaim(blob);
      }
      throw e;
    }
  }

  private DomainException changedMeanwhile(String id) {
    if (find(id).isEmpty()) {
      return DomainException.notFound();
    }
    return new DomainException(
        ErrorCode.CONFLICT, "The document was changed meanwhile; reload and try again.");
  }

  // ---------------------------------------------------------------- helpers

  private Instant now() {
    return LibraryTime.now(clock);
  }

  private Optional<LibraryDocument> find(String id) {
    return repository.find(id);
  }
}
