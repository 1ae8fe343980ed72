package io.vaultdrop.library;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small waits for what the server does after the last byte of a response. */
final class LibraryApiTestSupport {

  private LibraryApiTestSupport() {}

  /** Waits until the condition holds (a download is recorded after its last byte was sent). */
  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
