package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.library.internal.DownloadLinks.Grant;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Download links and downloads: any verified user gets a link bound to their account and to the
 * document's current revision ({@link DownloadLinks}); a link serves only its own user, and each
 * completed download is recorded for the operators' history.
 */
@Service
public final class LibraryDownloads {

  /** History rows returned per document. */
  public static final int HISTORY_LIMIT = 1000;

  private static final Logger log = LoggerFactory.getLogger(LibraryDownloads.class);

  private final LibraryRepository repository;
  private final DocumentStore store;
  private final DownloadLinks links;
  private final RateLimiter rateLimiter;
  private final Clock clock;
  private final Duration linkLifetime;
  private final RateLimitPolicy linkCreations;
  private final RateLimitPolicy downloads;

  LibraryDownloads(
      LibraryRepository repository,
      DocumentStore store,
      DownloadLinks links,
      RateLimiter rateLimiter,
      Clock clock,
      LibraryProperties properties) {
    this.repository = repository;
    this.store = store;
    this.links = links;
    this.rateLimiter = rateLimiter;
    this.clock = clock;
    this.linkLifetime = properties.linkLifetime();
    LibraryProperties.RateLimits limits = properties.rateLimits();
    this.linkCreations =
        new RateLimitPolicy("library-links", limits.linksPerMinute(), Duration.ofMinutes(1));
    this.downloads =
        new RateLimitPolicy(
            "library-downloads", limits.downloadsPerMinute(), Duration.ofMinutes(1));
  }

  /** A fresh download link token, valid for {@code vaultdrop.library.link-lifetime}. */
  public record IssuedLink(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedLink[expiresAt=" + expiresAt + "]";
    }
  }

  /** What a download would send, for {@code HEAD}: nothing is opened, decrypted or recorded. */
  public record Headers(String fileName, long length) {}

  /**
   * An opened revision to stream: its plaintext, header and key commitment already checked. The
   * caller copies {@link #content()} to the client, calls {@link #completed()} after the last byte
   * and closes it in any case; until then the revision counts as being read, so a replacement or
   * removal meanwhile deletes its blob only afterwards.
   */
  public static final class Download implements AutoCloseable {
    private final String fileName;
    private final long length;
    private final InputStream content;
    private final Runnable completed;

    private Download(String fileName, long length, InputStream content, Runnable completed) {
      this.fileName = fileName;
      this.length = length;
      this.content = content;
      this.completed = completed;
    }

    public String fileName() {
      return fileName;
    }

    public long length() {
      return length;
    }

    /** The plaintext, read once. */
    public InputStream content() {
      return content;
    }

    /** Records the completed download (after its last byte was written). */
    public void completed() {
      completed.run();
    }

    /** Closes the content and releases the revision. */
    @Override
    public void close() throws IOException {
      content.close();
    }

    @Override
    public String toString() {
      return "Download[" + length + " bytes]";
    }
  }

  /** How long a new link works. */
  public Duration linkLifetime() {
    return linkLifetime;
  }

  /** A link to the current revision of document {@code id}, for {@code me} only. */
  public IssuedLink createLink(CurrentUser me, String id) {
    LibraryAccess.verified(me);
    rateLimiter.consume(linkCreations, me.id());
    LibraryDocument document = repository.find(id).orElseThrow(DomainException::notFound);
    Instant expires = LibraryTime.now(clock).plus(linkLifetime);
    String token = links.issue(new Grant(document.id(), document.revision(), me.id(), expires));
    return new IssuedLink(token, expires);
  }

  /**
   * Opens the document a link names for the link's own user, before anything is sent. Another
   * user's link, a tampered or expired one, and one for a replaced or removed document all answer
   * the same 404; a storage failure is a {@link io.vaultdrop.objects.StorageUnavailableException}
   * (503), never a 404. {@link Download#completed()} records the download dated when it was
   * requested: the order of the history is then the order of the requests, not of when slow and
   * fast clients finished.
   */
  public Download download(CurrentUser me, String token) throws IOException {
    Granted granted = grant(me, token);
    Instant requestedAt = LibraryTime.now(clock);
    LibraryDocument document = granted.document();
    InputStream plain = store.open(document, granted.wrappedKey());
    return new Download(
        document.name(), document.size(), plain, () -> record(document, me, requestedAt));
  }

  /** The headers of {@link #download} after the same checks, without opening the content. */
  public Headers head(CurrentUser me, String token) {
    LibraryDocument document = grant(me, token).document();
    return new Headers(document.name(), document.size());
  }

  private record Granted(LibraryDocument document, byte[] wrappedKey) {}

  private Granted grant(CurrentUser me, String token) {
    LibraryAccess.verified(me);
    Grant grant =
        links
            .open(token)
            .filter(g -> g.userId().equals(me.id()))
            .orElseThrow(DomainException::notFound);
    rateLimiter.consume(downloads, me.id());
    LibraryDocument document =
        repository
            .find(grant.documentId())
            .filter(d -> d.revision() == grant.revision())
            .orElseThrow(DomainException::notFound);
    byte[] wrappedKey =
        repository
            .wrappedKey(document.id(), document.revision())
            .orElseThrow(DomainException::notFound);
    return new Granted(document, wrappedKey);
  }

  /** Completed downloads of a document, newest first (operators and administrators). */
  public List<LibraryDownload> history(CurrentUser me, String id) {
    LibraryAccess.manager(me);
    repository.find(id).orElseThrow(DomainException::notFound);
    return repository.downloads(id, HISTORY_LIMIT);
  }

  private void record(LibraryDocument document, CurrentUser me, Instant requestedAt) {
    try {
      repository.insertDownload(
          new LibraryDownload(
              document.id(), document.revision(), me.id(), me.email(), requestedAt));
    } catch (DataAccessException e) {
      // The document was removed while it was being sent: its history went with it.
      log.debug("Download of a removed library document not recorded");
    }
  }
}
