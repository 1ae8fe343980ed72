package io.vaultdrop.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyWritebackTest {

  @TempDir Path folder;

  @Test
  void aFailedEarlyForce_isReported_soTheBlobFails() throws Exception {
    FileChannel channel =
        FileChannel.open(
            folder.resolve("blob"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.close(); // every force now fails
    CompletableFuture<IOException> reported = new CompletableFuture<>();
    EarlyWriteback writeback = new EarlyWriteback(channel, reported::complete);

    writeback.written((int) EarlyWriteback.INTERVAL);

    assertThat(reported.get(30, TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
    writeback.stop();
  }

  @Test
  void stop_isIdempotent_andReportsNothingWithoutWrites() throws Exception {
    try (FileChannel channel =
        FileChannel.open(
            folder.resolve("blob"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      CompletableFuture<IOException> reported = new CompletableFuture<>();
      EarlyWriteback writeback = new EarlyWriteback(channel, reported::complete);
      writeback.written(10);
      writeback.stop();
      writeback.stop();
      assertThat(reported).isNotDone();
    }
  }
}
