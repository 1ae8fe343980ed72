package io.vaultdrop.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The migrations on one fresh database of each supported vendor (see the subclasses). */
abstract class MigrationContract {

  private TestDatabase database;
  private JdbcTemplate jdbc;

  /** A new, not yet started database of the vendor under test. */
  abstract TestDatabase newDatabase();

  abstract DatabaseVendor expectedVendor();

  @BeforeEach
  void freshDatabase() {
    database = newDatabase();
    database.start();
    jdbc = new JdbcTemplate(database.dataSource());
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void migrate_freshDatabase_appliesAllThenIsNoOp() {
    Flyway flyway = database.flyway();
    MigrateResult first = flyway.migrate();
    assertThat(first.success).isTrue();
    assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
    assertThat(first.targetSchemaVersion).isNotNull();

    MigrateResult second = database.flyway().migrate();
    assertThat(second.success).isTrue();
    assertThat(second.migrationsExecuted).isZero();
    assertThat(flyway.info().pending()).isEmpty();

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM blobs", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM blob_chunks", Long.class)).isZero();
  }

  /** V13 turns every share of before into a one-file share: its blob is file 0. */
  @Test
  void v13_backfillsEveryShareAsItsFirstFile() {
    Flyway.configure()
        .configuration(database.flyway().getConfiguration())
        .target("12")
        .load()
        .migrate();
    jdbc.update(
        "INSERT INTO shares (id, blob_id, owner_id, file_name, size_bytes, created_at, expires_at,"
            + " max_downloads, remaining, in_flight, token_verifier, revoke_hash, failed_attempts)"
            + " VALUES ('shareid0123456789abcd', 'blob0123456789abcdef0123456789ab', NULL,"
            + " 'old report.pdf', 1234, 1, 2, 1, 1, 0, 'verifier', 'revoke', 0)");
    assertThat(database.flyway().migrate().success).isTrue();

    assertThat(
            jdbc.queryForMap(
                "SELECT share_id, file_index, blob_id, file_name, size_bytes, aad_version,"
                    + " sealed_crc FROM share_files"))
        .containsEntry(key("share_id"), "shareid0123456789abcd")
        .containsEntry(key("blob_id"), "blob0123456789abcdef0123456789ab")
        .containsEntry(key("file_name"), "old report.pdf")
        .containsEntry(key("sealed_crc"), null);
    assertThat(jdbc.queryForObject("SELECT file_index FROM share_files", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT size_bytes FROM share_files", Long.class))
        .isEqualTo(1234);
    assertThat(jdbc.queryForObject("SELECT aad_version FROM share_files", Integer.class)).isOne();
    assertThat(jdbc.queryForObject("SELECT file_count FROM shares", Integer.class)).isOne();
  }

  /** Column labels as the vendor reports them (H2 upper-cases unquoted identifiers). */
  private String key(String column) {
    return jdbc.queryForMap("SELECT " + column + " FROM share_files").keySet().iterator().next();
  }

  @Test
  void vendor_isDetectedFromTheConnection() {
    assertThat(DatabaseVendor.of(database.dataSource())).isEqualTo(expectedVendor());
  }

  @Test
  void schema_holdsMegabyteChunksEpochMillisAndCaseSensitiveIds() {
    database.migrate();
    long farFuture = 4_102_444_800_000L; // 2100-01-01T00:00:00Z
    String lower = "abcdef0123456789abcdef0123456789";
    String upper = lower.toUpperCase();
    insertBlob(lower, farFuture);
    insertBlob(upper, farFuture);
    byte[] chunk = new byte[1024 * 1024 + 1];
    new Random(1).nextBytes(chunk);
    jdbc.update(
        "INSERT INTO blob_chunks (blob_id, seq, chunk_data) VALUES (?, ?, ?)",
        ps -> {
          ps.setString(1, lower);
          ps.setInt(2, 0);
          ps.setBytes(3, chunk);
        });

    byte[] back =
        jdbc.queryForObject(
            "SELECT chunk_data FROM blob_chunks WHERE blob_id = ?",
            (rs, row) -> rs.getBytes(1),
            lower);
    assertThat(Arrays.equals(back, chunk)).isTrue();
    assertThat(jdbc.queryForObject("SELECT created_at FROM blobs WHERE id = ?", Long.class, upper))
        .isEqualTo(farFuture);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM blobs WHERE id = ?", Long.class, lower))
        .isEqualTo(1);
  }

  @Test
  void shedlock_grantsALockToOneNodeAtATime() {
    database.migrate();
    JdbcTemplateLockProvider provider =
        new JdbcTemplateLockProvider(
            JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc)
                .usingDbTime()
                .build());
    LockConfiguration sweep =
        new LockConfiguration(Instant.now(), "sweep", Duration.ofMinutes(5), Duration.ZERO);

    Optional<SimpleLock> first = provider.lock(sweep);
    assertThat(first).isPresent();
    assertThat(provider.lock(sweep)).as("a second node is refused").isEmpty();
    first.get().unlock();
    assertThat(provider.lock(sweep)).as("free again after unlock").isPresent();
  }

  private void insertBlob(String id, long createdAt) {
    jdbc.update(
        "INSERT INTO blobs (id, size_bytes, created_at, complete) VALUES (?, 0, ?, TRUE)",
        id,
        createdAt);
  }
}
