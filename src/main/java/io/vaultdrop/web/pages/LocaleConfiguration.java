package io.vaultdrop.web.pages;

import io.vaultdrop.config.PublicLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * Page language: English (default) or Uzbek. {@code ?lang=uz} (or {@code en}) on any GET switches
 * and remembers the choice in a cookie; other values are ignored. Without a cookie the browser's
 * {@code Accept-Language} decides among the supported languages.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

  static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("uz"));
  static final String COOKIE = "vaultdrop-lang";

  private final PublicLinks links;

  LocaleConfiguration(PublicLinks links) {
    this.links = links;
  }

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieHttpOnly(true);
    // Behind a TLS proxy the request looks like http: the public URL decides, as for the session.
    resolver.setCookieSecure(links.isHttps());
    resolver.setCookieSameSite("Lax");
    resolver.setDefaultLocaleFunction(LocaleConfiguration::fromAcceptLanguage);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new LanguageSwitch(localeResolver()));
  }

  private static Locale fromAcceptLanguage(HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    if (header != null) {
      try {
        Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
        if (match != null) {
          return match;
        }
      } catch (IllegalArgumentException malformed) {
        return Locale.ENGLISH;
      }
    }
    return Locale.ENGLISH;
  }

  /** Applies {@code ?lang=} when it names a supported language. */
  private record LanguageSwitch(LocaleResolver resolver) implements HandlerInterceptor {

    @Override
    public boolean preHandle(
        HttpServletRequest request, HttpServletResponse response, Object handler) {
      String lang = "GET".equals(request.getMethod()) ? request.getParameter("lang") : null;
      if (lang != null) {
        SUPPORTED.stream()
            .filter(locale -> locale.getLanguage().equals(lang))
            .findFirst()
            .ifPresent(locale -> resolver.setLocale(request, response, locale));
      }
      return true;
    }
  }
}
