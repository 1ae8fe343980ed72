package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.library.internal.ooxml.OfficeKind;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
  private final StoredObjects objects;
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
      StoredObjects objects,
      RateLimiter rateLimiter,
      AuditLog audit,
      TransactionTemplate transactions,
      Clock clock,
      LibraryProperties properties) {
    this.repository = repository;
    this.store = store;
    this.notifier = notifier;
    this.objects = objects;
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
   * A document revision whose content was checked and stored as a pending object, not published
   * yet: {@link #publish} or {@link #replace} makes it the document; closing it without that
   * discards the content.
   */
  public static final class PendingDocument implements AutoCloseable {
    private final String documentId;
    private final String name;
    private final OfficeKind kind;
    private final DocumentStore.Stored stored;
    private final @Nullable LibraryDocument current;

    private PendingDocument(
        String documentId,
        String name,
        OfficeKind kind,
        DocumentStore.Stored stored,
        @Nullable LibraryDocument current) {
      this.documentId = documentId;
      this.name = name;
      this.kind = kind;
      this.stored = stored;
      this.current = current;
    }

    @Override
    public void close() {
      stored.close();
    }

    @Override
    public String toString() {
      return "PendingDocument[" + documentId + "]";
    }
  }

  /**
   * Checks and stores the content of a new document (see {@link #publish}).
   *
   * @param fileName the uploaded file's name, already display-sanitised by the caller; its
   *     extension decides the kind
   * @throws DomainException 415 {@code unsupported_file_type} with the reason, 403, 429; 413
   *     ({@link io.vaultdrop.objects.ObjectTooLargeException}) beyond {@code
   *     VAULTDROP_MAX_UPLOAD_SIZE}
   */
  public PendingDocument store(CurrentUser me, String fileName, InputStream content)
      throws IOException {
    LibraryAccess.manager(me);
    rateLimiter.consume(uploads, me.id());
    return store(me, UUID.randomUUID().toString(), fileName, content, null);
  }

  /**
   * Checks and stores new content for document {@code id} (see {@link #replace}).
   *
   * @throws DomainException 404, 415, 403, 429; 413 as {@link #store}
   */
  public PendingDocument storeReplacement(
      CurrentUser me, String id, String fileName, InputStream content) throws IOException {
    LibraryAccess.manager(me);
    LibraryDocument current = find(id).orElseThrow(DomainException::notFound);
    rateLimiter.consume(uploads, me.id());
    return store(me, id, fileName, content, current);
  }

  /**
   * Publishes a new document: its row and its object in one transaction. Subscribers get a mail.
   */
  public LibraryDocument publish(CurrentUser me, PendingDocument pending, String clientAddress) {
    LibraryAccess.manager(me);
    if (pending.current != null) {
      throw new IllegalArgumentException("a replacement is published with replace()");
    }
    Instant now = now();
    LibraryDocument document =
        new LibraryDocument(
            pending.documentId,
            pending.name,
            pending.kind,
            pending.stored.size(),
            pending.stored.blob(),
            1,
            me.id(),
            now,
            now);
    pending.stored.publish(
        () -> {
          repository.insert(document, pending.stored.wrappedKey());
          audit.record(
              AuditEventType.LIBRARY_DOCUMENT_PUBLISHED,
              me.id(),
              document.name(),
              clientAddress,
              "id=" + document.id());
        });
    notifier.published(document);
    return document;
  }

  /**
   * Swaps the pending revision in for the document's current one, if nobody replaced or removed it
   * meanwhile: the new row and object and the old object's deletion in one transaction. The old
   * revision's links stop working; its blob goes after commit, once no download reads it.
   *
   * @throws DomainException 404 when removed meanwhile, 409 when replaced meanwhile
   */
  public LibraryDocument replace(CurrentUser me, PendingDocument pending, String clientAddress) {
    LibraryAccess.manager(me);
    LibraryDocument current = pending.current;
    if (current == null) {
      throw new IllegalArgumentException("a new document is published with publish()");
    }
    String id = current.id();
    LibraryDocument next =
        new LibraryDocument(
            id,
            pending.name,
            pending.kind,
            pending.stored.size(),
            pending.stored.blob(),
            current.revision() + 1,
            me.id(),
            current.createdAt(),
            now());
    try {
      pending.stored.publish(
          () -> {
            if (!repository.replace(next, pending.stored.wrappedKey(), current.revision())) {
              throw new ChangedMeanwhile();
            }
            objects.delete(current.blobId());
            audit.record(
                AuditEventType.LIBRARY_DOCUMENT_REPLACED,
                me.id(),
                next.name(),
                clientAddress,
                "id=" + id + " revision=" + next.revision());
          });
    } catch (ChangedMeanwhile e) {
      // Rolled back; the caller's close of the pending document discards the new content.
      throw changedMeanwhile(id);
    }
    return next;
  }

  /**
   * Removes a document, its download history and its content (the blob after commit, once no
   * download reads it).
   */
  public void remove(CurrentUser me, String id, String clientAddress) {
    LibraryAccess.manager(me);
    LibraryDocument document = find(id).orElseThrow(DomainException::notFound);
    Boolean removed =
        transactions.execute(
            status -> {
              if (!repository.delete(id, document.blobId())) {
                return false;
              }
              objects.delete(document.blobId());
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
  }

  /** Thrown inside the replacing transaction to roll it back. */
  private static final class ChangedMeanwhile extends RuntimeException {
    ChangedMeanwhile() {
      super(null, null, false, false);
    }
  }

  private PendingDocument store(
      CurrentUser me,
      String documentId,
      String fileName,
      InputStream content,
      @Nullable LibraryDocument current)
      throws IOException {
    if (fileName == null) {
      throw DocumentStore.unsupportedFileType("problem.library.office-only");
    }
    OfficeKind kind =
        OfficeKind.ofFileName(fileName)
            .orElseThrow(() -> DocumentStore.unsupportedFileType("problem.library.office-only"));
    if (!properties.publishableBy(me.role()).contains(kind)) {
      throw new DomainException(
          ErrorCode.UNSUPPORTED_FILE_TYPE,
          "problem.library.role-may-not-publish",
          "." + kind.extension());
    }
    DocumentStore.Stored stored = store.store(documentId, content, kind);
    return new PendingDocument(documentId, fileName, kind, stored, current);
  }

  private DomainException changedMeanwhile(String id) {
    if (find(id).isEmpty()) {
      return DomainException.notFound();
    }
    return new DomainException(ErrorCode.CONFLICT, "problem.library.changed");
  }

  // ---------------------------------------------------------------- helpers

  private Instant now() {
    return LibraryTime.now(clock);
  }

  private Optional<LibraryDocument> find(String id) {
    return repository.find(id);
  }
}
