package io.vaultdrop.testsupport;

import io.vaultdrop.VaultdropApplication;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * N complete Vaultdrop nodes in this JVM, each on its own random port and data folder, sharing one
 * database, one blob store and one master key: a cluster as the README describes it. Each node is a
 * separate Spring application context, so nothing in memory is shared between them.
 *
 * <pre>
 *   &#64;RegisterExtension static final TestDatabase db = TestDatabase.postgres();
 *   try (ClusterNodes nodes = ClusterNodes.start(2, db, ClusterNodes.Storage.database(), tempDir)) {
 *     nodes.url(0); nodes.url(1); nodes.bean(1, SomeBean.class); ...
 *   }
 * </pre>
 */
public final class ClusterNodes implements AutoCloseable {

  /** Where the nodes keep blobs: one store every node reaches. */
  public record Storage(List<String> arguments) {

    /** Blobs in the shared database ({@code VAULTDROP_STORAGE_TYPE=database}). */
    public static Storage database() {
      return new Storage(List.of("--vaultdrop.storage.type=database"));
    }

    /** Blobs in the S3 test server's application bucket. */
    public static Storage s3(S3TestServer s3) {
      return new Storage(
          List.of(
              "--vaultdrop.storage.type=s3",
              "--vaultdrop.storage.s3.endpoint=" + s3.endpoint(),
              "--vaultdrop.storage.s3.bucket=" + s3.applicationBucket(),
              "--vaultdrop.storage.s3.access-key=" + S3TestServer.ACCESS_KEY,
              "--vaultdrop.storage.s3.secret-key=" + S3TestServer.SECRET_KEY));
    }
  }

  private final List<ConfigurableApplicationContext> nodes;

  private ClusterNodes(List<ConfigurableApplicationContext> nodes) {
    this.nodes = nodes;
  }

  /**
   * Starts {@code count} nodes one after the other (the first migrates the database), each with a
   * data folder under {@code dataRoot}; {@code settings} ({@code --name=value}) apply to every
   * node. A node that fails to start closes the ones already running.
   */
  public static ClusterNodes start(
      int count, TestDatabase db, Storage storage, Path dataRoot, String... settings) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String masterKey = Base64.getEncoder().encodeToString(key);
    List<ConfigurableApplicationContext> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        // Command-line arguments, not builder defaults: application.yml would override those.
        List<String> args =
            new ArrayList<>(
                List.of(
                    "--server.port=0",
                    "--vaultdrop.data-dir=" + dataRoot.resolve("node-" + i),
                    "--vaultdrop.master-key=" + masterKey,
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=" + db.username(),
                    "--spring.datasource.password=" + db.password()));
        args.addAll(storage.arguments());
        args.addAll(List.of(settings));
        started.add(
            new SpringApplicationBuilder(VaultdropApplication.class)
                .run(args.toArray(String[]::new)));
      }
    } catch (RuntimeException e) {
      new ClusterNodes(started).close();
      throw e;
    }
    return new ClusterNodes(List.copyOf(started));
  }

  public int size() {
    return nodes.size();
  }

  public ConfigurableApplicationContext node(int index) {
    return nodes.get(index);
  }

  public int port(int index) {
    return Integer.parseInt(node(index).getEnvironment().getProperty("local.server.port"));
  }

  /** The node's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url(int index) {
    return "http://127.0.0.1:" + port(index);
  }

  public <T> T bean(int index, Class<T> type) {
    return node(index).getBean(type);
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
  }
}
