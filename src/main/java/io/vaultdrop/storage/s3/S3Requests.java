package io.vaultdrop.storage.s3;

import io.vaultdrop.storage.BlobAlreadyExistsException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobNotFoundException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * The S3 calls the store makes, one method each, with SDK exceptions turned into safe {@link
 * IOException}s ({@link S3Failures}) and 404/412 turned into the storage module's typed exceptions.
 */
final class S3Requests {

  /** {@code If-None-Match: *}: the write succeeds only if no object has the key yet. */
  private static final String ABSENT = "*";

  private final S3Bucket bucket;

  S3Requests(S3Bucket bucket) {
    this.bucket = bucket;
  }

  /**
   * Stores a single-part object unless the key exists.
   *
   * @param size and {@code eTag}: what the object is when this write stored it
   */
  void putIfAbsent(BlobId id, RequestBody body, long size, String eTag) throws IOException {
    try {
      bucket
          .client()
          .putObject(b -> b.bucket(bucket.name()).key(bucket.key(id)).ifNoneMatch(ABSENT), body);
    } catch (SdkException e) {
      if (!landedOnRetry(id, e, size, eTag)) {
        throw refusedOrFailure(id, "PutObject", e);
      }
    }
  }

  /**
   * Whether a conditional write the SDK retried was in fact stored by its earlier attempt (the
   * response was lost, e.g. "Error writing request body" after the store had answered): the retry
   * then meets our own object and is refused. Identified by size and entity tag. Another size: not
   * ours, the refusal stands. Same size but a tag we cannot match (not computable, or not an MD5 on
   * this store, e.g. under SSE-KMS): the outcome is unknown, which is reported as such rather than
   * as "exists". Nothing is ever overwritten.
   */
  private boolean landedOnRetry(BlobId id, SdkException e, long size, @Nullable String eTag)
      throws IOException {
    if (e.numAttempts() < 2) {
      return false;
    }
    boolean refused =
        S3Failures.hasStatus(e, S3Failures.PRECONDITION_FAILED)
            || S3Failures.hasStatus(e, S3Failures.CONFLICT)
            || S3Failures.hasStatus(e, S3Failures.NOT_FOUND); // a completed upload is gone
    if (!refused) {
      return false;
    }
    try {
      HeadObjectResponse head =
          bucket.client().headObject(b -> b.bucket(bucket.name()).key(bucket.key(id)));
      if (head.contentLength() != size) {
        return false;
      }
      if (eTag != null && eTag.equalsIgnoreCase(head.eTag())) {
        return true;
      }
      throw new IOException("S3 write outcome unknown: refused on a retry after a lost response");
    } catch (SdkException headFailure) {
      if (S3Failures.isMissingObject(headFailure)) {
        return false;
      }
      throw S3Failures.of("HeadObject", headFailure);
    }
  }

