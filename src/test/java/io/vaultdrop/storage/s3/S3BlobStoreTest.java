package io.vaultdrop.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.storage.BlobAlreadyExistsException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobStoreContract;
import io.vaultdrop.storage.BlobWriter;
import io.vaultdrop.testsupport.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The blob store contract on a real S3 endpoint (s3proxy), with S3's smallest part size so that
 * part boundaries are crossed by every multi-chunk test, plus the S3 specifics: multipart uploads,
 * conditional writes, foreign keys, sweeping leaked uploads and safe error messages.
 */
class S3BlobStoreTest extends BlobStoreContract {

  static final int PART = S3BlobStore.MIN_PART_SIZE;
  static final String PREFIX = "blobs/";

  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  private String bucket;
  private S3Client client;
  private S3BlobStore store;

  @BeforeEach
  void freshBucket() {
    bucket = S3.newBucket();
    client = S3.newClient();
    store = new S3BlobStore(S3.newClient(), bucket, PREFIX, PART);
  }

  @AfterEach
  void close() {
    store.close();
    client.close();
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected int chunkSize() {
    return PART;
  }

  @Override
  protected void assertNoLeftovers() {
    assertThat(uploads()).isEmpty();
    assertThat(keys()).allMatch(key -> BlobId.isValid(key.substring(PREFIX.length())));
  }

  @Test
  void put_storesOneObjectNamedPrefixAndId() throws IOException {
    BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(new byte[] {1, 2})).id();
    assertThat(keys()).containsExactly(PREFIX + id.value());
  }

  @Test
  void largeBlob_goesAsMultipartUpload_invisibleUntilComplete() throws IOException {
    byte[] content = content(3 * PART + 12_345, 11);
    BlobInfo info;
    try (BlobWriter writer = store.create()) {
      writer.stream().write(content, 0, 2 * PART + 1);
      // two full parts were sent, the third byte of data waits in the buffer
      assertThat(uploads())
          .singleElement()
          .satisfies(u -> assertThat(u.key()).endsWith(writer.id().value()));
      String uploadId = uploads().getFirst().uploadId();
      assertThat(
              client
                  .listParts(b -> b.bucket(bucket).key(PREFIX + writer.id()).uploadId(uploadId))
                  .parts())
          .hasSize(2)
          .allSatisfy(part -> assertThat(part.size()).isEqualTo(PART));
      assertThat(keys()).isEmpty();
      writer.stream().write(content, 2 * PART + 1, content.length - 2 * PART - 1);
      info = writer.commit();
    }
    assertThat(info.size()).isEqualTo(content.length);
    assertThat(read(store, info.id())).isEqualTo(content);
    assertThat(uploads()).isEmpty();
    assertThat(client.headObject(b -> b.bucket(bucket).key(PREFIX + info.id())).contentLength())
        .isEqualTo(content.length);
  }

