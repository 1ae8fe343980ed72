package io.vaultdrop.library.internal;

import io.vaultdrop.library.internal.ooxml.OfficeKind;
import io.vaultdrop.storage.BlobId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the library tables (V8, V12); instants are epoch milliseconds. */
@Repository
class LibraryRepository {

  private static final Pattern DOCUMENT_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String COLUMNS =
      "id, name, kind, size_bytes, blob_id, revision, uploaded_by, created_at, updated_at";

  private final JdbcClient jdbc;

  LibraryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ---- documents

  void insert(LibraryDocument d, byte[] wrappedKey) {
    jdbc.sql(
            "INSERT INTO library_documents (id, name, kind, size_bytes, blob_id, wrapped_key,"
                + " revision, uploaded_by, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            d.id(),
            d.name(),
            d.kind().name(),
            d.size(),
            d.blobId().value(),
            wrappedKey,
            d.revision(),
            d.uploadedBy(),
            d.createdAt().toEpochMilli(),
            d.updatedAt().toEpochMilli())
        .update();
  }

  /**
   * Swaps in new content if the document is still at {@code expectedRevision}.
   *
   * @return whether the row was updated (false: removed or replaced meanwhile)
   */
  boolean replace(LibraryDocument d, byte[] wrappedKey, int expectedRevision) {
    return jdbc.sql(
                "UPDATE library_documents SET name = ?, kind = ?, size_bytes = ?, blob_id = ?,"
                    + " wrapped_key = ?, revision = ?, uploaded_by = ?, updated_at = ?"
                    + " WHERE id = ? AND revision = ?")
            .params(
                d.name(),
                d.kind().name(),
                d.size(),
                d.blobId().value(),
                wrappedKey,
                d.revision(),
                d.uploadedBy(),
                d.updatedAt().toEpochMilli(),
                d.id(),
                expectedRevision)
            .update()
        == 1;
  }

  /** The document; empty for an unknown id and for anything that is not a document id. */
  Optional<LibraryDocument> find(String id) {
    if (id == null || !DOCUMENT_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM library_documents WHERE id = ?")
        .param(id)
        .query(LibraryRepository::map)
        .optional();
  }

  Optional<byte[]> wrappedKey(String id, int revision) {
    return jdbc.sql("SELECT wrapped_key FROM library_documents WHERE id = ? AND revision = ?")
        .params(id, revision)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  /** Newest first. */
  List<LibraryDocument> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM library_documents ORDER BY created_at DESC, id")
        .query(LibraryRepository::map)
        .list();
  }

  boolean delete(String id, BlobId blob) {
    return jdbc.sql("DELETE FROM library_documents WHERE id = ? AND blob_id = ?")
            .params(id, blob.value())
            .update()
        == 1;
  }

  // ---- downloads

  void insertDownload(LibraryDownload d) {
    jdbc.sql(
            "INSERT INTO library_downloads (id, document_id, revision, user_id, user_email,"
                + " downloaded_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            UUID.randomUUID().toString(),
            d.documentId(),
            d.revision(),
            d.userId(),
            d.userEmail(),
            d.downloadedAt().toEpochMilli())
        .update();
  }

  /** Newest first, at most {@code limit}. */
  List<LibraryDownload> downloads(String documentId, int limit) {
    return jdbc.sql(
            "SELECT document_id, revision, user_id, user_email, downloaded_at"
                + " FROM library_downloads WHERE document_id = ?"
                + " ORDER BY downloaded_at DESC, id LIMIT ?")
        .params(documentId, limit)
        .query(
            (rs, n) ->
                new LibraryDownload(
                    rs.getString("document_id"),
                    rs.getInt("revision"),
                    rs.getString("user_id"),
                    rs.getString("user_email"),
                    Instant.ofEpochMilli(rs.getLong("downloaded_at"))))
        .list();
  }

  // ---- subscriptions

  /** Idempotent. */
  void subscribe(String userId, Instant now) {
    if (!isSubscribed(userId)) {
      try {
        jdbc.sql("INSERT INTO library_subscriptions (user_id, subscribed_at) VALUES (?, ?)")
            .params(userId, now.toEpochMilli())
            .update();
      } catch (org.springframework.dao.DuplicateKeyException raced) {
        // subscribed meanwhile by another request: the same outcome
      }
    }
  }

  void unsubscribe(String userId) {
    jdbc.sql("DELETE FROM library_subscriptions WHERE user_id = ?").param(userId).update();
  }

  boolean isSubscribed(String userId) {
    return jdbc.sql("SELECT COUNT(*) FROM library_subscriptions WHERE user_id = ?")
            .param(userId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<String> subscribers() {
    return jdbc.sql("SELECT user_id FROM library_subscriptions ORDER BY subscribed_at, user_id")
        .query(String.class)
        .list();
  }

  private static LibraryDocument map(ResultSet rs, int row) throws SQLException {
    return new LibraryDocument(
        rs.getString("id"),
        rs.getString("name"),
        OfficeKind.valueOf(rs.getString("kind")),
        rs.getLong("size_bytes"),
        BlobId.parse(rs.getString("blob_id")),
        rs.getInt("revision"),
        rs.getString("uploaded_by"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
