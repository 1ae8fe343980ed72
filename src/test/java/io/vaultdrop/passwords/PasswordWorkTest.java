package io.vaultdrop.passwords;

import static io.vaultdrop.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordWorkTest {

  @Test
  void runsOnPlatformThreads_andReturnsTheResult() {
    try (PasswordWork work = new PasswordWork(1, 0)) {
      Thread caller = Thread.currentThread();
      Thread worker = work.run(Thread::currentThread);
      assertThat(worker).isNotSameAs(caller);
      assertThat(worker.isVirtual()).isFalse();
      assertThat(worker.getName()).startsWith("password-work-");
    }
  }

  @Test
  void beyondThreadsAndQueue_refusesAtOnceWithBusy_andTakesMoreOnceFree() throws Exception {
    int threads = 2;
    int queue = 3;
    try (PasswordWork work = new PasswordWork(threads, queue)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch running = new CountDownLatch(threads);
      AtomicInteger ran = new AtomicInteger();
      List<CompletableFuture<Integer>> accepted = new ArrayList<>();
      for (int i = 0; i < threads + queue; i++) {
        accepted.add(
            CompletableFuture.supplyAsync(
                () ->
                    work.run(
                        () -> {
                          running.countDown();
                          await(release);
                          return ran.incrementAndGet();
                        }),
                r -> Thread.ofVirtual().start(r)));
        if (i == threads - 1) {
          assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        }
      }
      eventually(() -> work.inFlight() == threads + queue);

      // Both threads busy, queue full: the next caller is refused without waiting.
      assertThatThrownBy(() -> work.run(() -> 1))
          .isInstanceOf(PasswordWork.Busy.class)
          .satisfies(
              e -> {
                PasswordWork.Busy busy = (PasswordWork.Busy) e;
                assertThat(busy.errorCode()).isEqualTo(ErrorCode.PASSWORD_CHECKS_BUSY);
                assertThat(busy.status()).isEqualTo(429);
                assertThat(busy.code()).isEqualTo("busy");
                assertThat(busy.retryAfterSeconds()).isEqualTo(1);
              });

      assertThatThrownBy(work::refuseIfFull).isInstanceOf(PasswordWork.Busy.class);

      release.countDown();
      for (CompletableFuture<Integer> f : accepted) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
      }
      assertThat(ran).hasValue(threads + queue);
      assertThat(work.run(() -> 7)).isEqualTo(7);
      work.refuseIfFull(); // room again: no exception
    }
  }

  @Test
  void exceptionsOfTheWork_reachTheCallerUnchanged() {
    try (PasswordWork work = new PasswordWork(1, 1)) {
      IllegalStateException failure = new IllegalStateException("x");
      assertThatThrownBy(
              () ->
                  work.run(
                      () -> {
                        throw failure;
                      }))
          .isSameAs(failure);
    }
  }

  @Test
  void rejectsNonsenseSizes() {
    assertThatThrownBy(() -> new PasswordWork(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordWork(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
