package io.vaultdrop.passwords;

import io.vaultdrop.errors.ErrorCode;
import io.vaultdrop.errors.RetryLaterException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs every password hash (Argon2id: 19 MiB and tens of milliseconds of CPU each) on a small,
 * bounded pool of platform threads: login checks, registration and password changes, and share
 * password derivations.
 *
 * <p>Why: requests run on virtual threads, and a virtual thread computing Argon2id never yields, so
 * a handful of concurrent checks occupy every carrier thread and stall all other requests (health
 * probes included). Here the hashing runs on {@code threads} platform threads (the OS schedules
 * them fairly against the carriers), at most {@code queue} more wait, and any caller beyond that is
 * answered at once with 429 {@code busy} and {@code Retry-After} ({@link Busy}) instead of
 * exhausting CPU and memory. The waiting caller is a virtual thread, so waiting costs nothing.
 */
public final class PasswordWork implements AutoCloseable {

  /** What a caller over the limit is told to wait. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final ThreadPoolExecutor pool;
  private final int capacity;

  /**
   * @param threads platform threads hashing at once (≥ 1)
   * @param queue checks that may wait for a thread (≥ 0); beyond that a check is refused
   */
  public PasswordWork(int threads, int queue) {
    if (threads < 1 || queue < 0) {
      throw new IllegalArgumentException("threads must be >= 1 and queue >= 0");
    }
    this.capacity = threads + queue;
    BlockingQueue<Runnable> waiting =
        queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            waiting,
            Thread.ofPlatform().name("password-work-", 1).daemon().factory(),
            new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Runs {@code work} on the pool and waits for it; its exceptions reach the caller unchanged.
   *
   * @throws Busy when every thread is busy and the queue is full (nothing was run)
   */
  public <T> T run(Supplier<T> work) {
    Future<T> future;
    try {
      future = pool.submit(work::get);
    } catch (RejectedExecutionException e) {
      throw new Busy();
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      // The caller gave up (its request ended): a queued check is dropped, a running one finishes.
      future.cancel(false);
      Thread.currentThread().interrupt();
      throw new Busy();
    }
  }

  /**
   * Refuses early, before a caller does the work that leads up to a check (loading the account from
   * the database): during a burst that keeps the refused requests cheap, so the database is not
   * queued up by requests that will be refused anyway. Racy by design; {@link #run} is the bound.
   *
   * @throws Busy when every thread and queue place is taken now
   */
  public void refuseIfFull() {
    if (inFlight() >= capacity) {
      throw new Busy();
    }
  }

  /** Checks running or waiting now. */
  public int inFlight() {
    return pool.getActiveCount() + pool.getQueue().size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** 429 {@code busy} with {@code Retry-After}: too many password checks at once. */
  public static final class Busy extends RetryLaterException {

    Busy() {
      super(ErrorCode.PASSWORD_CHECKS_BUSY, "problem.password-checks-busy", RETRY_AFTER);
    }
  }
}