  /**
   * The entity tag S3 gives a multipart object: the MD5 of the parts' binary MD5s, a dash and the
   * number of parts; {@code null} when a part's tag is not 32 hex digits. Under SSE-KMS or SSE-C
   * part tags look the same but are not MD5s: the comparison then fails, which is safe.
   */
  static @Nullable String multipartETag(List<CompletedPart> parts) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (CompletedPart part : parts) {
        String hex = part.eTag().replace("\"", "");
        if (hex.length() != 32) {
          return null;
        }
        md5.update(HexFormat.of().parseHex(hex));
      }
      return "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + parts.size() + "\"";
    } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
      return null;
    }
  }

  String startMultipart(BlobId id) throws IOException {
    try {
      return bucket
          .client()
          .createMultipartUpload(b -> b.bucket(bucket.name()).key(bucket.key(id)))
          .uploadId();
    } catch (SdkException e) {
      throw S3Failures.of("CreateMultipartUpload", e);
    }
  }

  CompletedPart uploadPart(BlobId id, String uploadId, int number, RequestBody body)
      throws IOException {
    try {
      String eTag =
          bucket
              .client()
              .uploadPart(
                  b ->
                      b.bucket(bucket.name())
                          .key(bucket.key(id))
                          .uploadId(uploadId)
                          .partNumber(number),
                  body)
              .eTag();
      return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    } catch (SdkException e) {
      throw S3Failures.of("UploadPart", e);
    }
  }

  void completeIfAbsent(BlobId id, String uploadId, List<CompletedPart> parts, long size)
      throws IOException {
    try {
      bucket
          .client()
          .completeMultipartUpload(
              b ->
                  b.bucket(bucket.name())
                      .key(bucket.key(id))
                      .uploadId(uploadId)
                      .ifNoneMatch(ABSENT)
                      .multipartUpload(m -> m.parts(parts)));
    } catch (SdkException e) {
      if (!landedOnRetry(id, e, size, multipartETag(parts))) {
        throw refusedOrFailure(id, "CompleteMultipartUpload", e);
      }
    }
  }

  /** Aborts a multipart upload; one that is already gone counts as aborted. */
  void abort(BlobId id, String uploadId) throws IOException {
    abort(bucket.key(id), uploadId);
  }

  void abort(String key, String uploadId) throws IOException {
    try {
      bucket
          .client()
          .abortMultipartUpload(b -> b.bucket(bucket.name()).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      if (!S3Failures.hasStatus(e, S3Failures.NOT_FOUND)) {
        throw S3Failures.of("AbortMultipartUpload", e);
      }
    }
  }

  ResponseInputStream<GetObjectResponse> get(BlobId id) throws IOException {
    try {
      return bucket.client().getObject(b -> b.bucket(bucket.name()).key(bucket.key(id)));
    } catch (SdkException e) {
      if (S3Failures.isMissingObject(e)) {
        throw new BlobNotFoundException(id);
      }
      throw S3Failures.of("GetObject", e);
    }
  }

  OptionalLong size(BlobId id) throws IOException {
    try {
      return OptionalLong.of(
          bucket
              .client()
              .headObject(b -> b.bucket(bucket.name()).key(bucket.key(id)))
              .contentLength());
    } catch (SdkException e) {
      // HEAD responses have no body, so a missing bucket also reads as a missing object here.
      if (S3Failures.isMissingObject(e)) {
        return OptionalLong.empty();
      }
      throw S3Failures.of("HeadObject", e);
    }
  }

  boolean exists(BlobId id) throws IOException {
    return size(id).isPresent();
  }

  /** Deleting a missing key succeeds in S3, which makes delete idempotent. */
  void delete(BlobId id) throws IOException {
    try {
      bucket.client().deleteObject(b -> b.bucket(bucket.name()).key(bucket.key(id)));
    } catch (SdkException e) {
      throw S3Failures.of("DeleteObject", e);
    }
  }

  /** One page of keys under the prefix, after {@code startAfter} or the continuation token. */
  ListObjectsV2Response list(
      @Nullable String startAfter, @Nullable String continuationToken, int maxKeys)
      throws IOException {
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder()
            .bucket(bucket.name())
            .prefix(bucket.prefix())
            .maxKeys(maxKeys);
    if (continuationToken != null) {
      request.continuationToken(continuationToken);
    } else if (startAfter != null) {
      request.startAfter(startAfter);
    }
    try {
      return bucket.client().listObjectsV2(request.build());
    } catch (SdkException e) {
      throw S3Failures.of("ListObjectsV2", e);
    }
  }

  /** One page of multipart uploads under the prefix, after the given markers. */
  ListMultipartUploadsResponse uploads(@Nullable String keyMarker, @Nullable String uploadIdMarker)
      throws IOException {
    try {
      return bucket
          .client()
          .listMultipartUploads(
              b ->
                  b.bucket(bucket.name())
                      .prefix(bucket.prefix())
                      .keyMarker(keyMarker)
                      .uploadIdMarker(uploadIdMarker));
    } catch (SdkException e) {
      throw S3Failures.of("ListMultipartUploads", e);
    }
  }

  private static IOException refusedOrFailure(BlobId id, String operation, SdkException e) {
    // 412: the key exists. 409: a concurrent conditional write to the same key is in flight.
    if (S3Failures.hasStatus(e, S3Failures.PRECONDITION_FAILED)
        || S3Failures.hasStatus(e, S3Failures.CONFLICT)) {
      return new BlobAlreadyExistsException(id);
    }
    return S3Failures.of(operation, e);
  }
}
