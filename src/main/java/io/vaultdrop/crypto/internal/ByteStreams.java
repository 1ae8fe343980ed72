package io.vaultdrop.crypto.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Stream/channel adapters that hand heap buffers straight through. {@link
 * java.nio.channels.Channels#newChannel} copies through an 8 KiB bounce buffer, which costs
 * throughput on 64 KiB age chunks.
 */
final class ByteStreams {

  private ByteStreams() {}

  static WritableByteChannel channel(OutputStream out) {
    return new WritableByteChannel() {
      private boolean open = true;

      @Override
      public int write(ByteBuffer src) throws IOException {
        int length = src.remaining();
        if (src.hasArray()) {
          out.write(src.array(), src.arrayOffset() + src.position(), length);
          src.position(src.limit());
        } else {
          byte[] copy = new byte[length];
          src.get(copy);
          out.write(copy);
        }
        return length;
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() throws IOException {
        open = false;
        out.close();
      }
    };
  }

  static ReadableByteChannel channel(InputStream in) {
    return new ReadableByteChannel() {
      private boolean open = true;

      @Override
      public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
          return 0;
        }
        if (dst.hasArray()) {
          int read = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
          if (read > 0) {
            dst.position(dst.position() + read);
          }
          return read;
        }
        byte[] buffer = new byte[Math.min(dst.remaining(), 64 * 1024)];
        int read = in.read(buffer);
        if (read > 0) {
          dst.put(buffer, 0, read);
        }
        return read;
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() throws IOException {
        open = false;
        in.close();
      }
    };
  }
}
