package io.vaultdrop.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Searching what a data folder (database files, blobs) holds, for at-rest tests. */
public final class DataFolder {

  private DataFolder() {}

  /** Every regular file below {@code root}. */
  public static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /**
   * Whether any file below {@code root} holds {@code needle}. A file deleted between listing and
   * reading (a job cleaned up after its download) holds nothing any more and is skipped.
   */
  public static boolean contains(Path root, byte[] needle) throws IOException {
    for (Path file : files(root)) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException deleted) {
        continue;
      }
      if (indexOf(bytes, needle) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The offset of the first {@code needle} in {@code haystack}, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
