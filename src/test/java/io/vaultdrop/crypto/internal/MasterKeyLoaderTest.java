package io.vaultdrop.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.crypto.WrappedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyLoaderTest {

  private static final byte[] CONTEXT = {1, 2, 3};

  @TempDir Path dataDir;

  private static MasterKeyProperties unset() {
    return new MasterKeyProperties(null, null);
  }

  private static String base64(MasterKey key) {
    return Base64.getEncoder().encodeToString(key.exportSecretBytes());
  }

  @Test
  void load_withoutKey_generatesOwnerOnlyFileOnceAndReusesIt() throws Exception {
    MasterKeyRing first = MasterKeyLoader.load(unset(), dataDir);
    Path file = dataDir.resolve("keys/master.key");

    MasterKeyRing second = MasterKeyLoader.load(unset(), dataDir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    assertThat(second.primaryKeyId()).isEqualTo(first.primaryKeyId());
    assertThat(second.unwrap(first.wrap(DataKey.generate(), CONTEXT), CONTEXT)).isNotNull();
  }

  @Test
  void load_groupReadableKeyFile_refusesToStart() throws Exception {
    MasterKeyLoader.load(unset(), dataDir);
    Path file = dataDir.resolve("keys/master.key");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    assertThatThrownBy(() -> MasterKeyLoader.load(unset(), dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is accessible by group or others")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void load_badBase64_failsNamingTheVariableWithoutTheValue() {
    String value = "not*base64*secret";

    assertThatThrownBy(() -> MasterKeyLoader.load(new MasterKeyProperties(value, null), dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("VAULTDROP_MASTER_KEY")
        .hasMessageContaining("not valid base64")
        .message()
        .doesNotContain(value);
  }

  @Test
  void load_wrongLength_failsNamingTheVariableWithoutTheValue() {
    String value = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> MasterKeyLoader.load(new MasterKeyProperties(value, null), dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("VAULTDROP_MASTER_KEY")
        .hasMessageContaining("decodes to 16 bytes")
        .message()
        .doesNotContain(value);
  }

  @Test
  void load_badPreviousKey_failsNamingTheEntry() {
    String good = base64(MasterKey.generate());

    assertThatThrownBy(
            () ->
                MasterKeyLoader.load(
                    new MasterKeyProperties(good, List.of(good, "short")), dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("VAULTDROP_PREVIOUS_MASTER_KEYS")
        .hasMessageContaining("entry 2")
        .message()
        .doesNotContain("short");
  }

  @Test
  void load_explicitKeyAfterGeneratedFile_keepsFileKeyAsPrevious() throws Exception {
    MasterKeyRing generated = MasterKeyLoader.load(unset(), dataDir);
    WrappedKey oldWrap = generated.wrap(DataKey.generate(), CONTEXT);
    MasterKey explicit = MasterKey.generate();

    MasterKeyRing ring =
        MasterKeyLoader.load(new MasterKeyProperties(base64(explicit), null), dataDir);

    assertThat(ring.primaryKeyId()).isEqualTo(explicit.keyId());
    assertThat(ring.keyIds()).contains(generated.primaryKeyId());
    assertThat(ring.unwrap(oldWrap, CONTEXT)).isNotNull();
  }

  @Test
  void load_explicitKeyWithoutFile_createsNoFileAndUsesPreviousKeys() throws Exception {
    MasterKey old = MasterKey.generate();
    MasterKey current = MasterKey.generate();

    MasterKeyRing ring =
        MasterKeyLoader.load(
            new MasterKeyProperties(base64(current), List.of(base64(old))), dataDir);

    assertThat(ring.primaryKeyId()).isEqualTo(current.keyId());
    assertThat(ring.keyIds()).containsExactlyInAnyOrder(current.keyId(), old.keyId());
    assertThat(dataDir.resolve("keys/master.key")).doesNotExist();
  }

  @Test
  void properties_toStringNeverShowsKeys() {
    String secret = base64(MasterKey.generate());

    assertThat(new MasterKeyProperties(secret, List.of(secret)).toString())
        .doesNotContain(secret)
        .isEqualTo("MasterKeyProperties[masterKey=set, previousMasterKeys=1]");
  }
}
