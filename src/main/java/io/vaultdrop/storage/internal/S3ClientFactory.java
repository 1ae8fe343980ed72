package io.vaultdrop.storage.internal;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client from validated settings.
 *
 * <p>HTTP goes through the SDK's {@code url-connection-client} (the JDK's {@code
 * HttpURLConnection}): blocking calls on the request's virtual thread, no connection-pool library,
 * no Netty. Flexible checksums are sent and checked only where S3 requires them: many S3-compatible
 * stores reject the SDK's default CRC trailers, and every blob is AEAD ciphertext whose tag detects
 * any corruption on read anyway.
 */
final class S3ClientFactory {

  private S3ClientFactory() {}

  static S3Client create(S3StorageProperties settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyleAccess())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.hasStaticCredentials()) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
    }
    // Otherwise the SDK's default chain (environment, profile, container or instance role),
    // which the client owns and closes with itself.
    URI endpoint = settings.endpointUri();
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }
}
