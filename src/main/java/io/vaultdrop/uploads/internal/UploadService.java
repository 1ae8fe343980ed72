package io.vaultdrop.uploads.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.objects.FeatureObjects;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.StoredObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resumable uploads on the object lifecycle (see {@code docs/uploads.md}). Security decisions:
 *
 * <ul>
 *   <li>The URL token is 256 random bits; only its SHA-256 is stored, so the database alone gives
 *       no access to an upload. An account's upload is visible to that account only (anyone else
 *       gets the same 404 as for an unknown one); an anonymous upload to whoever holds its URL.
 *   <li>Every chunk is encrypted as it arrives under its own data key, wrapped by the master key
 *       ring and bound (key context and associated data) to the upload and the chunk's offset, so
 *       chunks cannot be moved between uploads or reordered. Until it is claimed an upload is
 *       protected like a vault file; the claiming feature re-encrypts it under its own key model
 *       and the upload is deleted.
 *   <li>The offset moves only in the transaction that publishes a chunk, so it never counts a byte
 *       that is not durable; two requests racing on one offset cannot both win.
 * </ul>
 */
@Service
public class UploadService implements FeatureObjects {

  static final String FEATURE = "uploads";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Duration CLAIM_TIME = Duration.ofHours(1);
  private static final int SWEEP_PAGE = 200;
  private static final int BUFFER = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UploadRepository repository;
  private final StoredObjects objects;
  private final MasterKeyRing keys;
  private final Clock clock;
  private final UploadProperties properties;
  private final TransactionTemplate transactions;

  UploadService(
      UploadRepository repository,
      StoredObjects objects,
      MasterKeyRing keys,
      Clock clock,
      UploadProperties properties,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.objects = objects;
    this.keys = keys;
    this.clock = clock;
    this.properties = properties;
    this.transactions = transactions;
  }

  /** Where an upload stands: what {@code HEAD} reports. */
  public record Status(long offset, long length, Instant expiresAt) {
    public boolean finished() {
      return offset == length;
    }
  }

  /** A new upload: {@code token} is the last segment of its URL. */
  public record Created(String token, Status status) {}

