package io.vaultdrop.testsupport;

import io.vaultdrop.storage.BlobStore;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Wraps the application's real blob store in a {@link FaultyBlobStore}, reachable as {@link
 * #store()}. {@code @Import(FaultyStorage.class)} in a {@code @SpringBootTest}; switch faults off
 * after each test ({@code FaultyStorage.store().up()}).
 */
@TestConfiguration
public class FaultyStorage {

  private static final AtomicReference<FaultyBlobStore> STORE = new AtomicReference<>();

  /** The wrapper around the current context's store. */
  public static FaultyBlobStore store() {
    return STORE.get();
  }

  @Bean
  static BeanPostProcessor faultyBlobStore() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof BlobStore real && !(bean instanceof FaultyBlobStore)) {
          FaultyBlobStore faulty = new FaultyBlobStore(real);
          STORE.set(faulty);
          return faulty;
        }
        return bean;
      }
    };
  }
}
