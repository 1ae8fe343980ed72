package io.vaultdrop.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindOutputTest {

  @TempDir Path folder;

  @Test
  void drain_leavesEveryByteInTheFile_inOrder() throws IOException {
    byte[] data = new byte[7 * WriteBehindOutput.BUFFER_SIZE + 13];
    new SplittableRandom(3).nextBytes(data);
    Path file = folder.resolve("blob");
    SplittableRandom pieces = new SplittableRandom(4);
    try (FileChannel channel = open(file)) {
      WriteBehindOutput out = new WriteBehindOutput(channel);
      int position = 0;
      while (position < data.length) {
        if (pieces.nextInt(20) == 0) {
          out.write(data[position++]);
          continue;
        }
        int n = Math.min(data.length - position, 1 + pieces.nextInt(200_000));
        out.write(data, position, n);
        position += n;
      }
      out.drain();
      assertThat(channel.size()).isEqualTo(data.length);
      assertThatThrownBy(() -> out.write(1)).hasMessage("blob stream is closed");
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(data);
  }

  /** Long enough for several early forces to run while the writing goes on. */
  @Test
  void drain_afterSeveralEarlyWritebacks_leavesEveryByteInTheFile() throws IOException {
    byte[] data = new byte[(int) (2 * EarlyWriteback.INTERVAL + 4 * WriteBehindOutput.BUFFER_SIZE)];
    new SplittableRandom(5).nextBytes(data);
    Path file = folder.resolve("blob");
    try (FileChannel channel = open(file)) {
      WriteBehindOutput out = new WriteBehindOutput(channel);
      for (int position = 0; position < data.length; position += 100_000) {
        out.write(data, position, Math.min(100_000, data.length - position));
      }
      out.drain();
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(data);
  }

  @Test
  void fileWriteFailure_isThrownToTheWriter() throws IOException {
    Path file = folder.resolve("blob");
    FileChannel channel = open(file);
    WriteBehindOutput out = new WriteBehindOutput(channel);
    channel.close(); // every write of the writer thread now fails

    byte[] block = new byte[WriteBehindOutput.BUFFER_SIZE];
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 100; i++) {
                out.write(block);
              }
              out.drain();
            })
        .isInstanceOf(IOException.class);
    out.stop();
  }

  /**
   * A failure rethrown by every later call must still combine with itself in try-with-resources.
   */
  @Test
  void fileWriteFailure_thrownTwice_canBeSuppressedByItsOwnRethrow() throws IOException {
    Path file = folder.resolve("blob");
    FileChannel channel = open(file);
    WriteBehindOutput out = new WriteBehindOutput(channel);
    channel.close();
    byte[] block = new byte[WriteBehindOutput.BUFFER_SIZE];
    IOException first = null;
    for (int i = 0; i < 100 && first == null; i++) {
      try {
        out.write(block);
      } catch (IOException e) {
        first = e;
      }
    }
    assertThat(first).as("a write fails once the file write failed").isNotNull();
    IOException second = null;
    try {
      out.drain();
    } catch (IOException e) {
      second = e;
    }
    assertThat(second).isNotNull().isNotSameAs(first);
    first.addSuppressed(second); // what try-with-resources does; threw for one shared instance
    assertThat(first.getSuppressed()).containsExactly(second);
    assertThat(second.getCause()).isSameAs(first.getCause());
    out.stop();
  }

  /**
   * A failure that is not an IOException (here NonWritableChannelException) must not end the writer
   * thread silently: drain would otherwise report success and a short blob be committed.
   */
  @Test
  void uncheckedWriteFailure_failsTheDrain_insteadOfLosingBlocks() throws IOException {
    Path file = folder.resolve("blob");
    Files.write(file, new byte[0]);
    try (FileChannel readOnly = FileChannel.open(file, StandardOpenOption.READ)) {
      WriteBehindOutput out = new WriteBehindOutput(readOnly);
      assertThatThrownBy(
              () -> {
                out.write(new byte[3 * WriteBehindOutput.BUFFER_SIZE]);
                out.drain();
              })
          .isInstanceOf(IOException.class);
      out.stop();
    }
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void smallBlob_takesOneBlock_andStillDrains() throws IOException {
    Path file = folder.resolve("blob");
    try (FileChannel channel = open(file)) {
      WriteBehindOutput out = new WriteBehindOutput(channel);
      out.write(new byte[] {1, 2, 3});
      out.drain();
    }
    assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
  }

  @Test
  void stop_dropsWhatIsBuffered_andReturnsTheChannel() throws IOException {
    Path file = folder.resolve("blob");
    try (FileChannel channel = open(file)) {
      WriteBehindOutput out = new WriteBehindOutput(channel);
      out.write(new byte[100]);
      out.stop();
      out.stop();
      assertThat(channel.size()).isZero();
      assertThatThrownBy(out::drain).hasMessage("blob stream is closed");
    }
  }

  private static FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }
}
