package io.vaultdrop.config.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Applies {@link DataFolderPermissions}: the folders are prepared before any bean exists (so H2,
 * the key file and the blob store write into an owner-only folder from the first byte), the
 * embedded database's files are tightened once the application has started.
 */
@Configuration(proxyBeanMethods = false)
class DataFolderConfiguration {

  /** Runs before any bean is created, the data source included. */
  @Bean
  static BeanFactoryPostProcessor dataFolderPreparation(Environment environment) {
    return beanFactory -> {
      try {
        DataFolderPermissions.prepare(dataDir(environment), embeddedDatabase(environment));
      } catch (IOException e) {
        throw new UncheckedIOException("The data folder cannot be created", e);
      }
    };
  }

  @Bean
  ApplicationRunner dataFolderDatabaseFiles(Environment environment) {
    return args -> {
      if (embeddedDatabase(environment)) {
        DataFolderPermissions.tightenDatabaseFiles(dataDir(environment));
      }
    };
  }

  private static Path dataDir(Environment environment) {
    return Path.of(environment.getProperty("vaultdrop.data-dir", "./data"));
  }

  /** The default H2 file database in the data folder (not one the operator placed elsewhere). */
  private static boolean embeddedDatabase(Environment environment) {
    String url = environment.getProperty("spring.datasource.url", "");
    String dataDir = environment.getProperty("vaultdrop.data-dir", "./data");
    return url.startsWith("jdbc:h2:file:" + dataDir + "/db/");
  }
}
