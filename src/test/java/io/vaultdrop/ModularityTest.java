package io.vaultdrop;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vaultdrop.ratelimit.ClientAddresses;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the package-by-feature boundaries: each top-level package under {@code io.vaultdrop} is a
 * module whose root package is its API and whose sub-packages are private to it; the {@code crypto}
 * and {@code storage} foundations know nothing of the features built on them.
 */
class ModularityTest {

  private static final String[] FOUNDATIONS = {"io.vaultdrop.crypto..", "io.vaultdrop.storage.."};
  private static final String[] ALLOWED_FOR_FOUNDATIONS = {
    "io.vaultdrop.crypto..",
    "io.vaultdrop.storage..",
    "io.vaultdrop.config..",
    "io.vaultdrop.database.."
  };

  private static final String[] DOMAIN_WITHOUT_WEB = {
    "io.vaultdrop.errors..", "io.vaultdrop.ratelimit..", "io.vaultdrop.passwords.."
  };

  private static final String[] FEATURE_DOMAINS = {
    "io.vaultdrop.shares.internal..",
    "io.vaultdrop.capsules.internal..",
    "io.vaultdrop.tool.internal..",
    "io.vaultdrop.vault.internal..",
    "io.vaultdrop.library.internal..",
    "io.vaultdrop.objects.."
  };

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.vaultdrop");

  @Test
  void modules_respectEachOthersInternals() {
    ApplicationModules.of(VaultdropApplication.class).verify();
  }

  /**
   * Classes that check presented secrets against stored ones (link secrets, verifiers, key
   * commitments, scrape tokens) compare bytes in constant time ({@code MessageDigest.isEqual}),
   * never with {@code Arrays.equals}, whose early exit leaks how many leading bytes matched.
   */
  @Test
  void secretCheckers_compareInConstantTime() {
    noClasses()
        .that(
            DescribedPredicate.describe(
                "check presented secrets",
                (JavaClass c) ->
                    Set.of(
                            "ShareKeys",
                            "ShareToken",
                            "ShareTransfers",
                            "SingleUseTokens",
                            "MetricsAccess",
                            "KeyCommitment",
                            "DownloadLinks",
                            "CapsuleTokens",
                            "SealedKeys",
                            "ApiKeyHashes")
                        .contains(c.getSimpleName())))
        .should()
        .callMethod(Arrays.class, "equals", byte[].class, byte[].class)
        .orShould()
        .callMethod(Arrays.class, "equals", char[].class, char[].class)
        .orShould()
        .callMethod(
            Arrays.class,
            "equals",
            byte[].class,
            int.class,
            int.class,
            byte[].class,
            int.class,
            int.class)
        .check(classes);
  }

  /**
   * The error catalogue and rate limiting are domain code: they know nothing of the web layer or of
   * HTTP types; {@code io.vaultdrop.web.errors} maps their exceptions to responses. The one
   * exception to the servlet ban is {@link ClientAddresses}, whose job is to read the client's
   * address from a servlet request.
   */
  @Test
  void errorsAndRateLimits_dependOnNoWebLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN_WITHOUT_WEB)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vaultdrop.web..", "org.springframework.http..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN_WITHOUT_WEB)
        .and(not(equivalentTo(ClientAddresses.class)))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.servlet..")
        .check(classes);
  }

  /**
   * The features' domain code (their {@code internal} packages) and the object lifecycle under them
   * take typed commands and return typed results: HTTP parsing, servlet types and error mapping
   * stay in the {@code web} packages.
   */
  @Test
  void featureInternals_dependOnNoWebLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(FEATURE_DOMAINS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..", "io.vaultdrop.web..")
        .check(classes);
  }

  /**
   * The object lifecycle serves every feature and depends on none of them, only on the foundations
   * and the error catalogue; of accounts it knows only the public deletion event.
   */
  @Test
  void objects_dependOnNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("io.vaultdrop.objects..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.vaultdrop..")
                .and(
                    not(
                        resideInAnyPackage(
                            "io.vaultdrop.objects..",
                            "io.vaultdrop.crypto..",
                            "io.vaultdrop.storage..",
                            "io.vaultdrop.config..",
                            "io.vaultdrop.errors..",
                            "io.vaultdrop.accounts"))))
        .check(classes);
  }

  @Test
  void foundations_dependOnNoFeature() {
    for (String foundation : FOUNDATIONS) {
      noClasses()
          .that()
          .resideInAPackage(foundation)
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.vaultdrop..")
                  .and(not(resideInAnyPackage(ALLOWED_FOR_FOUNDATIONS))))
          .allowEmptyShould(true)
          .check(classes);
    }
  }
}
