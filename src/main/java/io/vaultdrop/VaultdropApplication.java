package io.vaultdrop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: one jar serving the web UI and the JSON API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VaultdropApplication {

  public static void main(String[] args) {
    SpringApplication.run(VaultdropApplication.class, args);
  }
}
