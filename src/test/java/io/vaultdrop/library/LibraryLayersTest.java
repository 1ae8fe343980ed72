package io.vaultdrop.library;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The library's domain code knows nothing of HTTP: requests, multipart parsing, file-name headers
 * and response copying live in {@code library.web}; {@code library.internal} takes typed input.
 */
class LibraryLayersTest {

  @Test
  void internal_dependsOnNoWebLayer() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vaultdrop.library");
    noClasses()
        .that()
        .resideInAPackage("io.vaultdrop.library.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..", "io.vaultdrop.web..")
        .check(classes);
  }
}
