package io.vaultdrop.storage.s3;

import io.vaultdrop.storage.BlobAlreadyExistsException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.internal.StagedBlobWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams one blob to S3 holding at most one part in memory.
 *
 * <p>Bytes collect in a {@link PartBuffer}. A blob that fits in one part is sent as a single
 * conditional {@code PutObject} at commit. Once more than one part's worth arrives, the writer
 * starts a multipart upload, sends every full part as it goes and completes the upload at commit;
 * S3 shows nothing of a multipart upload until it is completed, which gives the atomic visibility
 * the contract asks for. Abort, close without commit and every failure abort the multipart upload,
 * so no parts are left behind (a crashed process leaves one, swept by {@code
 * deleteAbandonedWrites}).
 */
final class S3BlobWriter extends StagedBlobWriter {

  /** S3 accepts at most this many parts per upload. */
  static final int MAX_PARTS = 10_000;

  private final S3Requests requests;
  private final Clock clock;
  private final PartBuffer buffer;
  private final List<CompletedPart> parts = new ArrayList<>();
  private @Nullable String uploadId;

  S3BlobWriter(BlobId id, S3Requests requests, Clock clock, int partSize) {
    super(id);
    this.requests = requests;
    this.clock = clock;
    this.buffer = new PartBuffer(partSize);
  }

  @Override
  protected void stage(byte[] bytes, int offset, int length) throws IOException {
    int remaining = length;
    int from = offset;
    while (remaining > 0) {
      // A full part is sent only when more bytes arrive, so the last part is never empty and a
      // blob of exactly one part still goes as a single PutObject.
      if (buffer.isFull()) {
        sendPart();
      }
      int taken = buffer.fill(bytes, from, remaining);
      from += taken;
      remaining -= taken;
    }
  }

  @Override
  protected BlobInfo publish(long size) throws IOException {
    if (uploadId == null) {
      requests.putIfAbsent(id(), buffer.body(), size, buffer.singlePartETag());
    } else {
      if (buffer.length() > 0) {
        sendPart();
      }
      // Conditional completion where the store supports it; this check covers stores that
      // ignore If-None-Match, leaving only a race window between check and completion.
      if (requests.exists(id())) {
        throw new BlobAlreadyExistsException(id());
      }
      requests.completeIfAbsent(id(), uploadId, parts, size);
    }
    buffer.release();
    return new BlobInfo(id(), size, clock.instant());
  }

  @Override
  protected void discard() throws IOException {
    buffer.release();
    if (uploadId != null) {
      requests.abort(id(), uploadId);
    }
  }

  private void sendPart() throws IOException {
    if (parts.size() == MAX_PARTS) {
      throw new IOException(
          "blob exceeds S3's 10,000 parts; raise VAULTDROP_STORAGE_S3_PART_SIZE for larger files");
    }
    if (uploadId == null) {
      uploadId = requests.startMultipart(id());
    }
    parts.add(requests.uploadPart(id(), uploadId, parts.size() + 1, buffer.body()));
    buffer.clear();
  }
}
