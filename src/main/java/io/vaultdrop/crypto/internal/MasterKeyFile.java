package io.vaultdrop.crypto.internal;

import io.vaultdrop.crypto.MasterKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The generated master key file: one line of base64, owner-only ({@code 0600} in a {@code 0700}
 * folder). Created once with {@code CREATE_NEW} and its permissions set at creation, written and
 * fsynced; refused when group or others may access it. Needs a POSIX file system.
 */
final class MasterKeyFile {

  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private final Path path;

  MasterKeyFile(Path path) {
    this.path = path;
  }

  Optional<MasterKey> readIfPresent() {
    return Files.exists(path) ? Optional.of(read()) : Optional.empty();
  }

  MasterKey readOrCreate() {
    if (Files.exists(path)) {
      return read();
    }
    MasterKey key = MasterKey.generate();
    try {
      Files.createDirectories(path.getParent(), PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
      write(key);
      return key;
    } catch (FileAlreadyExistsException raced) {
      key.destroy();
      return read();
    } catch (UnsupportedOperationException e) {
      throw new IllegalStateException(
          "cannot create "
              + path
              + " with owner-only permissions on this file system;"
              + " set VAULTDROP_MASTER_KEY instead");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create master key file " + path, e);
    }
  }

  private void write(MasterKey key) throws IOException {
    byte[] raw = key.exportSecretBytes();
    byte[] line =
        (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel channel =
        FileChannel.open(
            path,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(OWNER_FILE))) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(line, (byte) 0);
    }
    fsyncFolder();
  }

  private MasterKey read() {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      if (!OWNER_FILE.containsAll(permissions)) {
        throw new IllegalStateException(
            "master key file "
                + path
                + " is accessible by group or others ("
                + PosixFilePermissions.toString(permissions)
                + "); run `chmod 600 "
                + path
                + "` and check who could have read it");
      }
      byte[] content = Files.readAllBytes(path);
      try {
        return MasterKeyLoader.decode(
            new String(content, StandardCharsets.US_ASCII), "master key file " + path);
      } finally {
        Arrays.fill(content, (byte) 0);
      }
    } catch (UnsupportedOperationException e) {
      throw new IllegalStateException(
          "cannot check permissions of "
              + path
              + " on this file system;"
              + " set VAULTDROP_MASTER_KEY instead");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read master key file " + path, e);
    }
  }

  private void fsyncFolder() {
    try (FileChannel folder = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a directory; the file itself is already durable.
    }
  }
}
