package io.vaultdrop.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a {@code GetObject}, held to the contract: it never ends before the announced length
 * without an error (a dropped connection is an {@link IOException}, not a short blob), SDK
 * exceptions become safe {@link IOException}s, and closing before the end aborts the connection
 * instead of draining the rest of a large object.
 */
final class S3ObjectInputStream extends InputStream {

  private final ResponseInputStream<GetObjectResponse> body;
  private final long expected;
  private final byte[] single = new byte[1];
  private long read;
  private boolean closed;

  S3ObjectInputStream(ResponseInputStream<GetObjectResponse> body) {
    this.body = body;
    Long length = body.response().contentLength();
    this.expected = length == null ? -1 : length;
  }

  @Override
  public int read() throws IOException {
    int n = read(single, 0, 1);
    return n < 0 ? -1 : single[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int n;
    try {
      n = body.read(bytes, offset, length);
    } catch (SdkException e) {
      throw S3Failures.of("GetObject", e);
    }
    if (n < 0) {
      if (expected >= 0 && read < expected) {
        throw new IOException("S3 object ended early");
      }
      return -1;
    }
    read += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (expected < 0 || read < expected) {
        body.abort();
      }
      body.close();
    } catch (SdkException e) {
      throw S3Failures.of("GetObject", e);
    }
  }
}
