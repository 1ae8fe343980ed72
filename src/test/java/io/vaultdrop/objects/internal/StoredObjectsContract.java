package io.vaultdrop.objects.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vaultdrop.crypto.CipherSuite;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.DecryptionFailedException;
import io.vaultdrop.crypto.ObjectCipher;
import io.vaultdrop.crypto.internal.BenchmarkAccess;
import io.vaultdrop.objects.NewObject;
import io.vaultdrop.objects.ObjectGoneException;
import io.vaultdrop.objects.ObjectTooLargeException;
import io.vaultdrop.objects.OpenedObject;
import io.vaultdrop.objects.StorageUnavailableException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.testsupport.FaultyBlobStore;
import io.vaultdrop.testsupport.FaultyBlobStore.Operation;
import io.vaultdrop.testsupport.MutableClock;
import io.vaultdrop.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The object lifecycle contract ({@code docs/objects.md}) on a real database and a real blob store,
 * run against every storage backend by subclassing. Faults are injected around the real store
 * ({@link FaultyBlobStore}); a crash is a writer abandoned at some step, with nothing cleaned up,
 * followed by the sweeps a restarted cluster runs.
 */
abstract class StoredObjectsContract {

  static final Duration PENDING_AGE = Duration.ofHours(24);
  static final Duration STALLED_READ_AGE = Duration.ofHours(24);
  private static final byte[] AD = "contract-object".getBytes(StandardCharsets.US_ASCII);

  private final ObjectCipher cipher = BenchmarkAccess.objectCipher();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
  private final DataKey key = DataKey.generate();
  private BlobStore real;
  private FaultyBlobStore blobs;
  private LedgerStoredObjects objects;
  private ObjectSweeper sweeper;
  private SimpleMeterRegistry metrics;
  private JdbcTemplate jdbc;
  private TransactionTemplate transactions;

  /** The ledger's database, registered as an extension by the subclass. */
  abstract TestDatabase database();

  /** A fresh, empty real blob store. */
  abstract BlobStore freshStore() throws IOException;

  /** Segments of the object format: contents of several segments cross their boundaries. */
  int contentSize() {
    return 3 * 64 * 1024 + 17;
  }

  @BeforeEach
  void setUp() throws IOException {
    database().migrate();
    jdbc = new JdbcTemplate(database().dataSource());
    jdbc.update("DELETE FROM stored_objects");
    JdbcTransactionManager manager = new JdbcTransactionManager(database().dataSource());
    transactions = new TransactionTemplate(manager);
    real = freshStore();
    blobs = new FaultyBlobStore(real);
    ObjectProperties properties =
        new ObjectProperties(PENDING_AGE, STALLED_READ_AGE, Duration.ofMinutes(5));
    ObjectLedger ledger = new ObjectLedger(JdbcClient.create(database().dataSource()));
    ObjectReaper reaper = new ObjectReaper(ledger, blobs, properties, clock);
    metrics = new SimpleMeterRegistry();
    TransferMetrics transfers = new TransferMetrics(metrics, List.of());
    objects = new LedgerStoredObjects(ledger, reaper, blobs, cipher, clock, transfers, manager);
    sweeper = new ObjectSweeper(List.of(), ledger, reaper, properties, clock, transfers);
  }

  // ---------------------------------------------------------------- write

  @Test
  void published_roundTripsThroughTheCipher() throws IOException {
    byte[] content = content(contentSize());
    BlobId id = publish(content);

    assertThat(read(id)).isEqualTo(content);
    assertThat(state(id)).isEqualTo("LIVE");
  }

  @Test
  void committed_canBeReadBackBeforeItIsPublished() throws IOException {
    byte[] content = content(contentSize());
    try (NewObject object = objects.create("tool", Long.MAX_VALUE)) {
      try (OutputStream out = object.ciphertext()) {
        out.write(content);
      }
      object.commit();
      try (InputStream back = object.readCommitted()) {
        assertThat(back.readAllBytes()).isEqualTo(content);
      }
      object.publish(() -> {});
    }
  }

