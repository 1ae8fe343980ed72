package io.vaultdrop.accounts.internal;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimitedException;
import io.vaultdrop.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Password reset requests, handled off the request thread so that the answer (always {@code 202})
 * takes the same time whether or not the address has an account: looking it up, issuing the token
 * and talking to the SMTP server all happen here, afterwards.
 *
 * <p>One worker and a queue of {@value #QUEUE} requests; beyond that a request is dropped with a
 * warning (the per-address budget of the endpoints keeps that rare). Each target address gets at
 * most {@code 3} reset mails per hour, so nobody can flood someone's mailbox through Vaultdrop.
 */
@Component
public final class PasswordResetRequests implements DisposableBean {

  static final int QUEUE = 200;
  static final RateLimitPolicy MAILS_PER_ADDRESS =
      new RateLimitPolicy("password-reset-mails", 3, Duration.ofHours(1));

  private static final Logger log = LoggerFactory.getLogger(PasswordResetRequests.class);

  private final AccountDirectory directory;
  private final RateLimiter limiter;
  private final ThreadPoolExecutor worker =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          Thread.ofPlatform().name("password-resets").daemon().factory(),
          (task, executor) ->
              log.warn(
                  "Password reset requests are arriving faster than mails go out; dropped one"));

  PasswordResetRequests(AccountDirectory directory, RateLimiter limiter) {
    this.directory = directory;
    this.limiter = limiter;
  }

  /**
   * Queues a request; {@code onSent} is called (on the worker) with the account when a mail went
   * out. Returns at once.
   */
  public void submit(String email, Consumer<Account> onSent) {
    worker.execute(() -> handle(email, onSent));
  }

  private void handle(String email, Consumer<Account> onSent) {
    try {
      String normalised = EmailAddresses.normalise(email);
      limiter.consume(MAILS_PER_ADDRESS, normalised);
      directory.requestPasswordReset(normalised).ifPresent(onSent);
    } catch (RateLimitedException e) {
      log.info("A password reset mail was not sent: the address had its hourly budget");
    } catch (RuntimeException e) {
      // Malformed addresses end here too (nothing to send); never log the address or a token.
      log.debug("A password reset request led to no mail: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(10, TimeUnit.SECONDS);
  }
}
