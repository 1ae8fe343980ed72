package io.vaultdrop.web.pages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells every page whether this server can send e-mail ({@code ${mailAvailable}}): without an SMTP
 * server ({@code SPRING_MAIL_HOST}) pages offer no mail at all (key by mail, library notifications,
 * password reset links) instead of promising mails that never come.
 */
@ControllerAdvice(annotations = Controller.class)
final class MailAvailability {

  private final ObjectProvider<JavaMailSender> mailSender;

  MailAvailability(ObjectProvider<JavaMailSender> mailSender) {
    this.mailSender = mailSender;
  }

  @ModelAttribute
  void mailAvailable(Model model) {
    model.addAttribute("mailAvailable", mailSender.getIfAvailable() != null);
  }
}
