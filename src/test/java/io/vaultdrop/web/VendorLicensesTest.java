package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every npm package whose code is inside the served {@code /vendor/tus.min.js} has its licence
 * served beside it under {@code /vendor/licenses/<package>/}. The packages are read from the
 * bundle's own source map, so a tus-js-client upgrade that bundles something new fails here.
 */
class VendorLicensesTest {

  private static final String VENDOR = "static/vendor/";

  @Test
  void everyPackageInTheTusBundle_hasItsLicenceServed() throws Exception {
    JsonNode map;
    try (InputStream in = resource(VENDOR + "tus.min.js.map")) {
      assertThat(in).as("the bundle's source map on the classpath").isNotNull();
      map = JsonMapper.builder().build().readTree(in);
    }
    Set<String> packages = new TreeSet<>();
    for (JsonNode source : map.get("sources")) {
      String path = source.asString();
      int modules = path.lastIndexOf("node_modules/");
      packages.add(
          modules < 0
              ? "tus-js-client" // the library's own sources (lib/...)
              : packageName(path.substring(modules + "node_modules/".length())));
    }
    assertThat(packages).contains("tus-js-client", "buffer", "js-base64", "url-parse");
    for (String name : packages) {
      String folder = VENDOR + "licenses/" + name + "/";
      assertThat(resource(folder + "LICENSE") != null || resource(folder + "LICENSE.md") != null)
          .as("licence of %s, which tus.min.js contains", name)
          .isTrue();
    }
  }

  private static String packageName(String pathInNodeModules) {
    String[] parts = pathInNodeModules.split("/");
    return parts[0].startsWith("@") ? parts[0] + "/" + parts[1] : parts[0];
  }

  private static InputStream resource(String name) {
    return VendorLicensesTest.class.getClassLoader().getResourceAsStream(name);
  }
}
