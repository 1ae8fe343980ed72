package io.vaultdrop.tool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.crypto.AgeIdentity;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.tool.internal.KeyFiles.InvalidKeyFileException;
import io.vaultdrop.tool.internal.KeyFiles.ParsedKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The .key file formats: written, read back, and refused when wrong, without echoing secrets. */
class KeyFilesTest {

  private final MasterKeyRing ring = new MasterKeyRing(MasterKey.generate(), List.of());
  private final KeyFiles files = new KeyFiles(ring);

  @Test
  void ageKeyFile_likeAgeKeygen_readsBack() throws Exception {
    AgeIdentity identity = AgeIdentity.generate();
    String text = KeyFiles.ageKeyFile(identity, Instant.parse("2026-01-02T03:04:05.678Z"));
    assertThat(text)
        .startsWith("# created: 2026-01-02T03:04:05Z\n# public key: " + identity.recipient());
    ParsedKey parsed = files.parse(text);
    assertThat(parsed.ages())
        .singleElement()
        .extracting(AgeIdentity::recipient)
        .isEqualTo(identity.recipient());
    assertThat(parsed.mode()).isEqualTo(KeyMode.PORTABLE);
    assertThat(parsed.toString()).doesNotContain("AGE-SECRET-KEY");
  }

  @Test
  void aesKeyFile_readsBack_andServerBoundWrapsIt() throws Exception {
    DataKey key = DataKey.generate();
    String keyId = KeyFiles.newKeyId();
    String text = KeyFiles.aesKeyFile(key, keyId);
    ParsedKey parsed = files.parse(text);
    assertThat(parsed.keyId()).isEqualTo(keyId);
    assertThat(parsed.aes().exportSecretBytes()).isEqualTo(key.exportSecretBytes());

    String sealed = files.serverBound(text);
    assertThat(sealed).startsWith("vaultdrop-sealed-key v1\n").doesNotContain(keyId);
    ParsedKey unsealed = files.parse(sealed);
    assertThat(unsealed.mode()).isEqualTo(KeyMode.SERVER_BOUND);
    assertThat(unsealed.aes().exportSecretBytes()).isEqualTo(key.exportSecretBytes());
  }

  @Test
  void sealedByAnotherServer_isRefused() {
    KeyFiles otherServer = new KeyFiles(new MasterKeyRing(MasterKey.generate(), List.of()));
    String sealed =
        otherServer.serverBound(KeyFiles.ageKeyFile(AgeIdentity.generate(), Instant.now()));
    assertThatThrownBy(() -> files.parse(sealed))
        .isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("another server");
  }

  @Test
  void ageKeyFile_withSeveralIdentities_readsThemAll_upToTheLimit() throws Exception {
    AgeIdentity first = AgeIdentity.generate();
    AgeIdentity second = AgeIdentity.generate();
    String text =
        KeyFiles.ageKeyFile(first, Instant.now())
            + "\n"
            + KeyFiles.ageKeyFile(second, Instant.now());

    ParsedKey parsed = files.parse(text);

    assertThat(parsed.ages())
        .extracting(AgeIdentity::recipient)
        .containsExactly(first.recipient(), second.recipient());
    String tooMany =
        (AgeIdentity.generate().exportSecretKey() + "\n").repeat(KeyFiles.MAX_IDENTITIES + 1);
    assertThatThrownBy(() -> files.parse(tooMany)).isInstanceOf(InvalidKeyFileException.class);
  }

  @Test
  void malformedFiles_areRefused_withoutRepeatingThem() {
    String aes = KeyFiles.aesKeyFile(DataKey.generate(), KeyFiles.newKeyId());
    List<String> bad =
        List.of(
            "",
            "hello",
            "AGE-SECRET-KEY-1NOTVALID",
            KeyFiles.ageKeyFile(AgeIdentity.generate(), Instant.now()) + "AGE-SECRET-KEY-1X\n",
            aes.replace("algorithm: AES_256_GCM", "algorithm: DES"),
            aes + "extra: line\n",
            aes.replaceAll("key: .*", "key: c2hvcnQ="),
            "vaultdrop-sealed-key v1\n!!!");
    for (String text : bad) {
      assertThatThrownBy(() -> files.parse(text))
          .isInstanceOf(InvalidKeyFileException.class)
          .satisfies(
              e -> {
                if (!text.isBlank()) {
                  assertThat(e.getMessage()).doesNotContain(text.strip());
                }
              });
    }
  }
}
