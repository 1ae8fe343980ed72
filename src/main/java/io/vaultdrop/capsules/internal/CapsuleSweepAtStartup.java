package io.vaultdrop.capsules.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Runs the capsule sweep once at start-up, through the locking proxy. */
@Component
final class CapsuleSweepAtStartup implements ApplicationRunner {

  private final CapsuleSweeper sweeper;

  CapsuleSweepAtStartup(CapsuleSweeper sweeper) {
    this.sweeper = sweeper;
  }

  @Override
  public void run(ApplicationArguments args) {
    sweeper.sweep();
  }
}
