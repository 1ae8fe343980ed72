package io.vaultdrop.shares.internal;

import io.vaultdrop.config.PublicLinks;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.FeatureObjects;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.shares.ShareLinks;
import io.vaultdrop.storage.BlobId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating, describing, revoking and sweeping share links; downloads are {@link ShareTransfers}.
 * Security decisions (see {@code docs/shares.md}):
 *
 * <ul>
 *   <li>The data key is derived from the link secret (and the password); nothing stored opens the
 *       file. A link is recognised by a stored verifier, compared in constant time; a password by
 *       its verifier, never by trial decryption.
 *   <li>The API answers unknown, expired, used-up, revoked and mistyped links with the same 404.
 *       Only the holder of the exact link (its token verifier matches) learns why it ended ({@link
 *       #look}): from the row while it is still there, then from its tombstone for {@code
 *       VAULTDROP_SHARES_TOMBSTONE_RETENTION}. A link that never existed stays a bare 404.
 * </ul>
 */
@Service
public final class ShareService implements FeatureObjects {

  /** Wrong passwords a share survives minus one: the fifth destroys it. */
  public static final int MAX_PASSWORD_ATTEMPTS = 5;

  public static final int MAX_PASSWORD_LENGTH = 1024;
  static final String KEY_ID = "share-link";
  static final String FEATURE = "shares";
  private static final Duration DEFAULT_EXPIRY = Duration.ofDays(1);
  private static final int SWEEP_PAGE = 200;

  private final ShareRepository repository;
  private final ShareKeys keys;
  private final StoredObjects objects;
  private final PublicLinks links;
  private final Clock clock;
  private final ShareProperties properties;
  private final TransactionTemplate transactions;
  private final ShareTombstones tombstones;

  ShareService(
      ShareRepository repository,
      ShareKeys keys,
      StoredObjects objects,
      PublicLinks links,
      Clock clock,
      ShareProperties properties,
      TransactionTemplate transactions,
      ShareTombstones tombstones) {
    this.tombstones = tombstones;
    this.repository = repository;
    this.keys = keys;
    this.objects = objects;
    this.links = links;
    this.clock = clock;
    this.properties = properties;
    this.transactions = transactions;
  }

  /**
   * What a share looks like to someone holding its link, or to its owner.
   *
   * @param name the file's name, or {@code "N files"}
   * @param size all files together
   * @param files the files in order (one for a one-file share)
   */
  public record ShareView(
      String id,
      String name,
      long size,
      List<ShareLinks.SharedFile> files,
      Instant createdAt,
      Instant expiresAt,
      int maxDownloads,
      int downloadsLeft,
      boolean passwordRequired) {

    public ShareView {
      files = List.copyOf(files);
    }

    static ShareView of(StoredShare s, List<ShareFile> files) {
      return new ShareView(
          s.id(),
          s.fileName(),
          s.size(),
          files.stream().map(f -> new ShareLinks.SharedFile(f.name(), f.size())).toList(),
          s.createdAt(),
          s.expiresAt(),
          s.maxDownloads(),
          s.remaining(),
          s.passwordRequired());
    }

    /** Whether the share holds several files (downloaded as a zip, or file by file). */
    public boolean multiFile() {
      return files.size() > 1;
    }
  }

  // ---- create -------------------------------------------------------------------------------

  /**
   * Starts a new share under a fresh token; {@link PendingShare#add} then streams its files in. The
   * password (empty or {@code null}: none) must be known now, since the data key depends on it.
   *
   * @throws DomainException 400 for a password that is too long
   */
  public PendingShare begin(@Nullable String password) {
    String secret = password == null || password.isEmpty() ? null : password;
    if (secret != null) {
      checkPassword(secret);
    }
    ShareToken token = ShareToken.generate();
    ShareKeys.PasswordParameters parameters = null;
    String verifier = null;
    byte[] passwordKey = null;
    try {
      if (secret != null) {
        parameters = ShareKeys.PasswordParameters.fresh();
        passwordKey = keys.passwordKey(secret, parameters);
        verifier = keys.passwordVerifier(token, passwordKey);
      }
      DataKey dataKey = keys.dataKey(token, passwordKey);
      return new PendingShare(
          objects,
          properties.maxFiles(),
          token,
          parameters,
          verifier,
          dataKey,
          keys.checksumKey(token, passwordKey));
    } finally {
      if (passwordKey != null) {
        Arrays.fill(passwordKey, (byte) 0);
      }
    }
  }

  /**
   * Checks the options and publishes the pending share: its row, its files' rows and every object,
   * in one transaction. On a bad option (or no file) it throws 400 and the caller's close of {@code
   * pending} discards the content.
   */
  public ShareLinks.CreatedLink publish(
      PendingShare pending, ShareLinks.Options options, @Nullable String ownerId) {
    Duration expiresIn = expiry(options.expiresInSeconds());
    int maxDownloads = maxDownloads(options.maxDownloads());
    List<ShareFile> files = pending.files();
    if (files.isEmpty()) {
      throw DomainException.invalidRequest("problem.share.no-file");
    }
    Instant now = clock.instant();
    String revokeToken = keys.newRevokeToken();
    String name = files.size() == 1 ? files.getFirst().name() : files.size() + " files";
    ShareToken token = pending.token();
    StoredShare share =
        new StoredShare(
            token.id(),
            files.getFirst().blobId(),
            ownerId,
            name,
            pending.size(),
            now,
            now.plus(expiresIn),
            maxDownloads,
            maxDownloads,
            0,
            keys.tokenVerifier(token),
            keys.revokeHash(revokeToken),
            pending.password(),
            pending.passwordVerifier(),
            0,
            files.size());
    transactions.executeWithoutResult(
        status -> pending.publish(() -> repository.insert(share), repository::insertFile));
    String encoded = token.encoded();
    return new ShareLinks.CreatedLink(
        encoded,
        links.link("/s/" + encoded),
        name,
        share.size(),
        files.stream().map(f -> new ShareLinks.SharedFile(f.name(), f.size())).toList(),
        share.expiresAt(),
        maxDownloads,
        share.passwordRequired(),
        revokeToken);
  }

  /** Checks the ranges of {@code options} early (before the content streams in). */
  public void checkOptions(ShareLinks.Options options) {
    expiry(options.expiresInSeconds());
    maxDownloads(options.maxDownloads());
  }

  private Duration expiry(@Nullable Long seconds) {
    if (seconds == null) {
      return DEFAULT_EXPIRY.compareTo(properties.maxExpiry()) > 0
          ? properties.maxExpiry()
          : DEFAULT_EXPIRY;
    }
    if (seconds <= 0) {
      throw DomainException.invalidRequest("problem.share.expires-in-positive");
    }
    if (seconds > properties.maxExpiry().toSeconds()) {
      throw DomainException.invalidRequest(
          "problem.share.expires-in-max", properties.maxExpiry().toSeconds());
    }
    return Duration.ofSeconds(seconds);
  }

  private int maxDownloads(@Nullable Long count) {
    if (count == null) {
      return 1;
    }
    if (count <= 0) {
      throw DomainException.invalidRequest("problem.share.max-downloads-positive");
    }
    if (count > properties.maxDownloadsLimit()) {
      throw DomainException.invalidRequest(
          "problem.share.max-downloads-max", properties.maxDownloadsLimit());
    }
    return count.intValue();
  }

  private static void checkPassword(String password) {
    if (password.length() > MAX_PASSWORD_LENGTH) {
      throw DomainException.invalidRequest("problem.share.password-too-long", MAX_PASSWORD_LENGTH);
    }
  }

  // ---- read ---------------------------------------------------------------------------------

  /**
   * The share behind a link; never consumes a download. 404 {@code not_found} for anything not
   * available, with a detail saying why when the link once worked.
   */
  public ShareView describe(String tokenText) {
    return switch (look(tokenText)) {
      case Landing.Available available -> available.share();
      case Landing.Ended ended ->
          throw new DomainException(ErrorCode.NOT_FOUND, "problem.share." + ended.reason().code());
    };
  }

  /** What the holder of a link finds: the share, or why it ended. */
  public sealed interface Landing {
    record Available(ShareView share) implements Landing {}

    /**
     * @param endedAt when it ended, if known (a used-up share still being swept does not know)
     */
    record Ended(ShareEnd reason, @Nullable Instant endedAt) implements Landing {}
  }

  /**
   * The landing state of a link; never consumes a download.
   *
   * @throws DomainException 404 for a link that never existed, a mistyped one, or one whose
   *     tombstone was swept
   */
  public Landing look(String tokenText) {
    ShareToken token = ShareToken.parse(tokenText).orElseThrow(DomainException::notFound);
    String verifier = keys.tokenVerifier(token);
    StoredShare share =
        repository
            .find(token.id())
            .filter(s -> ShareKeys.matches(s.tokenVerifier(), verifier))
            .orElse(null);
    Instant now = clock.instant();
    if (share == null) {
      return tombstones
          .find(verifier)
          .map(t -> new Landing.Ended(t.reason(), t.endedAt()))
          .orElseThrow(DomainException::notFound);
    }
    if (share.isAvailable(now)) {
      return new Landing.Available(ShareView.of(share, repository.files(share.id())));
    }
    ShareEnd end = ShareEnd.of(share);
    return new Landing.Ended(end, end == ShareEnd.EXPIRED ? share.expiresAt() : null);
  }

  record Resolved(ShareToken token, StoredShare share) {}

  /** The share behind a link if it is available; 404 otherwise. */
  Resolved available(String tokenText) {
    ShareToken token = ShareToken.parse(tokenText).orElseThrow(DomainException::notFound);
    StoredShare share = repository.find(token.id()).orElseThrow(DomainException::notFound);
    if (!ShareKeys.matches(share.tokenVerifier(), keys.tokenVerifier(token))
        || !share.isAvailable(clock.instant())) {
      throw DomainException.notFound();
    }
    return new Resolved(token, share);
  }

  // ---- revoke, list, delete -----------------------------------------------------------------

  /**
   * Revokes a share. {@code idOrToken} is the whole link token or (for its owner, or together with
   * the revoke token) the bare id an owner's list shows.
   *
   * @throws DomainException 404 unknown; 403 wrong revoke token or not the owner
   */
  public void revoke(String idOrToken, @Nullable String revokeToken, @Nullable String userId) {
    StoredShare share;
    boolean linkHolder;
    if (ShareToken.isId(idOrToken)) {
      share = repository.find(idOrToken).orElseThrow(DomainException::notFound);
      linkHolder = false;
    } else {
      share = available(idOrToken).share();
      linkHolder = true;
    }
    if (!share.expiresAt().isAfter(clock.instant())) {
      throw DomainException.notFound();
    }
    boolean owner = userId != null && userId.equals(share.ownerId());
    if (revokeToken != null && !revokeToken.isEmpty()) {
      if (!ShareKeys.matches(share.revokeHash(), keys.revokeHash(revokeToken))) {
        throw forbidden();
      }
    } else if (!owner) {
      if (!linkHolder) {
        throw DomainException.notFound();
      }
      throw forbidden();
    }
    destroy(share, ShareEnd.REVOKED);
  }

  private static DomainException forbidden() {
    return new DomainException(ErrorCode.FORBIDDEN, "problem.share.revoke-forbidden");
  }

  /** The shares {@code userId} created that still work, newest first. */
  public List<ShareView> listOwnedBy(String userId) {
    Instant now = clock.instant();
    Map<String, List<ShareFile>> files =
        repository.filesOfOwner(userId).stream().collect(Collectors.groupingBy(ShareFile::shareId));
    return repository.findByOwner(userId).stream()
        .filter(s -> s.isAvailable(now))
        .map(s -> ShareView.of(s, files.getOrDefault(s.id(), List.of())))
        .toList();
  }

  /**
   * Deletes every share of {@code userId} (account deletion), inside the deletion's transaction:
   * the blobs go once it commits.
   */
  @Override
  public int deleteAllOf(String userId) {
    List<StoredShare> owned = repository.findByOwner(userId);
    for (StoredShare share : owned) {
      destroy(share, ShareEnd.REVOKED);
    }
    return owned.size();
  }

  /**
   * Deletes expired and used-up shares (leaving their tombstones), expired resume tokens and
   * tombstones older than {@code VAULTDROP_SHARES_TOMBSTONE_RETENTION}; returns how many shares.
   */
  @Override
  public int deleteExpired(Instant now) {
    int removed = 0;
    List<StoredShare> page;
    do {
      page = repository.sweepable(now, now.minus(properties.stalledTransferTimeout()), SWEEP_PAGE);
      for (StoredShare share : page) {
        destroy(share, ShareEnd.of(share));
        removed++;
      }
    } while (page.size() == SWEEP_PAGE);
    repository.deleteExpiredResumes(now);
    tombstones.deleteEndedBefore(now.minus(properties.tombstoneRetention()));
    return removed;
  }

  /**
   * Rows and every object of the share in one transaction, leaving a tombstone saying {@code why};
   * the blobs go after commit, once no download reads them. Of two concurrent calls only the one
   * that deleted the row writes the tombstone.
   */
  void destroy(StoredShare share, ShareEnd why) {
    transactions.executeWithoutResult(
        status -> {
          Set<BlobId> blobs = new LinkedHashSet<>();
          blobs.add(share.blobId());
          repository.files(share.id()).forEach(f -> blobs.add(f.blobId()));
          if (repository.delete(share.id())) {
            tombstones.record(share.tokenVerifier(), why, clock.instant());
          }
          objects.delete(blobs);
        });
  }

  @Override
  public String feature() {
    return FEATURE;
  }
}
