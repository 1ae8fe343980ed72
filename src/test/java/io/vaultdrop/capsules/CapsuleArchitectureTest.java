package io.vaultdrop.capsules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The capsule domain knows nothing of HTTP: multipart parsing, request bodies and responses stay in
 * {@code capsules.web}; {@code capsules.internal} takes names, streams and tokens.
 */
class CapsuleArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.vaultdrop.capsules");

  @Test
  void capsuleInternals_dependOnNoWebLayer() {
    noClasses()
        .that()
        .resideInAPackage("io.vaultdrop.capsules.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..", "io.vaultdrop.web..")
        .check(classes);
  }
}
