package io.vaultdrop.tool.internal;

import io.vaultdrop.ratelimit.RateLimitPolicy;
import io.vaultdrop.ratelimit.RateLimiter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Mails a job's key file to the account's own address, only when the user explicitly asks for it on
 * the result page (the page says that mail is not end-to-end protected). Without an SMTP server the
 * mail is written to the log, exactly like the account mails: that fallback is meant for a
 * single-user machine, and the log line says so.
 */
@Component
public final class KeyMailer {

  /** Key mails per user. */
  public static final RateLimitPolicy MAILS =
      new RateLimitPolicy("tool-key-mails", 5, Duration.ofHours(1));

  private static final Logger log = LoggerFactory.getLogger(KeyMailer.class);

  private final ObjectProvider<JavaMailSender> mailSender;
  private final RateLimiter rateLimiter;
  private final ToolService tool;
  private final ToolDownloads downloads;
  private final String from;

  KeyMailer(
      ObjectProvider<JavaMailSender> mailSender,
      RateLimiter rateLimiter,
      ToolService tool,
      ToolDownloads downloads,
      @Value("${vaultdrop.accounts.mail-from:Vaultdrop <no-reply@vaultdrop.invalid>}")
          String from) {
    this.mailSender = mailSender;
    this.rateLimiter = rateLimiter;
    this.tool = tool;
    this.downloads = downloads;
    this.from = from;
  }

  /**
   * Sends the key of the owner's encryption job to {@code email}.
   *
   * @return false if no SMTP server is configured (the key is never logged instead) or the mail
   *     could not be handed to it
   */
  public boolean sendKey(String ownerId, String email, String jobId) {
    ToolJob job =
        tool.find(ownerId, jobId, JobKind.ENCRYPT)
            .orElseThrow(io.vaultdrop.errors.DomainException::notFound);
    rateLimiter.consume(MAILS, ownerId);
    String subject = "Vaultdrop: key for " + job.encFileName() + " / kalit";
    String body =
        "You asked Vaultdrop to mail you the key of "
            + job.encFileName()
            + ".\nSave the text between the lines as "
            + job.keyFileName()
            + " (it decrypts "
            + job.encFileName()
            + ").\nSiz so'ragan kalit quyida. Uni "
            + job.keyFileName()
            + " nomi bilan saqlang.\n\n-----\n"
            + downloads.keyText(job)
            + "-----\n";
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      // Security decision: a key never goes to the log. Without SMTP the mail is refused.
      log.warn("Key mail refused: no SMTP server configured (SPRING_MAIL_HOST)");
      return false;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(email);
    message.setSubject(subject);
    message.setText(body);
    try {
      sender.send(message);
      return true;
    } catch (MailException e) {
      log.error("Could not send a key mail: {}", e.getClass().getSimpleName());
      return false;
    }
  }
}
