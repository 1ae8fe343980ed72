package io.vaultdrop.library.internal.ooxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TailRecorderTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1000, 70_000, 200_000})
  void keepsExactlyTheLastBytes_whateverTheReadSizes(int capacity) throws IOException {
    byte[] data = new byte[150_000];
    Random random = new Random(capacity);
    random.nextBytes(data);
    TailRecorder tail = new TailRecorder(new ByteArrayInputStream(data), capacity);
    byte[] buffer = new byte[3 * 65_536];
    int n;
    while ((n = tail.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0) {
      if (n == 0) {
        continue;
      }
      long count = tail.count();
      assertThat(tail.start()).isEqualTo(Math.max(0, count - capacity));
      for (long offset = tail.start(); offset < count; offset += 1 + random.nextInt(97)) {
        assertThat(tail.byteAt(offset)).isEqualTo(data[(int) offset] & 0xFF);
      }
    }
    assertThat(tail.count()).isEqualTo(data.length);
    assertThat(tail.byteAt(data.length - 1)).isEqualTo(data[data.length - 1] & 0xFF);
    assertThat(tail.available()).isZero();
    assertThatThrownBy(() -> tail.byteAt(data.length))
        .isInstanceOf(IndexOutOfBoundsException.class);
    if (capacity < data.length) {
      assertThat(tail.holds(tail.start() - 1, 1)).isFalse();
    }
  }
}
