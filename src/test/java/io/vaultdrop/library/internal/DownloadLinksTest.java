package io.vaultdrop.library.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.AESEncrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.library.internal.DownloadLinks.Grant;
import io.vaultdrop.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DownloadLinksTest {

  private final MasterKey master = MasterKey.generate();
  private final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T10:00:00Z"));
  private final DownloadLinks links =
      new DownloadLinks(new MasterKeyRing(master, List.of()), clock);
  private final Grant grant =
      new Grant(
          "0b7f6a64-5b1e-4a43-9d6f-4f7b8f2f6a11", 3, "user-1", clock.instant().plusSeconds(600));

  @Test
  void issuedToken_opensToItsGrant_untilItExpires() {
    String token = links.issue(grant);
    assertThat(token.split("\\.", -1)).hasSize(5);
    assertThat(links.open(token)).contains(grant);
    clock.advance(Duration.ofSeconds(599));
    assertThat(links.open(token)).contains(grant);
    clock.advance(Duration.ofSeconds(1));
    assertThat(links.open(token)).isEmpty();
  }

  @Test
  void tokensAreOpaqueAndUnique() {
    String first = links.issue(grant);
    String second = links.issue(grant);
    assertThat(first).isNotEqualTo(second);
    assertThat(first).doesNotContain("user-1").doesNotContain(grant.documentId());
  }

  @Test
  void everyModification_isRefused() {
    String token = links.issue(grant);
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        continue;
      }
      String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
      assertThat(links.open(changed)).as("position " + i).isEmpty();
    }
    assertThat(links.open(token + "A")).isEmpty();
    assertThat(links.open(token.substring(1))).isEmpty();
    assertThat(links.open(null)).isEmpty();
    assertThat(links.open("x".repeat(DownloadLinks.MAX_LENGTH + 1))).isEmpty();
  }

  @Test
  void anotherServersToken_isRefused() {
    DownloadLinks other =
        new DownloadLinks(new MasterKeyRing(MasterKey.generate(), List.of()), clock);
    assertThat(links.open(other.issue(grant))).isEmpty();
  }

  @Test
  void linksSurviveAMasterKeyRotation_whileTheOldKeyStaysInTheRing() {
    String before = links.issue(grant);
    MasterKey next = MasterKey.generate();
    DownloadLinks rotated = new DownloadLinks(new MasterKeyRing(next, List.of(master)), clock);
    assertThat(rotated.open(before)).contains(grant);
    DownloadLinks dropped = new DownloadLinks(new MasterKeyRing(next, List.of()), clock);
    assertThat(dropped.open(before)).isEmpty();
  }

  @Test
  void otherAlgorithmsHeadersOrPayloads_areRefused() throws Exception {
    byte[] key = new MasterKeyRing(master, List.of()).derivePrimarySubkey(DownloadLinks.PURPOSE);
    Map<String, Object> payload = payload();
    // The right key but a key-wrapping algorithm instead of dir.
    JWEObject wrapped =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM)
                .keyID(master.keyId())
                .build(),
            new Payload(payload));
    wrapped.encrypt(new AESEncrypter(key));
    assertThat(links.open(wrapped.serialize())).isEmpty();
    // An extra header parameter.
    assertThat(links.open(direct(key, header().contentType("x").build(), payload))).isEmpty();
    // Another enc.
    assertThat(
            links.open(
                direct(
                    new MasterKeyRing(master, List.of()).derivePrimarySubkey(DownloadLinks.PURPOSE),
                    new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A128CBC_HS256)
                        .keyID(master.keyId())
                        .build(),
                    payload)))
        .isEmpty();
    // The right header and key, but payloads that are not exactly a grant.
    Map<String, Object> extra = payload();
    extra.put("admin", true);
    Map<String, Object> missing = payload();
    missing.remove("jti");
    Map<String, Object> badRevision = payload();
    badRevision.put("rev", 0);
    Map<String, Object> badType = payload();
    badType.put("sub", 42);
    for (Map<String, Object> bad : List.of(extra, missing, badRevision, badType)) {
      assertThat(links.open(direct(key, header().build(), bad))).as(bad.toString()).isEmpty();
    }
    // And the well-formed one opens: the cases above fail for their difference only.
    assertThat(links.open(direct(key, header().build(), payload()))).contains(grant);
  }

  private JWEHeader.Builder header() {
    return new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(master.keyId());
  }

  private Map<String, Object> payload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("v", 1);
    payload.put("doc", grant.documentId());
    payload.put("rev", grant.revision());
    payload.put("sub", grant.userId());
    payload.put("exp", grant.expires().getEpochSecond());
    payload.put("jti", "AAAAAAAAAAAAAAAAAAAAAA");
    return payload;
  }

  private static String direct(byte[] key, JWEHeader header, Map<String, Object> payload)
      throws Exception {
    JWEObject jwe = new JWEObject(header, new Payload(payload));
    byte[] sized = key;
    if (header.getEncryptionMethod().cekBitLength() != key.length * 8) {
      sized = java.util.Arrays.copyOf(key, header.getEncryptionMethod().cekBitLength() / 8);
    }
    jwe.encrypt(new DirectEncrypter(new SecretKeySpec(sized, "AES")));
    return jwe.serialize();
  }
}