  @Test
  void pending_cannotBeOpened() throws IOException {
    try (NewObject object = objects.create("shares", Long.MAX_VALUE)) {
      write(object, content(100));
      object.commit();
      assertThatThrownBy(() -> objects.open(object.id())).isInstanceOf(ObjectGoneException.class);
    }
  }

  /** A crash after each step of the write path: the sweeps of a restart leave nothing. */
  @TestFactory
  Stream<DynamicTest> crash_atEveryWriteStep_sweepLeavesNothing() {
    return Stream.of(WriteStep.values())
        .map(
            step ->
                DynamicTest.dynamicTest(
                    "crash after " + step,
                    () -> {
                      setUp();
                      NewObject abandoned = objects.create("tool", Long.MAX_VALUE);
                      runUpTo(abandoned, step);
                      // The process dies here: no close, no clean-up.
                      assertThat(state(abandoned.id())).isEqualTo("PENDING");

                      sweepAfter(PENDING_AGE.plusMinutes(1));

                      assertNothingLeft();
                      assertThatThrownBy(() -> abandoned.publish(() -> {}))
                          .isInstanceOf(RuntimeException.class);
                    }));
  }

  /** A storage failure at each operation of the write path: the failed write leaves nothing. */
  @TestFactory
  Stream<DynamicTest> storageFailure_atEveryWriteOperation_leavesNothing() {
    return Stream.of(Operation.CREATE, Operation.WRITE, Operation.CLOSE_STREAM, Operation.COMMIT)
        .map(
            operation ->
                DynamicTest.dynamicTest(
                    "failing " + operation,
                    () -> {
                      setUp();
                      blobs.fail(operation);
                      assertThatThrownBy(
                              () -> {
                                try (NewObject object = objects.create("vault", Long.MAX_VALUE)) {
                                  write(object, content(contentSize()));
                                  object.commit();
                                  object.publish(() -> {});
                                }
                              })
                          .isInstanceOf(IOException.class);
                      blobs.up();
                      real.deleteAbandonedWrites(Instant.now().plus(Duration.ofDays(1)));

                      assertNothingLeft();
                    }));
  }

  @Test
  void featureRowsFailing_rollsBackThePublish_andCloseDiscardsTheBlob() throws IOException {
    BlobId id;
    try (NewObject object = objects.create("library", Long.MAX_VALUE)) {
      id = object.id();
      write(object, content(1000));
      object.commit();
      assertThatThrownBy(
              () ->
                  object.publish(
                      () -> {
                        throw new IllegalStateException("the feature refused");
                      }))
          .hasMessage("the feature refused");
      assertThat(state(id)).isEqualTo("PENDING");
    }
    assertNothingLeft();
  }

