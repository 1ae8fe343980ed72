package io.vaultdrop.shares.internal;

import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.StoredObjects;
import io.vaultdrop.shares.ShareLinks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A share being filled, file by file, under a fresh token: each {@link #add added} file is
 * encrypted while it streams in and stored as its own pending object. {@link ShareService#publish}
 * makes them one share; closing it without that discards every object.
 *
 * <pre>{@code
 * try (PendingShare pending = shares.begin(password)) {
 *   pending.add("a.txt", in1, limit);
 *   pending.add("b.txt", in2, limit - pending.size());
 *   return shares.publish(pending, options, ownerId);
 * }
 * }</pre>
 *
 * <p>Holds the share's data key and checksum key until closed (or published); one thread at a time.
 */
public final class PendingShare implements AutoCloseable {

  private final StoredObjects objects;
  private final int maxFiles;
  private final ShareToken token;
  private final ShareKeys.@Nullable PasswordParameters password;
  private final @Nullable String passwordVerifier;
  private final DataKey dataKey;
  private final byte[] checksumKey;
  private final List<NewObject> stored = new ArrayList<>();
  private final List<ShareFile> files = new ArrayList<>();
  private long size;
  private boolean published;
  private boolean closed;

  PendingShare(
      StoredObjects objects,
      int maxFiles,
      ShareToken token,
      ShareKeys.@Nullable PasswordParameters password,
      @Nullable String passwordVerifier,
      DataKey dataKey,
      byte[] checksumKey) {
    this.objects = objects;
    this.maxFiles = maxFiles;
    this.token = token;
    this.password = password;
    this.passwordVerifier = passwordVerifier;
    this.dataKey = dataKey;
    this.checksumKey = checksumKey;
  }

  /**
   * Streams {@code content} to its end, encrypted, into the share's next file. Does not close
   * {@code content}. On any failure the file is discarded (the files added before stay until this
   * share is closed).
   *
   * @param fileName the name recipients see (already a display name, e.g. from {@code
   *     FileNames.displayName}; made safe again inside a zip)
   * @param maxBytesLeft the most bytes this file may have: the caller's limit minus {@link #size()}
   * @return the stored file
   * @throws io.vaultdrop.objects.ObjectTooLargeException beyond {@code maxBytesLeft} (413)
   * @throws DomainException 400 when the share already holds {@code VAULTDROP_SHARES_MAX_FILES}
   */
  public ShareLinks.SharedFile add(String fileName, InputStream content, long maxBytesLeft)
      throws IOException {
    requireOpen();
    if (files.size() >= maxFiles) {
      throw DomainException.invalidRequest("problem.share.too-many-files", maxFiles);
    }
    int index = files.size();
    NewObject object = objects.create(ShareService.FEATURE, Math.max(0, maxBytesLeft));
    try {
      CRC32 crc = new CRC32();
      byte[] associatedData = ShareFile.associatedData(token.id(), index, ShareFile.INDEXED_AAD);
      try (OutputStream out =
          new CheckedOutputStream(
              object.encrypt(CipherSuite.AES_256_GCM, dataKey, ShareService.KEY_ID, associatedData),
              crc)) {
        content.transferTo(out);
      }
      object.commit();
      long written = object.written();
      ShareFile file =
          new ShareFile(
              token.id(),
              index,
              object.id(),
              fileName,
              written,
              ShareFile.INDEXED_AAD,
              SealedChecksum.seal(checksumKey, token.id(), index, crc.getValue()));
      stored.add(object);
      files.add(file);
      size += written;
      return new ShareLinks.SharedFile(fileName, written);
    } catch (IOException | RuntimeException e) {
      object.close();
      throw e;
    }
  }

  /** Files added so far. */
  public int fileCount() {
    return files.size();
  }

  /** Plaintext bytes added so far, all files together. */
  public long size() {
    return size;
  }

  /** Whether the content is encrypted under a password. */
  public boolean passwordProtected() {
    return password != null;
  }

  ShareToken token() {
    return token;
  }

  ShareKeys.@Nullable PasswordParameters password() {
    return password;
  }

  @Nullable String passwordVerifier() {
    return passwordVerifier;
  }

  List<ShareFile> files() {
    return List.copyOf(files);
  }

  /**
   * Publishes every object in the caller's transaction, each together with {@code rows} for its
   * file (the first call also inserts the share row).
   */
  void publish(Runnable shareRow, java.util.function.Consumer<ShareFile> fileRow) {
    requireOpen();
    shareRow.run();
    for (int i = 0; i < stored.size(); i++) {
      ShareFile file = files.get(i);
      stored.get(i).publish(() -> fileRow.accept(file));
    }
    published = true;
    close();
  }

  /** Discards every object unless published, and destroys the keys. Never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!published) {
        stored.forEach(NewObject::close);
      }
    } finally {
      dataKey.destroy();
      Arrays.fill(checksumKey, (byte) 0);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the pending share is closed");
    }
  }

  @Override
  public String toString() {
    return "PendingShare[id=" + token.id() + ", files=" + files.size() + "]";
  }
}
