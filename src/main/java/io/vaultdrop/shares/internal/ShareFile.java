package io.vaultdrop.shares.internal;

import io.vaultdrop.storage.BlobId;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code share_files}: a file of a share, stored as its own object.
 *
 * @param index 0-based position in the share
 * @param aadVersion the associated data its object was encrypted with ({@link #LEGACY_AAD} or
 *     {@link #INDEXED_AAD})
 * @param sealedCrc its plaintext CRC-32, {@link SealedChecksum sealed}; {@code null} for files
 *     stored before shares had several files
 */
public record ShareFile(
    String shareId,
    int index,
    BlobId blobId,
    String name,
    long size,
    int aadVersion,
    @Nullable String sealedCrc) {

  /** {@code vaultdrop-share:<share id>}: one-file shares stored before V13. */
  static final int LEGACY_AAD = 1;

  /** {@code vaultdrop-share:<share id>|file:<index>}. */
  static final int INDEXED_AAD = 2;

  /** The associated data the file's object is encrypted with. */
  byte[] associatedData() {
    return associatedData(shareId, index, aadVersion);
  }

  static byte[] associatedData(String shareId, int index, int aadVersion) {
    String text =
        switch (aadVersion) {
          case LEGACY_AAD -> "vaultdrop-share:" + shareId;
          case INDEXED_AAD -> "vaultdrop-share:" + shareId + "|file:" + index;
          default -> throw new IllegalStateException("unknown associated data version");
        };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ShareFile[share=" + shareId + ", index=" + index + "]";
  }
}
