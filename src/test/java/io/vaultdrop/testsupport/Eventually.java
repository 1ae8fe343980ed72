package io.vaultdrop.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what a server does after the last byte of a response (not a timing test). */
public final class Eventually {

  private Eventually() {}

  /** Waits until the condition holds; fails after 10 seconds. */
  public static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
