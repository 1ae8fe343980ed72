package io.vaultdrop.accounts.internal;

import io.vaultdrop.config.PublicLinks;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends account mails through the configured SMTP server ({@code SPRING_MAIL_HOST}). Without one,
 * the mail is written to the log so a local user can still follow the link: that fallback is for a
 * single-user machine and is announced as such in the log line.
 */
@Component
final class AccountMailer {

  private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);

  private final ObjectProvider<JavaMailSender> mailSender;
  private final PublicLinks links;
  private final AccountsProperties properties;

  AccountMailer(
      ObjectProvider<JavaMailSender> mailSender, PublicLinks links, AccountsProperties properties) {
    this.mailSender = mailSender;
    this.links = links;
    this.properties = properties;
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

  void sendAlreadyRegistered(String email) {
    send(
        email,
        "Vaultdrop: you already have an account / sizda allaqachon hisob bor",
        """
        Someone (perhaps you) tried to register this address again. Sign in instead:
        Kimdir (ehtimol siz) bu manzilni qayta ro'yxatdan o'tkazmoqchi bo'ldi. Tizimga kiring:

        %s
        """
            .formatted(links.link("/login")));
  }

  private void send(String to, String subject, String body) {
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
    try {
      sender.send(message);
    } catch (MailException e) {
      // The account exists either way; the user can ask for the mail again.
      log.error("Could not send account mail to {}: {}", to, e.getClass().getSimpleName());
    }
  }
}
