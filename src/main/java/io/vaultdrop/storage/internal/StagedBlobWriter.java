package io.vaultdrop.storage.internal;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@link BlobWriter} lifecycle every backend shares: one commit, idempotent abort, close
 * without commit aborts, a stream that refuses bytes once the data ended and counts what it took. A
 * backend only says how bytes are staged, published and discarded.
 */
public abstract class StagedBlobWriter implements BlobWriter {

  private enum State {
    OPEN,
    COMMITTED,
    ABORTED
  }

  private final BlobId id;
  private final OutputStream sink = new Sink();
  private State state = State.OPEN;
  private boolean streamClosed;
  private long size;

  protected StagedBlobWriter(BlobId id) {
    this.id = Objects.requireNonNull(id);
  }

  /** Takes bytes of the content, in order; called only while the writer is open. */
  protected abstract void stage(byte[] bytes, int offset, int length) throws IOException;

  /** Makes the staged {@code size} bytes durable and visible; a failure discards them. */
  protected abstract BlobInfo publish(long size) throws IOException;

  /** Removes whatever was staged; called at most once, never after a successful publish. */
  protected abstract void discard() throws IOException;

  @Override
  public final BlobId id() {
    return id;
  }

  @Override
  public final OutputStream stream() {
    return sink;
  }

  @Override
  public final BlobInfo commit() throws IOException {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          "blob write already " + state.name().toLowerCase(Locale.ROOT));
    }
    streamClosed = true;
    try {
      BlobInfo published = publish(size);
      state = State.COMMITTED;
      return published;
    } catch (IOException | RuntimeException failure) {
      try {
        abort();
      } catch (IOException | RuntimeException alsoFailed) {
        failure.addSuppressed(alsoFailed);
      }
      throw failure;
    }
  }

  @Override
  public final void abort() throws IOException {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    discard();
  }

  @Override
  public final void close() throws IOException {
    abort();
  }

  /** Counts bytes and refuses writes once the data ended; closing it does not commit. */
  private final class Sink extends OutputStream {

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, bytes.length);
      if (state != State.OPEN || streamClosed) {
        throw new IOException("blob stream is closed");
      }
      stage(bytes, offset, length);
      size += length;
    }

    /** Nothing to do: only {@link #commit} makes the bytes count, and it writes them all. */
    @Override
    public void flush() {}

    @Override
    public void close() {
      streamClosed = true;
    }
  }
}
