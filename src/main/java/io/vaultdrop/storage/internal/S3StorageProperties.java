package io.vaultdrop.storage.internal;

import io.vaultdrop.config.InvalidSettingException;
import io.vaultdrop.storage.s3.S3BlobStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * S3 settings ({@code vaultdrop.storage.s3.*}, {@code VAULTDROP_STORAGE_S3_*}), checked only when
 * {@code VAULTDROP_STORAGE_TYPE} is {@code s3}.
 *
 * <p>Security decision: messages name the setting, never its value, and {@link #toString()} hides
 * the keys, because the secret key (and an endpoint with user info) must not reach a log.
 *
 * @param bucket the bucket (required)
 * @param endpoint URL of an S3-compatible service (MinIO, Ceph RGW, …); AWS when unset
 * @param region signing region
 * @param accessKey access key id; with {@code secretKey}, or neither to use the SDK's default
 *     credentials chain (environment, profile, container or instance role)
 * @param secretKey secret access key
 * @param pathStyle {@code bucket} in the path instead of the host name; defaults to true when an
 *     endpoint is set, false for AWS
 * @param prefix key prefix of the blobs, empty or ending with {@code /}
 * @param partSize multipart part size, 5MB to 1GB; also the memory each upload holds
 */
record S3StorageProperties(
    @Nullable String bucket,
    @Nullable String endpoint,
    @DefaultValue("us-east-1") String region,
    @Nullable String accessKey,
    @Nullable String secretKey,
    @Nullable Boolean pathStyle,
    @DefaultValue("blobs/") String prefix,
    @DefaultValue("8MB") DataSize partSize) {

  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9!_.*'()-]+/)*");
  private static final long MAX_PART_SIZE = DataSize.ofGigabytes(1).toBytes();

  /** Checks every setting; the first bad one stops start-up naming its variable. */
  void validate() {
    if (bucket == null || bucket.isBlank()) {
      throw invalid("BUCKET", "bucket", "must be set when VAULTDROP_STORAGE_TYPE is s3");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw invalid("BUCKET", "bucket", "must be a bucket name (letters, digits, . _ -)");
    }
    if (endpoint != null && !endpoint.isBlank()) {
      endpointUri();
    }
    if (!REGION.matcher(region).matches()) {
      throw invalid("REGION", "region", "must be a region name such as us-east-1");
    }
    if (isSet(accessKey) != isSet(secretKey)) {
      throw invalid(
          isSet(accessKey) ? "SECRET_KEY" : "ACCESS_KEY",
          isSet(accessKey) ? "secret-key" : "access-key",
          "must be set together with "
              + (isSet(accessKey)
                  ? "VAULTDROP_STORAGE_S3_ACCESS_KEY"
                  : "VAULTDROP_STORAGE_S3_SECRET_KEY")
              + " (or unset both to use the default AWS credentials chain)");
    }
    // "." and ".." segments are refused: some S3-compatible stores map keys onto a file system.
    if (prefix.length() > 512
        || !PREFIX.matcher(prefix).matches()
        || ("/" + prefix).contains("/./")
        || ("/" + prefix).contains("/../")) {
      throw invalid(
          "PREFIX",
          "prefix",
          "must be empty or folder names ending with / (letters, digits, ! _ . * ' ( ) -),"
              + " such as blobs/");
    }
    if (partSize.toBytes() < S3BlobStore.MIN_PART_SIZE || partSize.toBytes() > MAX_PART_SIZE) {
      throw invalid(
          "PART_SIZE",
          "part-size",
          "must be between 5MB and 1GB (each upload holds one part in memory)");
    }
  }

  /** The endpoint as an absolute http(s) URL without user info, or {@code null} for AWS. */
  @Nullable URI endpointUri() {
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(endpoint.strip());
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (web && uri.getHost() != null && uri.getRawUserInfo() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below without echoing the value
    }
    throw invalid(
        "ENDPOINT", "endpoint", "must be an http:// or https:// URL without user name or password");
  }

  boolean pathStyleAccess() {
    return pathStyle != null ? pathStyle : endpointUri() != null;
  }

  boolean hasStaticCredentials() {
    return isSet(accessKey) && isSet(secretKey);
  }

  int partSizeBytes() {
    return Math.toIntExact(partSize.toBytes());
  }

  @Override
  public String toString() {
    return "S3StorageProperties[bucket="
        + bucket
        + ", region="
        + region
        + ", endpoint="
        + (endpoint == null ? "(aws)" : "(set)")
        + ", credentials="
        + (hasStaticCredentials() ? "(static)" : "(default chain)")
        + ", prefix="
        + prefix
        + ", partSize="
        + partSize
        + "]";
  }

  private static boolean isSet(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  private static InvalidSettingException invalid(String variable, String property, String why) {
    return new InvalidSettingException(
        "VAULTDROP_STORAGE_S3_" + variable + " (vaultdrop.storage.s3." + property + ")", why);
  }
}