  /**
   * A retried conditional write recognises its own earlier, successful attempt by size and entity
   * tag; the tags it expects must be exactly what the store computes.
   */
  @Test
  void expectedEntityTags_matchTheStores_forSingleAndMultipartObjects() throws IOException {
    byte[] small = content(1000, 21);
    PartBuffer buffer = new PartBuffer(PART);
    buffer.fill(small, 0, small.length);
    String key = PREFIX + BlobId.random();
    String putTag = client.putObject(b -> b.bucket(bucket).key(key), buffer.body()).eTag();
    assertThat(buffer.singlePartETag()).isEqualTo(putTag);

    String big = PREFIX + BlobId.random();
    String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(big)).uploadId();
    List<CompletedPart> parts = new java.util.ArrayList<>();
    for (int number = 1; number <= 3; number++) {
      int n = number;
      byte[] part = content(number == 3 ? 777 : PART, number);
      String tag =
          client
              .uploadPart(
                  b -> b.bucket(bucket).key(big).uploadId(uploadId).partNumber(n),
                  RequestBody.fromBytes(part))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(tag).build());
    }
    client.completeMultipartUpload(
        b -> b.bucket(bucket).key(big).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    assertThat(S3Requests.multipartETag(parts))
        .isEqualTo(client.headObject(b -> b.bucket(bucket).key(big)).eTag());
    assertThat(
            S3Requests.multipartETag(
                List.of(CompletedPart.builder().partNumber(1).eTag("\"kms-opaque-tag\"").build())))
        .isNull();
  }

  @Test
  void abort_ofMultipartUpload_leavesNoObjectAndNoUpload() throws IOException {
    BlobWriter writer = store.create();
    writer.stream().write(content(2 * PART + 3, 12));
    assertThat(uploads()).hasSize(1);
    writer.abort();
    assertThat(uploads()).isEmpty();
    assertThat(keys()).isEmpty();
  }

  @Test
  void deleteAbandonedWrites_abortsLeakedUploadsUnderThePrefixOnly() throws IOException {
    BlobId crashed = BlobId.random();
    String leaked =
        client.createMultipartUpload(b -> b.bucket(bucket).key(PREFIX + crashed)).uploadId();
    client.uploadPart(
        b -> b.bucket(bucket).key(PREFIX + crashed).uploadId(leaked).partNumber(1),
        RequestBody.fromBytes(content(PART, 1)));
    client.createMultipartUpload(b -> b.bucket(bucket).key("other/" + BlobId.random()));
    client.createMultipartUpload(b -> b.bucket(bucket).key(PREFIX + "not-a-blob"));

    assertThat(store.deleteAbandonedWrites(Instant.now().minusSeconds(3600))).isZero();
    assertThat(store.deleteAbandonedWrites(Instant.now().plusSeconds(60))).isEqualTo(1);

    assertThat(uploads()).extracting(MultipartUpload::key).doesNotContain(PREFIX + crashed);
    assertThat(uploads()).hasSize(2);
    assertThat(store.exists(crashed)).isFalse();
  }

  @Test
  void commit_overObjectWrittenMeanwhile_isRefusedForBothUploadKinds() throws IOException {
    for (int size : new int[] {10, PART + 10}) {
      BlobId id = BlobId.random();
      try (BlobWriter writer = store.create(id)) {
        writer.stream().write(content(size, 3));
        client.putObject(b -> b.bucket(bucket).key(PREFIX + id), RequestBody.fromString("first"));
        assertThatThrownBy(writer::commit)
            .isInstanceOf(BlobAlreadyExistsException.class)
            .hasMessageNotContaining(id.value());
      }
      assertThat(new String(read(store, id))).isEqualTo("first");
    }
    assertThat(uploads()).isEmpty();
  }

  /** The endpoint honours If-None-Match on both writes, so the immutability is not only a check. */
  @Test
  void endpoint_honoursConditionalWrites() {
    client.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("a"));
    assertThatThrownBy(
            () ->
                client.putObject(
                    b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("b")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));

    String upload = client.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
    String eTag =
        client
            .uploadPart(
                b -> b.bucket(bucket).key("k").uploadId(upload).partNumber(1),
                RequestBody.fromString("c"))
            .eTag();
    assertThatThrownBy(
            () ->
                client.completeMultipartUpload(
                    b ->
                        b.bucket(bucket)
                            .key("k")
                            .uploadId(upload)
                            .ifNoneMatch("*")
                            .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(eTag)))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    assertThat(client.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String())
        .isEqualTo("a");
    client.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(upload));
  }

  @Test
  void list_ignoresForeignKeys() throws IOException {
    BlobId id = store.put(BlobId.random(), new ByteArrayInputStream(new byte[] {1})).id();
    for (String foreign :
        List.of(
            PREFIX + "README",
            PREFIX + id.value().toUpperCase(),
            PREFIX + id.value() + ".bak",
            PREFIX + "0a/" + BlobId.random(),
            "other/" + BlobId.random(),
            BlobId.random().value())) {
      client.putObject(b -> b.bucket(bucket).key(foreign), RequestBody.fromString("x"));
    }
    assertThat(store.list(null, 10)).extracting(BlobInfo::id).containsExactly(id);
    assertThat(store.list(null, 1)).extracting(BlobInfo::id).containsExactly(id);
    assertThat(store.list(id, 10)).isEmpty();
  }

  @Test
  void failures_areIOExceptionsNamingNoBucketKeyOrSecret() throws IOException {
    BlobId id = BlobId.random();
    try (S3BlobStore missingBucket =
        new S3BlobStore(S3.newClient(), "vd-missing-bucket", PREFIX, PART)) {
      assertThatThrownBy(() -> missingBucket.put(id, new ByteArrayInputStream(new byte[] {1})))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("NoSuchBucket")
          .satisfies(e -> assertSafe(e, id, "vd-missing-bucket"));
      assertThatThrownBy(() -> missingBucket.open(id))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("NoSuchBucket")
          .satisfies(e -> assertSafe(e, id, "vd-missing-bucket"));
    }
    try (S3BlobStore wrongSecret =
        new S3BlobStore(S3.newClient("wrong-secret-9d1c"), bucket, PREFIX, PART)) {
      assertThatThrownBy(() -> wrongSecret.put(id, new ByteArrayInputStream(new byte[] {1})))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("403")
          .satisfies(e -> assertSafe(e, id, bucket))
          .satisfies(e -> assertThat(e.toString()).doesNotContain("wrong-secret-9d1c"));
    }
  }

  private static void assertSafe(Throwable e, BlobId id, String bucketName) {
    assertThat(e.getCause()).isNull();
    assertThat(e.getMessage()).doesNotContain(id.value()).doesNotContain(bucketName);
    for (Throwable suppressed : e.getSuppressed()) {
      assertThat(suppressed.getMessage()).doesNotContain(id.value()).doesNotContain(bucketName);
    }
  }

  private List<MultipartUpload> uploads() {
    return client.listMultipartUploads(b -> b.bucket(bucket)).uploads();
  }

  private List<String> keys() {
    return client.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }
}
