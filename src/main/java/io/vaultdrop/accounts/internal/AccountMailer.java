package io.vaultdrop.accounts.internal;

import io.vaultdrop.config.PublicLinks;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends account mails through the configured SMTP server ({@code SPRING_MAIL_HOST}). Without one,
 * the mail is written to the log so a local user can still follow the link: that fallback is for a
 * single-user machine and is announced as such in the log line.
 *
 * <p>A mail leaves once the caller's transaction has committed, on a background thread: a rolled
 * back registration mails nothing, no database transaction or row lock waits for the SMTP server,
 * and a slow or hung SMTP server (bounded by the timeouts in {@code application.yml}) delays no
 * answer. The answer's timing therefore says nothing about the mail either.
 */
@Component
final class AccountMailer {

  private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);

  private final ObjectProvider<JavaMailSender> mailSender;
  private final PublicLinks links;
  private final AccountsProperties properties;
  private final Executor executor;

  AccountMailer(
      ObjectProvider<JavaMailSender> mailSender,
      PublicLinks links,
      AccountsProperties properties,
      @Qualifier("applicationTaskExecutor") Executor executor) {
    this.mailSender = mailSender;
    this.links = links;
    this.properties = properties;
    this.executor = executor;
  }

  void sendVerification(String email, String token) {
    URI link = links.link("/verify-email?token=" + token);
    send(
        email,
        "Verify your Vaultdrop e-mail address / Vaultdrop e-pochtangizni tasdiqlang",
        """
        Open this link to verify your e-mail address (it works once, within 24 hours):
        Elektron pochtangizni tasdiqlash uchun ushbu havolani oching (bir marta, 24 soat ichida):

        %s

        If you did not register on Vaultdrop, ignore this mail.
        Agar Vaultdrop'da ro'yxatdan o'tmagan bo'lsangiz, bu xatga e'tibor bermang.
        """
            .formatted(link));
  }

  /**
   * The password reset link. Without an SMTP server nothing is sent and, unlike the verification
   * link, the link is never written to the log: it would let whoever reads the log take over the
   * account.
   */
  void sendPasswordReset(String email, String token, Duration lifetime) {
    if (mailSender.getIfAvailable() == null) {
      log.warn(
          "A password reset was requested for an account, but no SMTP server is configured"
              + " (SPRING_MAIL_HOST): no mail was sent.");
      return;
    }
    long minutes = lifetime.toMinutes();
    send(
        email,
        "Reset your Vaultdrop password / Vaultdrop parolingizni tiklang",
        """
        Open this link to choose a new password (it works once, within %d minutes):
        Yangi parol tanlash uchun ushbu havolani oching (bir marta, %d daqiqa ichida):

        %s

        If you did not ask for this, ignore this mail: your password stays as it is.
        Agar buni siz so'ramagan bo'lsangiz, bu xatga e'tibor bermang: parolingiz o'zgarmaydi.
        """
            .formatted(minutes, minutes, links.link("/password-reset/confirm?token=" + token)));
  }

  /**
   * Tells the owner of a taken address that someone tried to register it. Sent although the
   * registration's transaction rolls back ({@code email_taken}).
   */
  void sendAlreadyRegistered(String email) {
    send(
        Delivery.EVEN_IF_ROLLED_BACK,
        email,
        "Vaultdrop: you already have an account / sizda allaqachon hisob bor",
        """
        Someone (perhaps you) tried to register this address again. Sign in instead:
        Kimdir (ehtimol siz) bu manzilni qayta ro'yxatdan o'tkazmoqchi bo'ldi. Tizimga kiring:

        %s
        """
            .formatted(links.link("/login")));
  }

  /** When a mail leaves, relative to the caller's transaction. */
  private enum Delivery {
    /** Once the transaction commits; never if it rolls back. */
    AFTER_COMMIT,
    /** Once the transaction ends, whichever way. */
    EVEN_IF_ROLLED_BACK
  }

  private void send(String to, String subject, String body) {
    send(Delivery.AFTER_COMMIT, to, subject, body);
  }

  private void send(Delivery delivery, String to, String subject, String body) {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      log.warn(
          "No SMTP server configured (SPRING_MAIL_HOST); mail for {} written here instead:\n"
              + "Subject: {}\n{}",
          to,
          subject,
          body);
      return;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.mailFrom());
    message.setTo(to);
    message.setSubject(subject);
    message.setText(body);
    afterTransaction(delivery, () -> queue(sender, message, to));
  }

  private void queue(JavaMailSender sender, SimpleMailMessage message, String to) {
    try {
      executor.execute(() -> deliver(sender, message, to));
    } catch (RuntimeException e) {
      // Shutting down: the account change stands; the user can ask for the mail again.
      log.warn("Account mail to {} not queued: {}", to, e.getClass().getSimpleName());
    }
  }

  private static void deliver(JavaMailSender sender, SimpleMailMessage message, String to) {
    try {
      sender.send(message);
    } catch (MailException e) {
      // The account exists either way; the user can ask for the mail again.
      log.error("Could not send account mail to {}: {}", to, e.getClass().getSimpleName());
    }
  }

  /** Runs {@code action} when the current transaction ends as {@code delivery} says, or now. */
  private static void afterTransaction(Delivery delivery, Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED || delivery == Delivery.EVEN_IF_ROLLED_BACK) {
              action.run();
            }
          }
        });
  }
}
