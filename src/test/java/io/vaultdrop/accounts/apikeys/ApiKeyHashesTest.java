package io.vaultdrop.accounts.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaultdrop.crypto.KeyUnwrapException;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key texts and their stored hashes, with real master key rings. */
class ApiKeyHashesTest {

  private final MasterKey oldKey = MasterKey.generate();
  private final MasterKey newKey = MasterKey.generate();

  @Test
  void newKeys_haveTheDocumentedShape_andNameTheirRow() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = ApiKeyFormat.newId();
      String key = ApiKeyFormat.newKey(id);
      assertThat(key).matches("vdk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}").hasSize(80);
      assertThat(ApiKeyFormat.idOf(key)).hasValue(id);
      assertThat(ApiKeyFormat.isApiKey(key)).isTrue();
      assertThat(seen.add(key.substring(37))).as("secrets never repeat").isTrue();
    }
    String key = ApiKeyFormat.newKey(ApiKeyFormat.newId());
    assertThat(ApiKeyFormat.idOf(key + "A")).isEmpty();
    assertThat(ApiKeyFormat.idOf(key.substring(0, 79))).isEmpty();
    assertThat(ApiKeyFormat.idOf(key.toUpperCase())).isEmpty();
    assertThat(ApiKeyFormat.isApiKey("eyJhbGciOiJIUzI1NiJ9.e30.x")).isFalse();
  }

  @Test
  void aHash_isCheckedUnderTheMasterKeyItWasMadeWith_evenAfterARotation() throws Exception {
    String key = ApiKeyFormat.newKey(ApiKeyFormat.newId());
    ApiKeyHashes before = new ApiKeyHashes(new MasterKeyRing(oldKey, List.of()));
    String hashKeyId = before.primaryKeyId();
    String stored = before.hash(hashKeyId, key);
    assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(key.substring(37));

    ApiKeyHashes rotated = new ApiKeyHashes(new MasterKeyRing(newKey, List.of(oldKey)));
    assertThat(rotated.matches(hashKeyId, key, stored)).isTrue();
    String other = ApiKeyFormat.newKey(ApiKeyFormat.idOf(key).orElseThrow());
    assertThat(rotated.matches(hashKeyId, other, stored)).isFalse();
    assertThat(rotated.hash(rotated.primaryKeyId(), key)).isNotEqualTo(stored);

    ApiKeyHashes oldKeyDropped = new ApiKeyHashes(new MasterKeyRing(newKey, List.of()));
    assertThatThrownBy(() -> oldKeyDropped.matches(hashKeyId, key, stored))
        .isInstanceOf(KeyUnwrapException.class);
  }
}