  /**
   * Starts an upload of {@code length} bytes for {@code ownerId} ({@code null}: anonymous). The
   * caller checked the length against the caller's limits.
   *
   * @throws io.vaultdrop.ratelimit.RateLimitedException never; budgets are the web layer's
   * @throws DomainException 409 {@code conflict} when the account already holds too many uploads
   */
  public Created create(@Nullable String ownerId, String fileName, long length) {
    if (length < 0) {
      throw DomainException.invalidRequest("problem.upload.negative-length");
    }
    if (ownerId != null && repository.countOwnedBy(ownerId) >= properties.maxOpenPerAccount()) {
      throw new DomainException(
          ErrorCode.CONFLICT, "problem.upload.too-many-open", properties.maxOpenPerAccount());
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant();
    StoredUpload upload =
        new StoredUpload(
            keyOf(token),
            ownerId,
            fileName,
            length,
            0,
            StoredUpload.RECEIVING,
            now,
            now.plus(properties.expiry()));
    repository.insert(upload);
    return new Created(token, status(upload));
  }

  /** The upload's status; 404 unless it is receiving (finished or not) and the caller's. */
  public Status status(String token, @Nullable String callerId) {
    return status(receiving(token, callerId));
  }

  /**
   * Stores {@code body} from {@code offset} on, cut into chunks of {@code
   * VAULTDROP_UPLOADS_CHUNK_SIZE}, each durable (blob committed, offset moved) before the next
   * begins. If the client's connection breaks, what arrived so far is stored as a last chunk and
   * the call returns as if the body had ended (nobody is left to hear an error): the next {@code
   * HEAD} reports it.
   *
   * @throws DomainException 404 unknown or not the caller's; 409 {@code offset_mismatch} when
   *     {@code offset} is not the stored offset (also when a concurrent request moved it first);
   *     413 when the body runs past {@code Upload-Length} (the bytes up to it are kept)
   * @throws io.vaultdrop.objects.StorageUnavailableException the blob store failed; the chunk being
   *     written is discarded, earlier ones are kept
   */
  public Status append(String token, @Nullable String callerId, long offset, InputStream body)
      throws IOException {
    StoredUpload upload = receiving(token, callerId);
    if (offset != upload.storedBytes()) {
      throw offsetMismatch();
    }
    long stored = offset;
    byte[] buffer = new byte[BUFFER];
    Instant expiresAt = upload.expiresAt();
    while (true) {
      long room = Math.min(properties.chunkSize().toBytes(), upload.totalBytes() - stored);
      Read first = read(body, buffer, (int) Math.min(buffer.length, Math.max(room, 1)));
      if (first.count() <= 0) {
        return new Status(stored, upload.totalBytes(), expiresAt);
      }
      if (room == 0) {
        throw new DomainException(ErrorCode.TOO_LARGE, "problem.upload.past-length");
      }
      Chunk chunk = storeChunk(upload.key(), stored, room, body, buffer, first.count());
      expiresAt = chunk.expiresAt();
      stored += chunk.size();
      if (chunk.clientGone()) {
        return new Status(stored, upload.totalBytes(), expiresAt);
      }
    }
  }

  private record Read(int count, @Nullable IOException failure) {}

  private record Chunk(long size, Instant expiresAt, boolean clientGone) {}

  /** Reads what the client sends; a failure here is the client's (a broken connection). */
  private static Read read(InputStream body, byte[] buffer, int length) {
    try {
      return new Read(body.read(buffer, 0, length), null);
    } catch (IOException e) {
      return new Read(-1, e);
    }
  }

  /**
   * Encrypts one chunk: the {@code firstCount} bytes already in {@code buffer}, then up to {@code
   * room} bytes in all, and publishes it with the new offset.
   */
  private Chunk storeChunk(
      String key, long start, long room, InputStream body, byte[] buffer, int firstCount)
      throws IOException {
    String context = chunkContext(key, start);
    byte[] bound = context.getBytes(StandardCharsets.UTF_8);
    try (NewObject object = objects.create(FEATURE, room);
        DataKey dataKey = DataKey.generate()) {
      byte[] wrapped = keys.wrap(dataKey, bound).toBytes();
      boolean clientGone = false;
      long size = firstCount;
      try (OutputStream out = object.encrypt(CipherSuite.AES_256_GCM, dataKey, FEATURE, bound)) {
        out.write(buffer, 0, firstCount);
        while (size < room) {
          Read next = read(body, buffer, (int) Math.min(buffer.length, room - size));
          if (next.failure() != null) {
            clientGone = true;
            break;
          }
          if (next.count() < 0) {
            break;
          }
          out.write(buffer, 0, next.count());
          size += next.count();
        }
      }
      object.commit();
      long end = start + size;
      Instant now = clock.instant();
      Instant expiresAt = now.plus(properties.expiry());
      UploadChunk chunk = new UploadChunk(start, size, object.id(), wrapped);
      object.publish(
          () -> {
            if (!repository.advance(key, start, end, now, expiresAt)) {
              throw offsetMismatch();
            }
            repository.insertChunk(key, chunk);
          });
      return new Chunk(size, expiresAt, clientGone);
    }
  }

  /** Deletes an upload and its stored bytes (tus termination). 404 as for {@link #status}. */
  public void terminate(String token, @Nullable String callerId) {
    StoredUpload upload = visible(token, callerId);
    delete(upload.key());
  }

  // ---- claims: a finished upload becomes a feature's object ---------------------------------

  /** A finished upload taken by one create call; {@link #open} reads its plaintext. */
  public record Claimed(String key, String fileName, long size) {}

  /**
   * Takes a finished upload for one create call: from now on no other call can (404), until {@link
   * #release}.
   *
   * @throws DomainException 404 unknown, not the caller's, or claimed already; 409 {@code
   *     upload_unfinished} while bytes are missing; 413 larger than {@code maxBytes} (kept)
   */
  public Claimed claim(String token, @Nullable String callerId, long maxBytes) {
    StoredUpload upload = receiving(token, callerId);
    if (upload.totalBytes() > maxBytes) {
      throw new DomainException(ErrorCode.TOO_LARGE, "problem.upload.over-limit", maxBytes);
    }
    if (!upload.finished()) {
      throw new DomainException(
          ErrorCode.UPLOAD_UNFINISHED,
          "problem.upload.unfinished",
          upload.storedBytes(),
          upload.totalBytes());
    }
    Instant now = clock.instant();
    if (!repository.claim(upload.key(), now, now.plus(CLAIM_TIME))) {
      throw DomainException.notFound();
    }
    return new Claimed(upload.key(), upload.fileName(), upload.totalBytes());
  }

  /**
   * The plaintext of a claimed upload, chunk after chunk, each decrypted and checked as it is read.
   * The caller closes it.
   */
  public InputStream open(Claimed claimed) {
    return new UploadContent(
        claimed.key(), claimed.size(), repository.chunks(claimed.key()), objects, keys);
  }

  /** The create call succeeded, or refused the content for good: the upload is gone. */
  public void delete(Claimed claimed) {
    delete(claimed.key());
  }

  /** The create call failed on something a retry may fix: the upload can be claimed again. */
  public void release(Claimed claimed) {
    Instant now = clock.instant();
    repository.release(claimed.key(), now, now.plus(properties.expiry()));
  }

  // ---- sweeping ------------------------------------------------------------------------------

  /** Deletes uploads past {@code Upload-Expires}, finished or not, and stranded claims. */
  @Override
  public int deleteExpired(Instant now) {
    int removed = 0;
    List<String> page;
    do {
      page = repository.expired(now, SWEEP_PAGE);
      for (String key : page) {
        delete(key);
        removed++;
      }
    } while (page.size() == SWEEP_PAGE);
    return removed;
  }

  @Override
  public int deleteAllOf(String accountId) {
    List<String> owned = repository.ownedBy(accountId);
    owned.forEach(this::delete);
    return owned.size();
  }

  @Override
  public String feature() {
    return FEATURE;
  }

  /** Chunks are counted as a transfer once, by the feature that claims the finished upload. */
  @Override
  public boolean staging() {
    return true;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void delete(String key) {
    transactions.executeWithoutResult(status -> objects.delete(repository.delete(key)));
  }

  private StoredUpload visible(String token, @Nullable String callerId) {
    if (!TOKEN.matcher(token).matches()) {
      throw DomainException.notFound();
    }
    StoredUpload upload = repository.find(keyOf(token)).orElseThrow(DomainException::notFound);
    if (!upload.visibleTo(callerId) || !upload.expiresAt().isAfter(clock.instant())) {
      throw DomainException.notFound();
    }
    return upload;
  }

  private StoredUpload receiving(String token, @Nullable String callerId) {
    StoredUpload upload = visible(token, callerId);
    if (!upload.receiving()) {
      throw DomainException.notFound();
    }
    return upload;
  }

  private static Status status(StoredUpload upload) {
    return new Status(upload.storedBytes(), upload.totalBytes(), upload.expiresAt());
  }

  private static DomainException offsetMismatch() {
    return new DomainException(ErrorCode.OFFSET_MISMATCH, "problem.upload.offset-mismatch");
  }

  /** Binds a chunk's key and content to its upload and position. */
  static String chunkContext(String key, long start) {
    return "upload-chunk:" + key + ":" + start;
  }

  static String keyOf(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
