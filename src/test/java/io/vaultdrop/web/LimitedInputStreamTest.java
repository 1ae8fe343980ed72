package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

  @Test
  void exactlyTheLimit_isAccepted() throws Exception {
    LimitedInputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[100]), 100);
    assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(100);
    assertThat(in.exceeded()).isFalse();
  }

  @Test
  void oneByteOver_failsAndStaysFailed() {
    LimitedInputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[101]), 100);
    assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
        .isInstanceOf(UploadLimitExceededException.class);
    assertThat(in.exceeded()).isTrue();
    assertThat(in.count()).isEqualTo(101);
    assertThatThrownBy(in::read).isInstanceOf(UploadLimitExceededException.class);
  }

  @Test
  void neverReadsMoreThanOneBytePastTheLimit() {
    ByteArrayInputStream source = new ByteArrayInputStream(new byte[10_000]);
    LimitedInputStream in = new LimitedInputStream(source, 10);
    assertThatThrownBy(() -> in.read(new byte[8192]))
        .isInstanceOf(UploadLimitExceededException.class);
    assertThat(source.available()).isEqualTo(10_000 - 11);
  }

  @Test
  void transferTo_passesNoByteBeyondTheLimitOn_andCountsWhatItPassed() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LimitedInputStream within = new LimitedInputStream(new ByteArrayInputStream(new byte[7]), 7);
    assertThat(within.transferTo(out)).isEqualTo(7);
    assertThat(within.count()).isEqualTo(7);

    out.reset();
    LimitedInputStream over = new LimitedInputStream(new ByteArrayInputStream(new byte[8]), 7);
    assertThatThrownBy(() -> over.transferTo(out)).isInstanceOf(UploadLimitExceededException.class);
    assertThat(out.size()).isZero();
    assertThat(over.exceeded()).isTrue();
  }

  @Test
  void singleByteReads_areCounted() throws Exception {
    LimitedInputStream in = new LimitedInputStream(new ByteArrayInputStream(new byte[3]), 2);
    in.read();
    in.read();
    assertThatThrownBy(in::read).isInstanceOf(UploadLimitExceededException.class);
  }
}
