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
