package io.vaultdrop.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class BoundedCheckTest {

  @Test
  void aProbeThatPasses_isUp_andOneThatThrows_isDown() {
    BoundedCheck check = new BoundedCheck("test");
    assertThat(check.check(() -> {}).getStatus()).isEqualTo(Status.UP);
    assertThat(
            check
                .check(
                    () -> {
                      throw new IOException("gone");
                    })
                .getStatus())
        .isEqualTo(Status.DOWN);
    assertThat(check.check(() -> {}).getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aHangingProbe_isDown_andIsNotStartedAgainWhileItHangs() throws Exception {
    BoundedCheck check = new BoundedCheck("test", Duration.ofMillis(200));
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    BoundedCheck.Probe hanging =
        () -> {
          started.incrementAndGet();
          release.await();
        };
    assertThat(check.check(hanging).getStatus()).isEqualTo(Status.DOWN);
    assertThat(check.check(hanging).getStatus()).isEqualTo(Status.DOWN);
    assertThat(started).hasValue(1);
    release.countDown();
    assertThat(check.check(hanging).getStatus()).isEqualTo(Status.UP);
  }
}
