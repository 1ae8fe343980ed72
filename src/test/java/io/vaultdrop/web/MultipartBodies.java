package io.vaultdrop.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/** Builds multipart bodies on the fly: the file content is generated, never held in memory. */
final class MultipartBodies {

  static final String BOUNDARY = "vaultdrop-test-boundary-7f3a";
  static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  private final List<InputStream> parts = new ArrayList<>();
  private long length;

  MultipartBodies field(String name, String value) {
    return text(
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"\r\n\r\n"
            + value
            + "\r\n");
  }

  MultipartBodies file(String name, String fileName, String type, long size, long seed) {
    text(
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: "
            + type
            + "\r\n\r\n");
    parts.add(new GeneratedStream(size, seed));
    length += size;
    return text("\r\n");
  }

  MultipartBodies end() {
    return text("--" + BOUNDARY + "--\r\n");
  }

  long length() {
    return length;
  }

  InputStream stream() {
    return new SequenceInputStream(Collections.enumeration(List.copyOf(parts)));
  }

  private MultipartBodies text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    parts.add(new ByteArrayInputStream(bytes));
    length += bytes.length;
    return this;
  }

  static String sha256(long size, long seed) throws IOException {
    try (InputStream in = new GeneratedStream(size, seed)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deterministic pseudo-random bytes: byte {@code i} depends only on the seed and {@code i}. */
  static final class GeneratedStream extends InputStream {
    private final long seed;
    private final long size;
    private long position;

    GeneratedStream(long size, long seed) {
      this.seed = seed;
      this.size = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position == size) {
        return -1;
      }
      int n = (int) Math.min(len, size - position);
      for (int i = 0; i < n; i++, position++) {
        long word = mix(seed + (position >>> 3));
        b[off + i] = (byte) (word >>> ((position & 7) * 8));
      }
      return n;
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }
  }
}
