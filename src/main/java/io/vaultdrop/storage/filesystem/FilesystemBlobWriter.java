package io.vaultdrop.storage.filesystem;

import io.vaultdrop.storage.BlobAlreadyExistsException;
import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes to a temp file beside the final name, then fsyncs and renames it atomically. The file
 * writes themselves happen behind the caller, on the {@link WriteBehindOutput}'s thread.
 */
final class FilesystemBlobWriter implements BlobWriter {

  private enum State {
    OPEN,
    COMMITTED,
    ABORTED
  }

  private final BlobId id;
  private final Path temp;
  private final Path target;
  private final FileChannel channel;
  private final WriteBehindOutput buffered;
  private final Sink sink = new Sink();
  private State state = State.OPEN;
  private boolean streamClosed;
  private long size;

  FilesystemBlobWriter(BlobId id, Path temp, Path target, FileChannel channel) {
    this.id = id;
    this.temp = temp;
    this.target = target;
    this.channel = channel;
    this.buffered = new WriteBehindOutput(channel);
  }

  @Override
  public BlobId id() {
    return id;
  }

  @Override
  public OutputStream stream() {
    return sink;
  }

  @Override
  public BlobInfo commit() throws IOException {
    if (state != State.OPEN) {
      throw new IllegalStateException("blob write already " + state.name().toLowerCase());
    }
    try {
      buffered.drain();
      channel.force(true);
      channel.close();
      if (Files.exists(target)) {
        throw new BlobAlreadyExistsException(id);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      published();
      state = State.COMMITTED;
    } finally {
      if (state != State.COMMITTED) {
        abort();
      }
    }
    return new BlobInfo(id, size, Files.getLastModifiedTime(target).toInstant());
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
  public void abort() throws IOException {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    try {
      buffered.stop();
      channel.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public void close() throws IOException {
    abort();
  }

  /** Counts bytes and refuses writes once the data ended; closing it does not commit. */
  private final class Sink extends OutputStream {

    @Override
    public void write(int b) throws IOException {
      ensureWritable();
      buffered.write(b);
      size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      ensureWritable();
      buffered.write(bytes, offset, length);
      size += length;
    }

    /** Nothing to do: only {@link #commit} makes the bytes count, and it writes them all. */
    @Override
    public void flush() {}

    @Override
    public void close() {
      streamClosed = true;
    }

    private void ensureWritable() throws IOException {
      if (state != State.OPEN || streamClosed) {
        throw new IOException("blob stream is closed");
      }
    }
  }
}
