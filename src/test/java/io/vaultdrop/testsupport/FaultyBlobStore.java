package io.vaultdrop.testsupport;

import io.vaultdrop.storage.BlobId;
import io.vaultdrop.storage.BlobInfo;
import io.vaultdrop.storage.BlobStore;
import io.vaultdrop.storage.BlobWriter;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Fault injection around a real blob store: every call goes to the real store unless its operation
 * has been switched to fail, in which case it throws an {@link IOException} as an unreachable
 * backend would. {@link #down()} fails everything, like an outage.
 */
public final class FaultyBlobStore implements BlobStore {

  /** The operations that can be made to fail. */
  public enum Operation {
    CREATE,
    WRITE,
    CLOSE_STREAM,
    COMMIT,
    ABORT,
    OPEN,
    READ,
    DELETE,
    LIST
  }

  private final BlobStore real;
  private final Set<Operation> failing = EnumSet.noneOf(Operation.class);
  private long readsFailAfter = Long.MAX_VALUE;

  public FaultyBlobStore(BlobStore real) {
    this.real = real;
  }

  public synchronized FaultyBlobStore fail(Operation... operations) {
    failing.addAll(List.of(operations));
    return this;
  }

  /** Every operation fails, as in a storage outage. */
  public synchronized FaultyBlobStore down() {
    failing.addAll(EnumSet.allOf(Operation.class));
    return this;
  }

  /** The outage is over: every operation works again. */
  public synchronized FaultyBlobStore up() {
    failing.clear();
    readsFailAfter = Long.MAX_VALUE;
    return this;
  }

  /** Streams opened from now on fail once they have delivered {@code bytes} bytes. */
  public synchronized FaultyBlobStore failReadsAfter(long bytes) {
    readsFailAfter = bytes;
    return this;
  }

  private synchronized long readsFailAfter() {
    return readsFailAfter;
  }

  private synchronized void check(Operation operation) throws IOException {
    if (failing.contains(operation)) {
      throw new IOException("injected storage failure: " + operation);
    }
  }

  @Override
  public BlobWriter create(BlobId id) throws IOException {
    check(Operation.CREATE);
    BlobWriter writer = real.create(id);
    return new BlobWriter() {
      private final OutputStream stream =
          new FilterOutputStream(writer.stream()) {
            @Override
            public void write(int b) throws IOException {
              check(Operation.WRITE);
              out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              check(Operation.WRITE);
              out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              check(Operation.CLOSE_STREAM);
              out.close();
            }
          };

      @Override
      public BlobId id() {
        return writer.id();
      }

      @Override
      public OutputStream stream() {
        return stream;
      }

      @Override
      public BlobInfo commit() throws IOException {
        check(Operation.COMMIT);
        return writer.commit();
      }

      @Override
      public void abort() throws IOException {
        check(Operation.ABORT);
        writer.abort();
      }

      @Override
      public void close() throws IOException {
        check(Operation.ABORT);
        writer.close();
      }
    };
  }

  @Override
  public InputStream open(BlobId id) throws IOException {
    check(Operation.OPEN);
    long failAfter = readsFailAfter();
    return new FilterInputStream(real.open(id)) {
      private long delivered;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        check(Operation.READ);
        if (delivered >= failAfter) {
          throw new IOException("injected storage failure after " + failAfter + " bytes");
        }
        int n = in.read(b, off, (int) Math.min(len, failAfter - delivered));
        if (n > 0) {
          delivered += n;
        }
        return n;
      }
    };
  }

  @Override
  public OptionalLong size(BlobId id) throws IOException {
    check(Operation.LIST);
    return real.size(id);
  }

  @Override
  public void delete(BlobId id) throws IOException {
    check(Operation.DELETE);
    real.delete(id);
  }

  @Override
  public List<BlobInfo> list(@Nullable BlobId after, int limit) throws IOException {
    check(Operation.LIST);
    return real.list(after, limit);
  }

  @Override
  public void checkAvailable() throws IOException {
    check(Operation.LIST);
    real.checkAvailable();
  }

  @Override
  public int deleteAbandonedWrites(Instant inactiveSince) throws IOException {
    check(Operation.LIST);
    return real.deleteAbandonedWrites(inactiveSince);
  }
}