  @Test
  void cleanUpFailing_afterARefusedPublish_isLeftToTheSweeper() throws IOException {
    try (NewObject object = objects.create("shares", Long.MAX_VALUE)) {
      write(object, content(1000));
      object.commit();
      blobs.fail(Operation.DELETE);
      assertThatThrownBy(
              () ->
                  object.publish(
                      () -> {
                        throw new IllegalStateException("refused");
                      }))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(real.list(null, 10)).hasSize(1);

    blobs.up();
    sweepAfter(PENDING_AGE.plusMinutes(1));

    assertNothingLeft();
  }

  @Test
  void sweeper_takesAnOverduePendingObject_soItsLatePublishFails() throws IOException {
    try (NewObject object = objects.create("vault", Long.MAX_VALUE)) {
      write(object, content(1000));
      object.commit();

      sweepAfter(PENDING_AGE.plusMinutes(1));

      boolean[] rowsRan = {false};
      assertThatThrownBy(() -> object.publish(() -> rowsRan[0] = true))
          .isInstanceOf(ObjectGoneException.class);
      assertThat(rowsRan[0]).isFalse();
    }
    assertNothingLeft();
  }

  @Test
  void sweeper_leavesAYoungPendingObjectAlone() throws IOException {
    try (NewObject object = objects.create("vault", Long.MAX_VALUE)) {
      write(object, content(1000));
      object.commit();
      sweepAfter(PENDING_AGE.minusMinutes(1));
      object.publish(() -> {});
      assertThat(read(object.id())).hasSize(1000);
    }
  }

  @Test
  void limit_refusesTheFirstByteBeyondIt_andNothingIsLeft() throws IOException {
    assertThatThrownBy(
            () -> {
              try (NewObject object = objects.create("vault", 1000)) {
                try (OutputStream out = object.ciphertext()) {
                  out.write(content(1000));
                  assertThat(object.written()).isEqualTo(1000);
                  out.write(1);
                }
              }
            })
        .isInstanceOfSatisfying(
            ObjectTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(1000));
    real.deleteAbandonedWrites(Instant.now().plus(Duration.ofDays(1)));
    assertNothingLeft();
  }

  // ---------------------------------------------------------------- read

  @Test
  void open_withStorageDown_isUnavailable_andReleasesTheReader() throws IOException {
    BlobId id = publish(content(1000));
    blobs.down();

    assertThatThrownBy(() -> objects.open(id)).isInstanceOf(StorageUnavailableException.class);

    blobs.up();
    assertThat(readers(id)).isZero();
    assertThat(read(id)).hasSize(1000);
  }

  @Test
  void decrypt_withStorageFailingOnTheHeader_isUnavailable() throws IOException {
    BlobId id = publish(content(1000));
    try (OpenedObject opened = objects.open(id)) {
      blobs.fail(Operation.READ);
      assertThatThrownBy(() -> opened.decrypt(key, AD))
          .isInstanceOf(StorageUnavailableException.class);
    }
    blobs.up();
    assertThat(readers(id)).isZero();
  }

  @Test
  void decrypt_withAnotherKey_failsBeforeAnyPlaintext() throws IOException {
    BlobId id = publish(content(1000));
    try (OpenedObject opened = objects.open(id);
        DataKey other = DataKey.generate()) {
      assertThatThrownBy(() -> opened.decrypt(other, AD))
          .isInstanceOf(DecryptionFailedException.class);
    }
  }

  // ---------------------------------------------------------------- metrics

  @Test
  void metrics_countAPublishOnlyOnceItsTransactionCommits() throws IOException {
    byte[] content = content(contentSize());
    try (NewObject object = objects.create("capsules", Long.MAX_VALUE)) {
      write(object, content);
      object.commit();
      transactions.executeWithoutResult(
          status -> {
            object.publish(() -> {});
            status.setRollbackOnly();
          });
    }
    assertThat(count("vaultdrop.uploads", "feature", "capsules")).isZero();
    assertThat(count("vaultdrop.transfer.bytes", "feature", "capsules", "direction", "upload"))
        .isEqualTo(content.length);

    try (NewObject object = objects.create("capsules", Long.MAX_VALUE)) {
      write(object, content);
      object.commit();
      transactions.executeWithoutResult(status -> object.publish(() -> {}));
    }
    assertThat(count("vaultdrop.uploads", "feature", "capsules")).isEqualTo(1);
  }

  @Test
  void metrics_countADownloadAtTheEnd_andTheBytesAsTheyAreRead() throws IOException {
    byte[] content = content(contentSize());
    BlobId id = publish(content);
    try (OpenedObject opened = objects.open(id)) {
      InputStream plaintext = opened.decrypt(key, AD);
      plaintext.readNBytes(1000);
      assertThat(count("vaultdrop.transfer.bytes", "feature", "shares", "direction", "download"))
          .isEqualTo(1000);
      assertThat(count("vaultdrop.downloads", "feature", "shares")).isZero();
      plaintext.readAllBytes();
      plaintext.read();
    }
    assertThat(count("vaultdrop.downloads", "feature", "shares")).isEqualTo(1);
    assertThat(count("vaultdrop.transfer.bytes", "feature", "shares", "direction", "download"))
        .isEqualTo(content.length);
  }

  @Test
  void skippedBytes_areNotTransferred_andAStorageFailureWhileSkippingIsUnavailable()
      throws IOException {
    byte[] content = content(contentSize());
    BlobId id = publish(content);
    int first = 100_000; // a byte range's start, past the first segment
    try (OpenedObject opened = objects.open(id)) {
      InputStream plaintext = opened.decrypt(key, AD);
      plaintext.skipNBytes(first);
      assertThat(plaintext.readAllBytes())
          .isEqualTo(java.util.Arrays.copyOfRange(content, first, content.length));
    }
    assertThat(count("vaultdrop.transfer.bytes", "feature", "shares", "direction", "download"))
        .isEqualTo(content.length - first);
    assertThat(count("vaultdrop.downloads", "feature", "shares")).isEqualTo(1);

    blobs.failReadsAfter(70_000);
    try (OpenedObject opened = objects.open(id)) {
      InputStream plaintext = opened.decrypt(key, AD);
      assertThatThrownBy(() -> plaintext.skipNBytes(first))
          .isInstanceOf(StorageUnavailableException.class);
    }
    assertThat(count("vaultdrop.decryption.failures", "feature", "shares")).isZero();
  }

  @Test
  void metrics_countAFailedDecryptionOnce_underTheObjectsFeature() throws IOException {
    BlobId id;
    try (NewObject object = objects.create("library", Long.MAX_VALUE)) {
      write(object, content(1000));
      object.commit();
      object.publish(() -> {});
      id = object.id();
    }
    try (OpenedObject opened = objects.open(id);
        DataKey other = DataKey.generate()) {
      assertThatThrownBy(() -> opened.decrypt(other, AD))
          .isInstanceOf(DecryptionFailedException.class);
    }
    assertThat(count("vaultdrop.decryption.failures", "feature", "library")).isEqualTo(1);
  }

  @Test
  void metrics_countAnAbandonedObjectTheSweeperRemoves() throws IOException {
    try (NewObject object = objects.create("vault", Long.MAX_VALUE)) {
      write(object, content(1000));
      object.commit();
      sweepAfter(PENDING_AGE.plusMinutes(1));
    }
    assertThat(count("vaultdrop.swept.objects", "feature", "vault", "reason", "abandoned"))
        .isEqualTo(1);
  }

  private double count(String name, String... tags) {
    var counter = metrics.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  // ---------------------------------------------------------------- delete

  @Test
  void delete_withoutReaders_removesBlobAndRowAtOnce() throws IOException {
    BlobId id = publish(content(1000));

    assertThat(objects.delete(id)).isEqualTo(1);

    assertNothingLeft();
    assertThatThrownBy(() -> objects.open(id)).isInstanceOf(ObjectGoneException.class);
    assertThat(objects.delete(id)).isZero();
  }

  @Test
  void delete_whileBeingRead_waitsForTheReader() throws IOException {
    byte[] content = content(contentSize());
    BlobId id = publish(content);
    OpenedObject reader = objects.open(id);
    InputStream plaintext = reader.decrypt(key, AD);
    byte[] head = plaintext.readNBytes(100);

    objects.delete(id);

    assertThat(real.exists(id)).isTrue();
    assertThatThrownBy(() -> objects.open(id)).isInstanceOf(ObjectGoneException.class);
    byte[] rest = plaintext.readAllBytes();
    reader.close();
    assertThat(concat(head, rest)).isEqualTo(content);
    assertNothingLeft();
  }

  @Test
  void delete_inARolledBackTransaction_keepsTheObject() throws IOException {
    BlobId id = publish(content(1000));

    transactions.executeWithoutResult(
        status -> {
          objects.delete(id);
          status.setRollbackOnly();
        });

    assertThat(state(id)).isEqualTo("LIVE");
    assertThat(read(id)).hasSize(1000);
  }

  @Test
  void delete_inACommittedTransaction_deletesTheBlobAfterCommit() throws IOException {
    BlobId id = publish(content(1000));
    transactions.executeWithoutResult(
        status -> {
          objects.delete(id);
          try {
            assertThat(real.exists(id)).as("deleted before commit").isTrue();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    assertNothingLeft();
  }

  @Test
  void delete_withStorageDown_succeeds_andTheSweeperFinishesOnceStorageIsBack() throws IOException {
    BlobId id = publish(content(1000));
    blobs.down();

    assertThat(objects.delete(id)).isEqualTo(1);
    sweepAfter(Duration.ZERO);
    assertThat(state(id)).isEqualTo("DELETING");

    blobs.up();
    sweepAfter(Duration.ZERO);
    assertNothingLeft();
  }

  @Test
  void delete_ofAnObjectWhoseReaderDied_waitsForTheStalledReadAge() throws IOException {
    BlobId id = publish(content(1000));
    objects.open(id); // its node dies: never closed
    objects.delete(id);

    sweepAfter(STALLED_READ_AGE.minusMinutes(1));
    assertThat(real.exists(id)).isTrue();

    sweepAfter(Duration.ofMinutes(2));
    assertNothingLeft();
  }

  @Test
  void delete_duringParallelReads_letsEveryReadFinishWhole() throws Exception {
    byte[] content = content(contentSize());
    BlobId id = publish(content);
    int readers = 6;
    CountDownLatch started = new CountDownLatch(readers);
    CountDownLatch deleted = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try {
      List<Future<byte[]>> reads = new ArrayList<>();
      for (int i = 0; i < readers; i++) {
        reads.add(
            pool.submit(
                () -> {
                  try (OpenedObject opened = objects.open(id)) {
                    InputStream in = opened.decrypt(key, AD);
                    byte[] head = in.readNBytes(10);
                    started.countDown();
                    deleted.await();
                    return concat(head, in.readAllBytes());
                  }
                }));
      }
      started.await();
      objects.delete(id);
      deleted.countDown();
      for (Future<byte[]> read : reads) {
        assertThat(read.get()).isEqualTo(content);
      }
    } finally {
      pool.shutdownNow();
    }
    assertNothingLeft();
  }

  // ---------------------------------------------------------------- helpers

  enum WriteStep {
    REGISTERED,
    PARTLY_WRITTEN,
    SINK_CLOSED,
    COMMITTED
  }

  private void runUpTo(NewObject object, WriteStep step) throws IOException {
    if (step == WriteStep.REGISTERED) {
      return;
    }
    OutputStream out = object.encrypt(CipherSuite.AES_256_GCM, key, "contract", AD);
    out.write(content(contentSize()));
    if (step == WriteStep.PARTLY_WRITTEN) {
      return;
    }
    out.close();
    if (step == WriteStep.SINK_CLOSED) {
      return;
    }
    object.commit();
  }

  private BlobId publish(byte[] content) throws IOException {
    try (NewObject object = objects.create("shares", Long.MAX_VALUE)) {
      write(object, content);
      object.commit();
      object.publish(() -> {});
      return object.id();
    }
  }

  private void write(NewObject object, byte[] content) throws IOException {
    try (OutputStream out = object.encrypt(CipherSuite.AES_256_GCM, key, "contract", AD)) {
      out.write(content);
    }
  }

  private byte[] read(BlobId id) throws IOException {
    try (OpenedObject opened = objects.open(id)) {
      return opened.decrypt(key, AD).readAllBytes();
    }
  }

  /** What a restarted cluster runs: the object sweep, and the storage's own leftovers sweep. */
  private void sweepAfter(Duration elapsed) throws IOException {
    clock.advance(elapsed);
    sweeper.sweep();
    real.deleteAbandonedWrites(Instant.now().plus(Duration.ofDays(1)));
  }

  private void assertNothingLeft() throws IOException {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stored_objects", Integer.class))
        .as("ledger rows")
        .isZero();
    assertThat(real.list(null, 10)).as("committed blobs").isEmpty();
    assertNoStorageLeftovers();
  }

  /** Asserts that the backend holds no uncommitted write (temp file, pending upload, chunks). */
  abstract void assertNoStorageLeftovers() throws IOException;

  private String state(BlobId id) {
    return jdbc.queryForObject(
        "SELECT state FROM stored_objects WHERE blob_id = ?", String.class, id.value());
  }

  private int readers(BlobId id) {
    return jdbc.queryForObject(
        "SELECT readers FROM stored_objects WHERE blob_id = ?", Integer.class, id.value());
  }

  private static byte[] content(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
