package io.vaultdrop.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.vaultdrop.crypto.AgeIdentity;
import io.vaultdrop.crypto.CipherSuite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the reference {@code age} CLI in both directions. Without {@code age} on
 * the PATH the tests are skipped, unless {@code CI=true}, where they fail.
 */
class AgeCliInteropTest {

  private static final int SIZE = 3 * AgeTestFile.CHUNK + 123;

  @TempDir Path dir;
  private final JaggedAgeFiles age = new JaggedAgeFiles();
  private final byte[] plaintext = plaintext();

  @BeforeAll
  static void requireAgeCli() {
    boolean present = isExecutable("age") && isExecutable("age-keygen");
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("the age CLI (age, age-keygen) must be installed when CI=true");
    }
    Assumptions.assumeTrue(
        present, "age CLI not installed: skipping interop tests (apt install age)");
  }

  @Test
  void ageCli_decryptsWhatVaultdropEncrypted() throws Exception {
    AgeIdentity identity = AgeIdentity.generate();
    Path key = dir.resolve("name.key");
    Files.writeString(key, identity.exportSecretKey() + "\n");
    Path enc = dir.resolve("name.enc");
    try (OutputStream out = age.encrypt(Files.newOutputStream(enc), identity.recipient())) {
      out.write(plaintext);
    }
    Path decrypted = dir.resolve("name.out");

    run("age", "-d", "-i", key.toString(), "-o", decrypted.toString(), enc.toString());

    assertThat(Files.readAllBytes(decrypted)).isEqualTo(plaintext);
  }

  @Test
  void vaultdrop_decryptsWhatAgeCliEncrypted() throws Exception {
    Path key = dir.resolve("key.txt");
    run("age-keygen", "-o", key.toString());
    String secret =
        Files.readAllLines(key).stream()
            .filter(line -> line.startsWith("AGE-SECRET-KEY-1"))
            .findFirst()
            .orElseThrow();
    AgeIdentity identity = AgeIdentity.parse(secret);
    String recipient = run("age-keygen", "-y", key.toString()).strip();
    assertThat(identity.recipient()).isEqualTo(recipient);
    Path input = dir.resolve("plain.bin");
    Files.write(input, plaintext);
    Path enc = dir.resolve("plain.age");

    run("age", "-r", recipient, "-o", enc.toString(), input.toString());

    try (InputStream in = age.decrypt(Files.newInputStream(enc), identity)) {
      assertThat(in.readAllBytes()).isEqualTo(plaintext);
    }
  }

  @Test
  void ageCli_decryptsTheChaChaObjectPayloadOnlyWithTheDerivedIdentity() throws Exception {
    // The CHACHA20_POLY1305 object payload is a plain age file: after the Vaultdrop header and
    // commitment, `age -d` opens it with the identity derived from the data key.
    var key = io.vaultdrop.crypto.DataKey.generate();
    byte[] object =
        ObjectFixtures.encrypt(
            new StreamingObjectCipher(),
            CipherSuite.CHACHA20_POLY1305,
            key,
            ObjectFixtures.OBJECT_ID,
            plaintext);
    Path payload = dir.resolve("payload.age");
    Files.write(
        payload,
        java.util.Arrays.copyOfRange(
            object, ObjectFixtures.HEADER_LENGTH + KeyCommitment.LENGTH, object.length));
    Path identityFile = dir.resolve("derived.key");
    try (ObjectKeys keys = ObjectKeys.derive(key, 1, new AgePayload().keyLabel())) {
      Files.writeString(
          identityFile, AgeIdentity.fromSecretBytes(keys.payloadKey()).exportSecretKey() + "\n");
    }
    Path decrypted = dir.resolve("payload.out");

    run("age", "-d", "-i", identityFile.toString(), "-o", decrypted.toString(), payload.toString());

    assertThat(Files.readAllBytes(decrypted)).isEqualTo(plaintext);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    process.getOutputStream().close();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    process.getInputStream().transferTo(output);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command[0] + " timed out");
    }
    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(command[0] + " output: " + text).isZero();
    return text;
  }

  private static boolean isExecutable(String name) {
    for (String folder :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(folder, name))) {
        return true;
      }
    }
    return false;
  }

  private static byte[] plaintext() {
    byte[] bytes = new byte[SIZE];
    new SplittableRandom(42).nextBytes(bytes);
    return bytes;
  }
}
