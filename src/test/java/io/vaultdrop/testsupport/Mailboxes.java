package io.vaultdrop.testsupport;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a test SMTP server's mail for one address. Account mails leave on a background thread after
 * the transaction commits, so a test waits for the mail it expects instead of reading at once.
 */
public final class Mailboxes {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private Mailboxes() {}

  /**
   * The bodies (soft line breaks joined) of the mails to {@code to}, oldest first, once at least
   * one of them matches {@code expected}; fails after 10 seconds without one.
   */
  public static List<String> await(GreenMailExtension smtp, String to, Predicate<String> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      List<String> bodies = bodies(smtp, to);
      if (bodies.stream().anyMatch(expected)) {
        return bodies;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no expected mail to " + to + " within " + PATIENCE);
      }
      Thread.sleep(50);
    }
  }

  /** The bodies of the mails to {@code to} received so far, oldest first. */
  public static List<String> bodies(GreenMailExtension smtp, String to) {
    MimeMessage[] messages = smtp.getReceivedMessagesForDomain(to);
    return Arrays.stream(messages)
        .map(message -> GreenMailUtil.getBody(message).replace("=\r\n", ""))
        .toList();
  }
}
