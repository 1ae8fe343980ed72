package io.vaultdrop.library.internal;

import io.vaultdrop.accounts.Account;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.config.PublicLinks;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells subscribers about a new document by e-mail, after the publication committed and on another
 * thread, so a slow or failing SMTP server never delays or fails an upload. Recipients are the
 * subscribed accounts that are enabled and verified, except the publisher; they are sent in batches
 * of {@value #BATCH} as Bcc, so no subscriber sees another's address. Without an SMTP server
 * ({@code SPRING_MAIL_HOST}) nothing is sent and one line says so (never the content).
 */
@Component
class LibraryNotifier {

  static final int BATCH = 50;
  private static final Logger log = LoggerFactory.getLogger(LibraryNotifier.class);

  private final ObjectProvider<JavaMailSender> mailSender;
  private final LibraryRepository repository;
  private final AccountService accounts;
  private final PublicLinks links;
  private final Executor executor;
  private final String from;

  LibraryNotifier(
      ObjectProvider<JavaMailSender> mailSender,
      LibraryRepository repository,
      AccountService accounts,
      PublicLinks links,
      @Qualifier("applicationTaskExecutor") Executor executor,
      @Value("${vaultdrop.accounts.mail-from:Vaultdrop <no-reply@vaultdrop.invalid>}")
          String from) {
    this.mailSender = mailSender;
    this.repository = repository;
    this.accounts = accounts;
    this.links = links;
    this.executor = executor;
    this.from = from;
  }

  /** Queues the mails about {@code document}; returns at once. */
  void published(LibraryDocument document) {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      log.info(
          "Library notification mails are disabled: no SMTP server configured (SPRING_MAIL_HOST)");
      return;
    }
    try {
      executor.execute(() -> send(sender, document));
    } catch (RuntimeException e) {
      // Shutting down, or the executor is saturated: the document is published all the same.
      log.warn("Library notification mails not queued: {}", e.getClass().getSimpleName());
    }
  }

  private void send(JavaMailSender sender, LibraryDocument document) {
    List<String> recipients;
    try {
      recipients =
          repository.subscribers().stream()
              .filter(id -> !id.equals(document.uploadedBy()))
              .map(accounts::find)
              .flatMap(Optional::stream)
              .filter(account -> account.enabled() && account.emailVerified())
              .map(Account::email)
              .toList();
    } catch (RuntimeException e) {
      log.error("Could not read the library subscribers: {}", e.getClass().getSimpleName());
      return;
    }
    for (int start = 0; start < recipients.size(); start += BATCH) {
      List<String> batch = recipients.subList(start, Math.min(recipients.size(), start + BATCH));
      SimpleMailMessage message = new SimpleMailMessage();
      message.setFrom(from);
      message.setBcc(batch.toArray(String[]::new));
      message.setSubject("Vaultdrop library: new document / yangi hujjat");
      message.setText(body(document));
      try {
        sender.send(message);
      } catch (MailException e) {
        log.error(
            "Could not send a library notification to {} subscriber(s): {}",
            batch.size(),
            e.getClass().getSimpleName());
      }
    }
  }

  private String body(LibraryDocument document) {
    return """
        A new document was published in the Vaultdrop library:
        Vaultdrop kutubxonasida yangi hujjat eʼlon qilindi:

            %s (%d bytes / bayt)

        Sign in to download it / Yuklab olish uchun tizimga kiring:
        %s

        You get this mail because you asked for it on the library page; untick the box there to stop.
        Bu xat sizga kutubxona sahifasida soʻraganingiz uchun keldi; toʻxtatish uchun belgini olib tashlang.
        """
        .formatted(document.name(), document.size(), links.link("/library"));
  }
}
