package io.vaultdrop.accounts;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vaultdrop.testsupport.Mailboxes;
import io.vaultdrop.testsupport.MutableClock;
import java.nio.file.Files;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Shared set-up for account web tests: a real SMTP server (GreenMail), an in-memory H2 database, a
 * temporary data folder and a clock the test moves.
 */
public abstract class AccountsWebTestSupport {

  public static final String PASSWORD = "correct horse battery";
  private static final Pattern LINK =
      Pattern.compile("(https?://[^\\s]+/verify-email\\?token=([A-Za-z0-9_-]+))");

  @RegisterExtension
  protected static final GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void accountProperties(DynamicPropertyRegistry registry) throws Exception {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:accounts-web-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    registry.add("vaultdrop.data-dir", Files.createTempDirectory("vaultdrop-web")::toString);
  }

  @TestConfiguration
  public static class ClockConfig {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(Instant.now());
    }
  }

  protected static String uniqueEmail() {
    return "u" + System.nanoTime() + "@example.org";
  }

  /** The token of the newest verification mail sent to {@code to}. */
  protected static String verificationToken(String to) throws Exception {
    Matcher link = LINK.matcher(verificationLink(to));
    link.find();
    return link.group(2);
  }

  /** The whole link of the newest verification mail sent to {@code to}. */
  protected static String verificationLink(String to) throws Exception {
    String token = null;
    for (String body : Mailboxes.await(smtp, to, body -> LINK.matcher(body).find())) {
      Matcher matcher = LINK.matcher(body);
      if (matcher.find()) {
        token = matcher.group(1);
      }
    }
    return token;
  }
}
