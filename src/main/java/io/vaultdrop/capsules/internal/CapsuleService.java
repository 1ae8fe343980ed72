package io.vaultdrop.capsules.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobNotFoundException;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.web.FilePart;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Creates, opens and deletes capsules. The object is encrypted with a fresh data key and the blob
 * id as associated data (a blob moved under another capsule does not open); the key leaves the
 * server only inside the JWE and is never stored.
 */
@Service
public final class CapsuleService {

  /** Written into the object header: the data key is protected by the capsule JWE. */
  static final String OBJECT_KEY_ID = "capsule-jwe";

  private final BlobStore blobs;
  private final ObjectCipher cipher;
  private final CapsuleTokens tokens;
  private final CapsuleRows rows;
  private final CapsuleProperties properties;
  private final Clock clock;

  CapsuleService(
      BlobStore blobs,
      ObjectCipher cipher,
      CapsuleTokens tokens,
      CapsuleRows rows,
      CapsuleProperties properties,
      Clock clock) {
    this.blobs = blobs;
    this.cipher = cipher;
    this.tokens = tokens;
    this.rows = rows;
    this.properties = properties;
    this.clock = clock;
  }

  /** Stores the streamed file encrypted; the result's JWE is the only key to it. */
  public CreatedCapsule create(FilePart file, @Nullable String ownerId) throws IOException {
    Instant now = clock.instant();
    try (DataKey key = DataKey.generate();
        BlobWriter writer = blobs.create()) {
      BlobId id = writer.id();
      long size;
      try (OutputStream out =
          cipher.encrypt(
              writer.stream(), CipherSuite.AES_256_GCM, key, OBJECT_KEY_ID, associatedData(id))) {
        size = file.content().transferTo(out);
      }
      rows.insert(id, ownerId, now);
      try {
        writer.commit();
      } catch (IOException | RuntimeException e) {
        rows.delete(id);
        throw e;
      }
      String jwe =
          tokens.issue(new CapsuleClaims(file.fileName(), id, key, size, now.getEpochSecond()));
      return new CreatedCapsule(id, jwe);
    }
  }

  /**
   * Opens the capsule named by {@code token}.
   *
   * @throws InvalidCapsuleTokenException not a token of this server
   * @throws DomainException 404 when the capsule was deleted or has expired
   */
  public OpenedCapsule open(String token) throws IOException {
    CapsuleClaims claims = tokens.open(token);
    DataKey key = claims.key();
    try {
      requireLive(claims.blobId());
      InputStream stored = blobs.open(claims.blobId());
      InputStream plaintext;
      try {
        plaintext = cipher.decrypt(stored, key, associatedData(claims.blobId()));
      } catch (IOException | RuntimeException e) {
        stored.close();
        throw e;
      }
      return new OpenedCapsule(claims.name(), claims.size(), wipingOnClose(plaintext, key));
    } catch (BlobNotFoundException e) {
      key.destroy();
      throw DomainException.notFound();
    } catch (DecryptionFailedException e) {
      key.destroy();
      throw new DomainException(
          ErrorCode.OBJECT_DAMAGED, "The stored object does not match its capsule.");
    } catch (IOException | RuntimeException e) {
      key.destroy();
      throw e;
    }
  }

  /**
   * Deletes the capsule named by {@code token} (the token proves possession).
   *
   * @throws DomainException 404 when it is already gone
   */
  public void delete(String token) throws IOException {
    CapsuleClaims claims = tokens.open(token);
    claims.key().destroy();
    boolean existed = rows.delete(claims.blobId());
    existed |= blobs.exists(claims.blobId());
    blobs.delete(claims.blobId());
    if (!existed) {
      throw DomainException.notFound();
    }
  }

  /** Deletes a capsule whose JWE never reached its creator. */
  public void discard(CreatedCapsule capsule) throws IOException {
    deleteBlob(capsule.blobId());
  }

  /** Deletes a capsule by blob id without its token (sweeping, account deletion). */
  void deleteBlob(BlobId id) throws IOException {
    blobs.delete(id);
    rows.delete(id);
  }

  private void requireLive(BlobId id) {
    Optional<Instant> created = rows.createdAt(id);
    if (created.isEmpty()) {
      throw DomainException.notFound();
    }
    if (properties.maxAge() != null
        && !created.get().plus(properties.maxAge()).isAfter(clock.instant())) {
      throw DomainException.notFound();
    }
  }

  static byte[] associatedData(BlobId id) {
    return ("capsule:" + id.value()).getBytes(StandardCharsets.US_ASCII);
  }

  private static InputStream wipingOnClose(InputStream in, DataKey key) {
    return new FilterInputStream(in) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          key.destroy();
        }
      }
    };
  }
}
