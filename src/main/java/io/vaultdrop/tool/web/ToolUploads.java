package io.vaultdrop.tool.web;

import io.vaultdrop.accounts.CurrentUser;
import io.vaultdrop.config.VaultdropProperties;
import io.vaultdrop.errors.DomainException;
import io.vaultdrop.tool.internal.ToolJob;
import io.vaultdrop.tool.internal.ToolService;
import io.vaultdrop.tool.internal.ToolService.PendingJob;
import io.vaultdrop.uploads.UploadTarget;
import io.vaultdrop.web.FormFields;
import io.vaultdrop.web.MultipartResult;
import io.vaultdrop.web.StreamingMultipart;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The tool's multipart uploads, shared by the API and the pages: the file streams into a pending
 * job; the fields are checked once the body has ended; a refused upload leaves nothing.
 */
@Component
final class ToolUploads implements UploadTarget {

  private final ToolService tool;
  private final StreamingMultipart multipart;
  private final long maxUpload;

  ToolUploads(ToolService tool, StreamingMultipart multipart, VaultdropProperties properties) {
    this.tool = tool;
    this.multipart = multipart;
    this.maxUpload = properties.maxUploadSize().toBytes();
  }

  /** Encrypt jobs from finished uploads, for signed-in users. */
  @Override
  public String name() {
    return "encryptions";
  }

  @Override
  public OptionalLong maxBytes(@Nullable CurrentUser caller) {
    return caller == null ? OptionalLong.empty() : OptionalLong.of(maxUpload);
  }

  /**
   * Encrypts the {@code file} part; {@code algorithm} and {@code keyMode} must come before it.
   *
   * @throws DomainException 400 {@code unsupported_algorithm}, 400 for a bad key mode or fields
   *     after the file, 413, 429
   */
  ToolJob encrypt(String ownerId, HttpServletRequest request) throws IOException {
    tool.checkUploadBudget(ownerId);
    MultipartResult<Received> result =
        multipart.receive(
            request,
            StreamingMultipart.DEFAULT_FILE_PART,
            maxUpload,
            (file, before) ->
                new Received(
                    tool.storeEncryption(
                        ownerId,
                        file.fileName(),
                        file.content(),
                        ToolService.algorithm(before.first("algorithm").orElse(null)),
                        ToolService.keyMode(before.first("keyMode").orElse(null))),
                    before));
    try (Received received = result.value()) {
      for (String name : new String[] {"algorithm", "keyMode"}) {
        if (result.fields().all(name).size() != received.before().all(name).size()) {
          throw DomainException.invalidRequest("problem.tool.fields-first");
        }
      }
      return tool.publish(received.job(), null);
    }
  }

  /**
   * Takes the {@code enc} file part and the {@code key} part (before or after it) and checks that
   * the key opens the whole file before the job exists.
   *
   * @throws DomainException 422 {@code decryption_failed}, 400, 413, 429
   */
  ToolJob decrypt(String ownerId, HttpServletRequest request) throws IOException {
    tool.checkUploadBudget(ownerId);
    MultipartResult<PendingJob> result =
        multipart.receive(
            request,
            "enc",
            maxUpload,
            (file, before) ->
                tool.storeCiphertext(ownerId, file.fileName(), file.content(), maxUpload));
    try (PendingJob pending = result.value()) {
      return tool.publish(pending, result.fields().first("key").orElse(null));
    }
  }

  /** A pending job and the fields that came before its file. */
  private record Received(PendingJob job, FormFields before) implements AutoCloseable {
    @Override
    public void close() {
      job.close();
    }
  }
}
