package io.vaultdrop.storage.s3;

import io.vaultdrop.storage.BlobId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where blobs live: one bucket, one key prefix. The object key of a blob is the prefix followed by
 * the id's 32 hex characters, so a key is built from a {@link BlobId} only and never from anything
 * a user typed.
 *
 * @param client the shared, thread-safe S3 client
 * @param name the bucket name
 * @param prefix the key prefix, empty or ending with {@code /} (e.g. {@code blobs/})
 */
record S3Bucket(S3Client client, String name, String prefix) {

  S3Bucket {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefix, "prefix");
  }

  String key(BlobId id) {
    return prefix + id.value();
  }

  /** The blob id an object key names, or {@code null} for a foreign key under the prefix. */
  @Nullable BlobId idOf(String key) {
    if (!key.startsWith(prefix)) {
      return null;
    }
    String rest = key.substring(prefix.length());
    return BlobId.isValid(rest) ? BlobId.parse(rest) : null;
  }
}
