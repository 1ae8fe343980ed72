package io.vaultdrop.shares;

import io.vaultdrop.errors.DomainException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Creates a share link from content another feature already holds (the vault shares a stored file
 * this way), with the same options, limits and encryption as {@code POST /api/v1/shares}: the
 * content is encrypted while it streams in, under a key derived from the new link's secret (and the
 * password), so the share is as independent of its source as an uploaded one.
 */
public interface ShareLinks {

  /**
   * Streams {@code content} to its end into a new share owned by {@code ownerId} (listed among the
   * owner's links). Does not close {@code content}.
   *
   * @param fileName the name the recipient sees (sanitised again)
   * @throws io.vaultdrop.errors.DomainException 400 {@code invalid_request} for an option out of
   *     range, 429 when the owner created too many shares lately
   * @throws IOException reading {@code content} failed; nothing is left behind
   */
  CreatedLink create(String ownerId, String fileName, InputStream content, Options options)
      throws IOException;

  /**
   * The options of {@code POST /api/v1/shares}; {@code null} means the default.
   *
   * @param expiresInSeconds lifetime (default one day, at most {@code VAULTDROP_SHARES_MAX_EXPIRY})
   * @param maxDownloads downloads allowed (default 1)
   * @param password optional; empty means none
   */
  record Options(
      @Nullable Long expiresInSeconds, @Nullable Long maxDownloads, @Nullable String password) {

    public static Options defaults() {
      return new Options(null, null, null);
    }

    /**
     * Options from form fields (text as typed; blank means the default). Ranges are checked when
     * the share is created.
     *
     * @throws io.vaultdrop.web.DomainException 400 {@code invalid_request} for a value that is not
     *     a positive whole number
     */
    public static Options fromForm(
        @Nullable String expiresIn, @Nullable String maxDownloads, @Nullable String password) {
      return new Options(
          wholeNumber(expiresIn, "expiresIn"), wholeNumber(maxDownloads, "maxDownloads"), password);
    }

    private static @Nullable Long wholeNumber(@Nullable String value, String field) {
      if (value == null || value.isBlank()) {
        return null;
      }
      String text = value.strip();
      if (!text.matches("[0-9]{1,12}") || Long.parseLong(text) == 0) {
        throw DomainException.invalidRequest("problem.field-positive", field);
      }
      return Long.parseLong(text);
    }

    @Override
    public String toString() {
      return "Options[expiresIn="
          + expiresInSeconds
          + ", maxDownloads="
          + maxDownloads
          + ", password="
          + (password == null || password.isEmpty() ? "none" : "***")
          + "]";
    }
  }

  /**
   * One file of a share.
   *
   * @param name its display name
   * @param size its size in bytes
   */
  record SharedFile(String name, long size) {}

  /**
   * A new link, the only time its token and revoke token exist outside the client.
   *
   * @param url the absolute browser link ({@code /s/<token>})
   * @param name the file's name, or {@code "N files"} for a share of several files
   * @param size the total size of all files
   * @param files the files, in order (one for a one-file share)
   */
  record CreatedLink(
      String token,
      URI url,
      String name,
      long size,
      List<SharedFile> files,
      Instant expiresAt,
      int maxDownloads,
      boolean passwordRequired,
      String revokeToken) {

    public CreatedLink {
      files = List.copyOf(files);
    }

    @Override
    public String toString() {
      return "CreatedLink[secret]";
    }
  }
}
