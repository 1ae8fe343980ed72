package io.vaultdrop.library.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.library.internal.ooxml.OfficeKind;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.testsupport.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The library's SQL on each supported database (see the subclasses), after the real migrations. */
abstract class LibraryRepositoryContract {

  abstract TestDatabase database();

  private LibraryRepository repository;
  private final Instant t0 = Instant.parse("2027-03-01T08:00:00.123Z");

  @BeforeEach
  void schema() {
    database().migrate();
    repository = new LibraryRepository(JdbcClient.create(database().dataSource()));
  }

  @Test
  void documents_insertFindListReplaceDelete() {
    LibraryDocument first = document("Hisobot 📄 2027.docx", OfficeKind.DOCX, t0);
    LibraryDocument second = document("b.xlsx", OfficeKind.XLSX, t0.plusSeconds(60));
    byte[] key = new byte[] {0, 1, 2, (byte) 0xFF, 4};
    repository.insert(first, key);
    repository.insert(second, new byte[] {9});

    assertThat(repository.find(first.id())).contains(first);
    assertThat(repository.wrappedKey(first.id(), 1))
        .hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
    assertThat(repository.list())
        .extracting(LibraryDocument::id)
        .startsWith(second.id(), first.id());

    LibraryDocument next =
        new LibraryDocument(
            first.id(),
            "v2.pptx",
            OfficeKind.PPTX,
            99,
            BlobId.random(),
            2,
            "someone",
            first.createdAt(),
            t0.plusSeconds(120));
    assertThat(repository.replace(next, new byte[] {7}, 1)).isTrue();
    assertThat(repository.replace(next, new byte[] {8}, 1)).as("stale revision").isFalse();
    assertThat(repository.find(first.id())).contains(next);
    assertThat(repository.wrappedKey(first.id(), 1)).isEmpty();
    assertThat(repository.wrappedKey(first.id(), 2))
        .hasValueSatisfying(k -> assertThat(k).containsExactly(7));

    assertThat(repository.delete(first.id(), first.blobId())).as("old blob").isFalse();
    assertThat(repository.delete(first.id(), next.blobId())).isTrue();
    assertThat(repository.find(first.id())).isEmpty();
  }

  @Test
  void downloads_newestFirst_limited_andRemovedWithTheirDocument() {
    LibraryDocument doc = document("d.docx", OfficeKind.DOCX, t0);
    repository.insert(doc, new byte[] {1});
    for (int i = 0; i < 5; i++) {
      repository.insertDownload(
          new LibraryDownload(
              doc.id(), 1, "user-" + i, "u" + i + "@example.org", t0.plusSeconds(i)));
    }
    List<LibraryDownload> latest = repository.downloads(doc.id(), 3);
    assertThat(latest)
        .extracting(LibraryDownload::userEmail)
        .containsExactly("u4@example.org", "u3@example.org", "u2@example.org");
    assertThat(latest.getFirst().downloadedAt()).isEqualTo(t0.plusSeconds(4));
    repository.delete(doc.id(), doc.blobId());
    assertThat(repository.downloads(doc.id(), 10)).isEmpty();
  }

  @Test
  void subscriptions_areIdempotent() {
    String user = UUID.randomUUID().toString();
    assertThat(repository.isSubscribed(user)).isFalse();
    repository.subscribe(user, t0);
    repository.subscribe(user, t0.plusSeconds(1));
    assertThat(repository.isSubscribed(user)).isTrue();
    assertThat(repository.subscribers()).containsOnlyOnce(user);
    repository.unsubscribe(user);
    repository.unsubscribe(user);
    assertThat(repository.subscribers()).doesNotContain(user);
  }

  @Test
  void theLibrarysOwnPendingBlobList_isGone_theObjectLedgerReplacesIt() {
    JdbcClient jdbc = JdbcClient.create(database().dataSource());
    assertThatThrownBy(
            () -> jdbc.sql("SELECT COUNT(*) FROM library_pending_blobs").query(Long.class).single())
        .isInstanceOf(DataAccessException.class);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_objects").query(Long.class).single())
        .isNotNegative();
  }

  private static LibraryDocument document(String name, OfficeKind kind, Instant at) {
    return new LibraryDocument(
        UUID.randomUUID().toString(), name, kind, 1234, BlobId.random(), 1, "uploader", at, at);
  }
}
