package io.vaultdrop.capsules.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.storage.BlobId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Arbitrary strings given as capsule tokens may only end in {@link InvalidCapsuleTokenException}
 * (or, for the one genuine token, open): any other exception, or a hang, is a bug. The first choice
 * picks the mode: a raw string, a genuine token with one part replaced, or a genuine token under a
 * fuzzed protected header (so the fuzzer reaches Nimbus's header parser). Runs its seed corpus in
 * every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class CapsuleTokensFuzzTest {

  private static final MasterKeyRing RING =
      new MasterKeyRing(MasterKey.fromSecretBytes(new byte[32]), List.of());
  private static final CapsuleTokens TOKENS = new CapsuleTokens(RING);
  private static final String[] GENUINE =
      TOKENS
          .issue(
              new CapsuleClaims(
                  "fuzz.txt",
                  BlobId.parse("00000000000000000000000000000000"),
                  DataKey.fromSecretBytes(new byte[32]),
                  0,
                  0))
          .split("\\.");

  @FuzzTest(maxDuration = "30s")
  void open_arbitraryStrings_failOnlyAsInvalidToken(FuzzedDataProvider data) {
    int mode = data.consumeInt(0, 2);
    String token;
    if (mode == 0) {
      token = data.consumeRemainingAsString();
    } else if (mode == 1) {
      String[] parts = GENUINE.clone();
      parts[data.consumeInt(0, 4)] = data.consumeRemainingAsString();
      token = String.join(".", parts);
    } else {
      String[] parts = GENUINE.clone();
      parts[0] =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8));
      token = String.join(".", parts);
    }
    try {
      TOKENS.open(token).key().destroy();
    } catch (InvalidCapsuleTokenException expected) {
      // The only acceptable failure.
    }
  }
}
