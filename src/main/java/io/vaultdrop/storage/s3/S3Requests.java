package io.vaultdrop.storage.s3;

import io.vaultdrop.storage.BlobAlreadyExistsException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
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

  void putIfAbsent(BlobId id, RequestBody body) throws IOException {
    try {
      bucket
          .client()
          .putObject(b -> b.bucket(bucket.name()).key(bucket.key(id)).ifNoneMatch(ABSENT), body);
    } catch (SdkException e) {
      throw refusedOrFailure(id, "PutObject", e);
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

  void completeIfAbsent(BlobId id, String uploadId, List<CompletedPart> parts) throws IOException {
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
      throw refusedOrFailure(id, "CompleteMultipartUpload", e);
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
