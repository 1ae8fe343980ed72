package io.vaultdrop.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.crypto.AgeIdentity;
import io.vaultdrop.crypto.DecryptionFailedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Round trips and the C2SP CCTV age stream/header cases, built with {@link AgeTestFile}. */
class JaggedAgeFilesTest {

  private static final int CHUNK = AgeTestFile.CHUNK;

  private final JaggedAgeFiles age = new JaggedAgeFiles();

  @org.junit.jupiter.api.Test
  void armor_isStrictPem_ofTheExactLengthAnnounced_andDecodesBack() throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int length = 0; length <= 200; length++) {
      byte[] binary = new byte[length];
      random.nextBytes(binary);
      java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
      try (java.io.OutputStream armor = age.armor(sink)) {
        armor.write(binary);
      }
      String text = sink.toString(java.nio.charset.StandardCharsets.US_ASCII);
      org.assertj.core.api.Assertions.assertThat((long) sink.size())
          .as("length %d", length)
          .isEqualTo(io.vaultdrop.crypto.AgeFiles.armoredLength(length));
      java.util.List<String> lines = text.lines().toList();
      org.assertj.core.api.Assertions.assertThat(lines.getFirst())
          .isEqualTo("-----BEGIN AGE ENCRYPTED FILE-----");
      org.assertj.core.api.Assertions.assertThat(lines.getLast())
          .isEqualTo("-----END AGE ENCRYPTED FILE-----");
      java.util.List<String> body = lines.subList(1, lines.size() - 1);
      for (int line = 0; line < body.size() - 1; line++) {
        org.assertj.core.api.Assertions.assertThat(body.get(line)).hasSize(64);
      }
      org.assertj.core.api.Assertions.assertThat(
              java.util.Base64.getDecoder().decode(String.join("", body)))
          .isEqualTo(binary);
    }
  }

  private final AgeIdentity identity = AgeIdentity.generate();
  private final byte[] firstChunk = random(CHUNK);

  private Drained decrypt(byte[] file) {
    return Drained.from(() -> age.decrypt(new ByteArrayInputStream(file), identity));
  }

  private static void assertFails(Drained drained, int releasable) {
    assertThat(drained.failure()).isInstanceOf(DecryptionFailedException.class);
    assertThat(drained.released().length).isLessThanOrEqualTo(releasable);
  }

  @Test
  void decrypt_ofEncrypted_returnsPlaintextForSizesAroundTheChunk() throws Exception {
    for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5}) {
      byte[] plaintext = random(size);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      try (OutputStream out = age.encrypt(sink, identity.recipient())) {
        out.write(plaintext);
      }

      Drained drained = decrypt(sink.toByteArray());

      assertThat(drained.failure()).as("size " + size).isNull();
      assertThat(drained.released()).as("size " + size).isEqualTo(plaintext);
    }
  }

  @Test
  void testFile_wellFormed_decrypts() throws Exception {
    byte[] file =
        new AgeTestFile(identity)
            .header()
            .nonce()
            .chunk(0, firstChunk, false)
            .chunk(1, ascii("age"), true)
            .bytes();

    Drained drained = decrypt(file);

    assertThat(drained.failure()).isNull();
    assertThat(drained.released()).isEqualTo(AgeTestFile.concat(firstChunk, ascii("age")));
  }

  @Test
  void testFile_emptyPayloadWithEmptyFinalChunk_decryptsToNothing() throws Exception {
    byte[] file = new AgeTestFile(identity).header().nonce().chunk(0, new byte[0], true).bytes();

    Drained drained = decrypt(file);

    assertThat(drained.failure()).isNull();
    assertThat(drained.released()).isEmpty();
  }

  @Test
  void testFile_fullFinalChunk_decrypts() throws Exception {
    byte[] file = new AgeTestFile(identity).header().nonce().chunk(0, firstChunk, true).bytes();

    assertThat(decrypt(file).released()).isEqualTo(firstChunk);
  }

  @Test
  void decrypt_streamWithoutFinalChunk_fails() throws Exception {
    byte[] file = new AgeTestFile(identity).header().nonce().chunk(0, firstChunk, false).bytes();

    assertFails(decrypt(file), 0);
  }

  @Test
  void decrypt_twoFinalChunks_fails() throws Exception {
    byte[] file =
        new AgeTestFile(identity)
            .header()
            .nonce()
            .chunk(0, firstChunk, true)
            .chunk(1, ascii("age"), true)
            .bytes();

    assertFails(decrypt(file), CHUNK);
  }

  @Test
  void decrypt_emptyFinalChunkAfterNonEmptyPayload_fails() throws Exception {
    byte[] file =
        new AgeTestFile(identity)
            .header()
            .nonce()
            .chunk(0, firstChunk, false)
            .chunk(1, new byte[0], true)
            .bytes();

    assertFails(decrypt(file), CHUNK);
  }

  @Test
  void decrypt_trailingGarbage_fails() throws Exception {
    for (byte[] garbage : new byte[][] {{0}, random(16), random(CHUNK + 16)}) {
      byte[] file =
          new AgeTestFile(identity)
              .header()
              .nonce()
              .chunk(0, ascii("age"), true)
              .raw(garbage)
              .bytes();
      assertFails(decrypt(file), 0);
    }
    byte[] afterFullChunk =
        new AgeTestFile(identity)
            .header()
            .nonce()
            .chunk(0, firstChunk, true)
            .raw(new byte[] {1})
            .bytes();
    assertFails(decrypt(afterFullChunk), 0);
  }

  @Test
  void decrypt_badTagInSecondChunk_failsAfterAtMostTheFirstChunk() throws Exception {
    byte[] file =
        new AgeTestFile(identity)
            .header()
            .nonce()
            .chunk(0, firstChunk, false)
            .chunk(1, ascii("age"), true)
            .bytes();
    file[file.length - 1] ^= 1;

    assertFails(decrypt(file), CHUNK);
  }

  @Test
  void decrypt_badHeaderMac_fails() throws Exception {
    AgeTestFile builder = new AgeTestFile(identity);
    byte[] mac = builder.mac();
    mac[0] ^= 1;
    byte[] file =
        builder
            .headerWithMacLine(
                " " + java.util.Base64.getEncoder().withoutPadding().encodeToString(mac) + "\n")
            .nonce()
            .chunk(0, ascii("age"), true)
            .bytes();

    assertFails(decrypt(file), 0);
  }

  @Test
  void decrypt_truncatedHeaderMac_fails() throws Exception {
    AgeTestFile builder = new AgeTestFile(identity);
    String mac = java.util.Base64.getEncoder().withoutPadding().encodeToString(builder.mac());
    byte[] file =
        builder
            .headerWithMacLine(" " + mac.substring(0, 4) + "\n")
            .nonce()
            .chunk(0, ascii("age"), true)
            .bytes();

    assertFails(decrypt(file), 0);
  }

  @Test
  void decrypt_otherIdentity_failsBeforeReturningAStream() throws Exception {
    byte[] file = new AgeTestFile(identity).header().nonce().chunk(0, ascii("age"), true).bytes();

    assertThatThrownBy(() -> age.decrypt(new ByteArrayInputStream(file), AgeIdentity.generate()))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void decrypt_truncatedAnywhere_fails() throws Exception {
    byte[] file =
        new AgeTestFile(identity)
            .header()
            .nonce()
            .chunk(0, firstChunk, false)
            .chunk(1, ascii("age"), true)
            .bytes();
    int payload = file.length - (CHUNK + 16) - (3 + 16);
    for (int cut :
        new int[] {
          0,
          10,
          payload - 16,
          payload,
          payload + 1,
          payload + CHUNK + 15,
          payload + CHUNK + 16,
          file.length - 1
        }) {
      assertFails(decrypt(Arrays.copyOf(file, cut)), cut > payload + CHUNK + 16 ? CHUNK : 0);
    }
  }

  @Test
  void encrypt_invalidRecipient_isRejected() {
    assertThatThrownBy(() -> age.encrypt(new ByteArrayOutputStream(), "age1notarecipient"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] ascii(String text) {
    return AgeTestFile.ascii(text);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(size).nextBytes(bytes);
    return bytes;
  }
}
