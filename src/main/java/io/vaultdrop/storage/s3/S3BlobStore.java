package io.vaultdrop.storage.s3;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in an S3 bucket (AWS, MinIO, Ceph RGW, Garage, …) under a key prefix, one object
 * per blob named {@code <prefix><32 hex id>}.
 *
 * <ul>
 *   <li><b>Writes</b> stream with one part of memory ({@link S3BlobWriter}): a single {@code
 *       PutObject} for small blobs, a multipart upload for large ones; nothing is visible before
 *       commit.
 *   <li><b>Immutability</b>: writes carry {@code If-None-Match: *}, and a multipart commit first
 *       checks with {@code HeadObject}, so an existing object is never replaced.
 *   <li><b>Listing</b> uses {@code ListObjectsV2} with {@code StartAfter}: ids are fixed-length
 *       lowercase hex, so the keys' byte order is the ids' order. Foreign keys are skipped.
 *   <li><b>Abandoned writes</b> are multipart uploads left by a crash. S3 reports when an upload
 *       was initiated, not when it last received a part, so {@link #deleteAbandonedWrites} treats
 *       the initiation time as the last activity: the margin must exceed the longest upload.
 * </ul>
 *
 * <p>Module-internal: other modules inject {@link BlobStore}.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

  /** S3's smallest allowed part (except the last). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  /** Default part size: 8 MiB, the AWS CLI's default. */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  private final S3Bucket bucket;
  private final S3Requests requests;
  private final Clock clock;
  private final int partSize;

  /**
   * @param client the client; closed with this store
   * @param bucket the bucket name
   * @param prefix key prefix, empty or ending with {@code /}
   * @param partSize bytes per multipart part, and so the memory per open writer
   */
  public S3BlobStore(S3Client client, String bucket, String prefix, int partSize) {
    this(client, bucket, prefix, partSize, Clock.systemUTC());
  }

  S3BlobStore(S3Client client, String bucket, String prefix, int partSize, Clock clock) {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("part size must be at least 5 MiB");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must be empty or end with /");
    }
    this.bucket = new S3Bucket(client, bucket, prefix);
    this.requests = new S3Requests(this.bucket);
    this.clock = clock;
    this.partSize = partSize;
  }

  /**
   * Lists at most one key under the prefix: proves that the endpoint answers, the bucket exists and
   * the credentials may list it, so a wrong setting stops start-up instead of the first upload.
   *
   * @throws IOException naming the S3 status and error code only (see {@link S3Failures})
   */
  public void checkBucket() throws IOException {
    requests.list(null, null, 1);
  }

  @Override
  public void checkAvailable() throws IOException {
    checkBucket();
  }

  @Override
  public BlobWriter create(BlobId id) {
    return new S3BlobWriter(id, requests, clock, partSize);
  }

  @Override
  public InputStream open(BlobId id) throws IOException {
    return new S3ObjectInputStream(requests.get(id));
  }

  @Override
  public OptionalLong size(BlobId id) throws IOException {
    return requests.size(id);
  }

  @Override
  public void delete(BlobId id) throws IOException {
    requests.delete(id);
  }

  @Override
  public List<BlobInfo> list(@Nullable BlobId after, int limit) throws IOException {
    BlobStore.checkPageSize(limit);
    List<BlobInfo> page = new ArrayList<>(limit);
    String startAfter = after == null ? null : bucket.key(after);
    String token = null;
    do {
      ListObjectsV2Response response = requests.list(startAfter, token, limit);
      for (S3Object object : response.contents()) {
        BlobId id = bucket.idOf(object.key());
        if (id != null) {
          page.add(new BlobInfo(id, object.size(), object.lastModified()));
          if (page.size() == limit) {
            return page;
          }
        }
      }
      token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
    } while (token != null);
    return page;
  }

  @Override
  public int deleteAbandonedWrites(Instant inactiveSince) throws IOException {
    int removed = 0;
    String keyMarker = null;
    String uploadIdMarker = null;
    ListMultipartUploadsResponse response;
    do {
      response = requests.uploads(keyMarker, uploadIdMarker);
      for (MultipartUpload upload : response.uploads()) {
        if (bucket.idOf(upload.key()) != null && upload.initiated().isBefore(inactiveSince)) {
          requests.abort(upload.key(), upload.uploadId());
          removed++;
        }
      }
      keyMarker = response.nextKeyMarker();
      uploadIdMarker = response.nextUploadIdMarker();
    } while (Boolean.TRUE.equals(response.isTruncated()));
    return removed;
  }

  /** Closes the S3 client (Spring calls this when the application stops). */
  @Override
  public void close() {
    bucket.client().close();
  }
}
