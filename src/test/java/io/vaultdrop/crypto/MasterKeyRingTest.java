package io.vaultdrop.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterKeyRingTest {

  private static final byte[] CONTEXT = "file:42".getBytes(StandardCharsets.UTF_8);

  private final MasterKey oldKey = MasterKey.generate();
  private final MasterKey newKey = MasterKey.generate();

  @Test
  void unwrap_ofWrapped_returnsSameKey() throws Exception {
    MasterKeyRing ring = new MasterKeyRing(oldKey, List.of());
    DataKey key = DataKey.generate();

    WrappedKey wrapped = WrappedKey.fromBytes(ring.wrap(key, CONTEXT).toBytes());

    assertThat(wrapped.keyId()).isEqualTo(oldKey.keyId());
    assertThat(wrapped.toBytes()).hasSize(1 + 8 + 12 + 32 + 16);
    assertThat(ring.unwrap(wrapped, CONTEXT).exportSecretBytes())
        .isEqualTo(key.exportSecretBytes());
  }

  @Test
  void unwrap_afterRotation_opensOldWrapsByIdAndNewWrapsUseTheNewKey() throws Exception {
    DataKey key = DataKey.generate();
    WrappedKey underOld = new MasterKeyRing(oldKey, List.of()).wrap(key, CONTEXT);
    MasterKeyRing rotated = new MasterKeyRing(newKey, List.of(oldKey));

    WrappedKey underNew = rotated.wrap(key, CONTEXT);

    assertThat(rotated.unwrap(underOld, CONTEXT).exportSecretBytes())
        .isEqualTo(key.exportSecretBytes());
    assertThat(underNew.keyId()).isEqualTo(newKey.keyId()).isNotEqualTo(underOld.keyId());
    assertThat(rotated.primaryKeyId()).isEqualTo(newKey.keyId());
    assertThat(rotated.unwrap(underNew, CONTEXT).exportSecretBytes())
        .isEqualTo(key.exportSecretBytes());
  }

  @Test
  void unwrap_unknownKeyId_failsNamingTheId() {
    WrappedKey underOld = new MasterKeyRing(oldKey, List.of()).wrap(DataKey.generate(), CONTEXT);
    MasterKeyRing withoutOld = new MasterKeyRing(newKey, List.of());

    assertThatThrownBy(() -> withoutOld.unwrap(underOld, CONTEXT))
        .isInstanceOf(KeyUnwrapException.class)
        .hasMessageContaining("no master key with id " + oldKey.keyId());
  }

  @Test
  void unwrap_otherContext_fails() {
    MasterKeyRing ring = new MasterKeyRing(oldKey, List.of());
    WrappedKey wrapped = ring.wrap(DataKey.generate(), CONTEXT);

    assertThatThrownBy(() -> ring.unwrap(wrapped, "file:43".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(KeyUnwrapException.class)
        .hasMessageContaining("failed authentication");
  }

  @Test
  void unwrap_anyFlippedBit_fails() throws Exception {
    MasterKeyRing ring = new MasterKeyRing(oldKey, List.of(newKey));
    byte[] bytes = ring.wrap(DataKey.generate(), CONTEXT).toBytes();

    for (int i = 0; i < bytes.length; i++) {
      byte[] flipped = bytes.clone();
      flipped[i] ^= 1;
      assertThatThrownBy(() -> ring.unwrap(WrappedKey.fromBytes(flipped), CONTEXT))
          .as("byte " + i)
          .isInstanceOf(KeyUnwrapException.class);
    }
  }

  @Test
  void fromBytes_truncatedOrUnknownVersion_fails() {
    byte[] bytes = new MasterKeyRing(oldKey, List.of()).wrap(DataKey.generate(), CONTEXT).toBytes();

    assertThatThrownBy(() -> WrappedKey.fromBytes(java.util.Arrays.copyOf(bytes, 36)))
        .isInstanceOf(KeyUnwrapException.class);
    bytes[0] = 2;
    assertThatThrownBy(() -> WrappedKey.fromBytes(bytes))
        .isInstanceOf(KeyUnwrapException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void seal_smallSecret_opensOnlyWithItsContext() throws Exception {
    MasterKeyRing ring = new MasterKeyRing(oldKey, List.of());
    AgeIdentity identity = AgeIdentity.generate();

    WrappedKey sealed = ring.seal(identity.exportSecretBytes(), CONTEXT);

    assertThat(AgeIdentity.fromSecretBytes(ring.open(sealed, CONTEXT)).recipient())
        .isEqualTo(identity.recipient());
    assertThatThrownBy(() -> ring.unwrap(sealed, "other".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(KeyUnwrapException.class);
  }

  @Test
  void keyId_isStableFingerprintAndToStringsHideSecrets() {
    byte[] raw = new byte[32];
    MasterKey zero = MasterKey.fromSecretBytes(raw);

    assertThat(zero.keyId()).hasSize(16).matches("[0-9a-f]{16}");
    assertThat(MasterKey.fromSecretBytes(raw).keyId()).isEqualTo(zero.keyId());
    assertThat(zero.toString()).isEqualTo("MasterKey[id=" + zero.keyId() + "]");
    assertThat(DataKey.generate().toString()).isEqualTo("DataKey[secret]");
    assertThat(new MasterKeyRing(zero, List.of()).wrap(DataKey.generate(), CONTEXT).toString())
        .startsWith("WrappedKey[v1, keyId=" + zero.keyId());
  }

  @Test
  void close_destroysAllKeys() {
    MasterKeyRing ring = new MasterKeyRing(newKey, List.of(oldKey));

    ring.close();

    assertThat(newKey.isDestroyed()).isTrue();
    assertThat(oldKey.isDestroyed()).isTrue();
    assertThatThrownBy(() -> ring.wrap(DataKey.generate(), CONTEXT))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void dataKey_fromWrongLength_isRejectedAndDestroyWipes() {
    assertThatThrownBy(() -> DataKey.fromSecretBytes(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    DataKey key = DataKey.generate();
    key.close();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(key::exportSecretBytes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void derivePrimarySubkey_isStablePerPurposeAndIndependentAcrossPurposesAndKeys() {
    MasterKeyRing ring = new MasterKeyRing(oldKey, List.of());
    MasterKeyRing sameKeyElsewhere =
        new MasterKeyRing(MasterKey.fromSecretBytes(oldKey.exportSecretBytes()), List.of());

    byte[] tokens = ring.derivePrimarySubkey("vaultdrop/api-token-hs256/v1");

    assertThat(tokens).hasSize(32);
    assertThat(sameKeyElsewhere.derivePrimarySubkey("vaultdrop/api-token-hs256/v1"))
        .isEqualTo(tokens);
    assertThat(ring.derivePrimarySubkey("another purpose")).isNotEqualTo(tokens);
    assertThat(
            new MasterKeyRing(newKey, List.of(oldKey))
                .derivePrimarySubkey("vaultdrop/api-token-hs256/v1"))
        .isNotEqualTo(tokens);
    assertThat(tokens).isNotEqualTo(oldKey.exportSecretBytes());
  }

  @Test
  void deriveSubkey_byKeyId_matchesThePrimaryDerivationAndSurvivesRotation() throws Exception {
    MasterKeyRing before = new MasterKeyRing(oldKey, List.of());
    MasterKeyRing after = new MasterKeyRing(newKey, List.of(oldKey));
    byte[] issued = before.derivePrimarySubkey("vaultdrop/capsule-jwe/v1");

    assertThat(before.deriveSubkey(oldKey.keyId(), "vaultdrop/capsule-jwe/v1")).isEqualTo(issued);
    assertThat(after.deriveSubkey(oldKey.keyId(), "vaultdrop/capsule-jwe/v1")).isEqualTo(issued);
    assertThat(after.deriveSubkey(newKey.keyId(), "vaultdrop/capsule-jwe/v1"))
        .isEqualTo(after.derivePrimarySubkey("vaultdrop/capsule-jwe/v1"))
        .isNotEqualTo(issued);
    assertThat(after.deriveSubkey(oldKey.keyId(), "other purpose")).isNotEqualTo(issued);
  }

  @Test
  void deriveSubkey_unknownOrMissingKeyId_fails() {
    MasterKeyRing ring = new MasterKeyRing(newKey, List.of());

    assertThatThrownBy(() -> ring.deriveSubkey(oldKey.keyId(), "purpose"))
        .isInstanceOf(KeyUnwrapException.class);
    assertThatThrownBy(() -> ring.deriveSubkey(null, "purpose"))
        .isInstanceOf(KeyUnwrapException.class);
    assertThatThrownBy(() -> ring.deriveSubkey(newKey.keyId(), " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
