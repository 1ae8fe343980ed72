package io.vaultdrop.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * A small tmpfs of its own, mounted on a fresh temp folder, that a test fills up and frees again: a
 * real full disk ({@code ENOSPC}). Mounting needs root (as on the developers' machines and CI);
 * elsewhere the test is skipped with a message, and with {@code CI=true} it fails instead.
 */
public final class SmallDisk implements AutoCloseable {

  private final Path root;

  private SmallDisk(Path root) {
    this.root = root;
  }

  /** Mounts a tmpfs of {@code megabytes} MiB. */
  public static SmallDisk mount(int megabytes) {
    try {
      Path root = Files.createTempDirectory("vaultdrop-small-disk");
      String failure =
          run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", root.toString());
      if (failure != null) {
        String message = "cannot mount a tmpfs for the full-disk test (needs root): " + failure;
        if (DatabaseServers.onCi()) {
          throw new IllegalStateException("CI=true: " + message);
        }
        throw new TestAbortedException(message);
      }
      return new SmallDisk(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * Fills the disk with a file until only about {@code leaveBytes} are free (writes of ENOSPC end
   * the filling early, which is fine).
   */
  public void fill(long leaveBytes) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler())) {
      while (Files.getFileStore(root).getUsableSpace() > leaveBytes + block.length) {
        out.write(block);
        out.flush();
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw e;
      }
    }
  }

  /** Deletes the filler: the disk has room again. */
  public void free() throws IOException {
    Files.deleteIfExists(filler());
  }

  public long usableSpace() throws IOException {
    return Files.getFileStore(root).getUsableSpace();
  }

  private Path filler() {
    return root.resolve("filler");
  }

  /** Unmounts lazily: files an application still holds open are released when it closes them. */
  @Override
  public void close() {
    run("umount", "-l", root.toString());
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return String.join(" ", command) + " timed out";
      }
      String output = new String(process.getInputStream().readAllBytes()).strip();
      return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
