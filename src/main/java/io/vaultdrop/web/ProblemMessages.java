package io.vaultdrop.web;

import io.vaultdrop.errors.DomainException;
import io.vaultdrop.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The texts of problems (title and detail) in the reader's language: the page language ({@code
 * vaultdrop-lang} cookie, else {@code Accept-Language}, else English), the same for API clients and
 * pages. Keys live in {@code messages-problems*.properties}; the {@code code} member never changes
 * with the language.
 *
 * <p>Titles: {@code problem.title.<status>} (the reason phrase), or {@code problem.title.<code>}
 * for the catalogue entries whose fixed title is not the reason phrase ("Wrong Password").
 */
@Component
public final class ProblemMessages {

  private final MessageSource messages;
  private final LocaleResolver locales;

  ProblemMessages(MessageSource messages, LocaleResolver locales) {
    this.messages = messages;
    this.locales = locales;
  }

  /** The catalogue entry's title. */
  public String title(ErrorCode code) {
    return title(code.status(), code.code(), code.title());
  }

  /**
   * The title of a problem: {@code english} is the contract's English title, used as the key's
   * fallback.
   */
  public String title(int status, String code, String english) {
    HttpStatus known = HttpStatus.resolve(status);
    boolean reasonPhrase = known != null && known.getReasonPhrase().equals(english);
    String key = reasonPhrase ? "problem.title." + status : "problem.title." + code;
    return messages.getMessage(key, null, english, locale());
  }

  /** The exception's detail, or {@code null} when it has none. */
  public @Nullable String detail(DomainException e) {
    return e.detailKey() == null ? null : detail(e.detailKey(), e.detailArgs());
  }

  /** The detail, or the title without one: what a page shows for the failure. */
  public String text(DomainException e) {
    String detail = detail(e);
    return detail != null ? detail : title(e.errorCode());
  }

  /**
   * The text of {@code key} with {@code args}. A key missing from the bundle is shown as it is (a
   * text written before the key existed still reads), never as an exception.
   */
  public String detail(String key, List<String> args) {
    return messages.getMessage(key, args.toArray(), key, locale());
  }

  /** The reader's language, from the current request; English outside one. */
  public Locale locale() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      HttpServletRequest servletRequest = request.getRequest();
      return locales.resolveLocale(servletRequest);
    }
    return Locale.ENGLISH;
  }
}
