package io.vaultdrop.storage.s3;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into {@link IOException}s that are safe to log.
 *
 * <p>Security decision: the SDK's own messages may contain the bucket, the object key (and so a
 * blob id), the endpoint or request ids, so they are neither copied nor attached as the cause. The
 * message keeps only what helps an operator: the operation, the HTTP status and the S3 error code
 * (e.g. {@code AccessDenied}, {@code NoSuchBucket}), or the class of a network failure.
 */
final class S3Failures {

  static final int NOT_FOUND = 404;
  static final int PRECONDITION_FAILED = 412;
  static final int CONFLICT = 409;

  private S3Failures() {}

  static IOException of(String operation, SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      return new IOException(
          "S3 "
              + operation
              + " failed: HTTP "
              + service.statusCode()
              + (code == null ? "" : " " + safe(code)));
    }
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return new IOException(
        "S3 " + operation + " failed: " + cause.getClass().getSimpleName() + " (no response)");
  }

  /** A 404 about the object, not about the bucket (a missing bucket is a failure, not absence). */
  static boolean isMissingObject(SdkException e) {
    return hasStatus(e, NOT_FOUND)
        && !(e instanceof AwsServiceException service
            && service.awsErrorDetails() != null
            && "NoSuchBucket".equals(service.awsErrorDetails().errorCode()));
  }

  static boolean hasStatus(SdkException e, int status) {
    return e instanceof AwsServiceException service && service.statusCode() == status;
  }

  /** Error codes are short CamelCase words; anything else is not echoed. */
  private static String safe(String code) {
    return code.matches("[A-Za-z0-9.]{1,64}") ? code : "(unrecognised error code)";
  }
}
