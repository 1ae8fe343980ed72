package io.vaultdrop.storage.filesystem;

import io.vaultdrop.storage.BlobAlreadyExistsException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.internal.StagedBlobWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes to a temp file beside the final name, then fsyncs and renames it atomically. The file
 * writes themselves happen behind the caller, on the {@link WriteBehindOutput}'s thread.
 */
final class FilesystemBlobWriter extends StagedBlobWriter {

  private final Path temp;
  private final Path target;
  private final FileChannel channel;
  private final WriteBehindOutput buffered;

  FilesystemBlobWriter(BlobId id, Path temp, Path target, FileChannel channel) {
    super(id);
    this.temp = temp;
    this.target = target;
    this.channel = channel;
    this.buffered = new WriteBehindOutput(channel);
  }

  @Override
  protected void stage(byte[] bytes, int offset, int length) throws IOException {
    buffered.write(bytes, offset, length);
  }

  @Override
  protected BlobInfo publish(long size) throws IOException {
    buffered.drain();
    channel.force(true);
    channel.close();
    if (Files.exists(target)) {
      throw new BlobAlreadyExistsException(id());
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    published();
    return new BlobInfo(id(), size, Files.getLastModifiedTime(target).toInstant());
  }

  /** Makes the rename durable; if that fails, the blob is withdrawn so commit fails cleanly. */
  private void published() throws IOException {
    try {
      FilesystemLayout.forceFolder(target.getParent());
    } catch (IOException e) {
      Files.deleteIfExists(target);
      throw e;
    }
  }

  @Override
  protected void discard() throws IOException {
    try {
      buffered.stop();
      channel.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
