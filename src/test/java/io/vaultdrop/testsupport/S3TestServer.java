package io.vaultdrop.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 endpoint for one test class: s3proxy in-process on a random loopback port, storing
 * objects as files in a temp folder (so at-rest tests can search them), with signature checking on.
 * Register it as a static {@code @RegisterExtension} field; each test takes a fresh bucket.
 *
 * <pre>{@code
 * @RegisterExtension static final S3TestServer S3 = new S3TestServer();
 * @DynamicPropertySource static void s3(DynamicPropertyRegistry r) { S3.register(r); }
 * }</pre>
 */
public final class S3TestServer implements BeforeAllCallback, AfterAllCallback {

  public static final String ACCESS_KEY = "vaultdrop-test-access";
  public static final String SECRET_KEY = "vaultdrop-test-secret-7f3a";

  private Path root;
  private S3Proxy proxy;
  private String applicationBucket;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    root = Files.createTempDirectory("vaultdrop-s3");
    proxy = newProxy(0);
    proxy.start();
  }

  private S3Proxy newProxy(int port) {
    return S3Proxy.builder()
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .blobStore(new FilesystemNio2BlobStore(root.toString()))
        .stopTimeout(0)
        .build();
  }

  /** Stops answering, as an S3 outage would; {@link #restart()} ends it. */
  public synchronized void stop() throws Exception {
    port = proxy.getPort();
    proxy.stop();
  }

  /** Serves again on the same port, with everything stored before the outage. */
  public synchronized void restart() throws Exception {
    proxy = newProxy(port);
    proxy.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
  }

  public synchronized URI endpoint() {
    return URI.create("http://127.0.0.1:" + (port != 0 ? port : proxy.getPort()));
  }

  /** The folder s3proxy stores objects in: everything that reached the "S3 disk". */
  public Path root() {
    return root;
  }

  /** A new client configured like the application's (caller closes it). */
  public S3Client newClient() {
    return newClient(SECRET_KEY);
  }

  /** A new client signing with {@code secretKey}, e.g. a wrong one. */
  public S3Client newClient(String secretKey) {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secretKey)))
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  /** Creates a bucket with a fresh random name and returns the name. */
  public String newBucket() {
    String name = "vd-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    try (S3Client client = newClient()) {
      client.createBucket(b -> b.bucket(name));
    }
    return name;
  }

  /** The class's application bucket, created on first use (after the server started). */
  public synchronized String applicationBucket() {
    if (applicationBucket == null) {
      applicationBucket = newBucket();
    }
    return applicationBucket;
  }

  /** Points the application's S3 backend at this server and {@link #applicationBucket()}. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("vaultdrop.storage.type", () -> "s3");
    registry.add("vaultdrop.storage.s3.endpoint", () -> endpoint().toString());
    registry.add("vaultdrop.storage.s3.bucket", this::applicationBucket);
    registry.add("vaultdrop.storage.s3.access-key", () -> ACCESS_KEY);
    registry.add("vaultdrop.storage.s3.secret-key", () -> SECRET_KEY);
  }
}
