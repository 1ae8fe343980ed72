package io.vaultdrop.capsules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.AESEncrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.PasswordBasedEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.vaultdrop.crypto.DataKey;
import io.vaultdrop.crypto.MasterKey;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.storage.BlobId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapsuleTokensTest {

  private static final BlobId BLOB = BlobId.parse("0123456789abcdef0123456789abcdef");

  private final MasterKey master = MasterKey.generate();
  private final MasterKeyRing ring = new MasterKeyRing(master, List.of());
  private final CapsuleTokens tokens = new CapsuleTokens(ring);
  private final byte[] keyBytes = new byte[32];

  {
    new java.security.SecureRandom().nextBytes(keyBytes);
  }

  private String issue() {
    return tokens.issue(
        new CapsuleClaims(
            "../../etc/passwd\";<script>", BLOB, DataKey.fromSecretBytes(keyBytes), 1234, 99));
  }

  @Test
  void issue_thenOpen_returnsTheSameClaims() {
    CapsuleClaims claims = tokens.open(issue());

    assertThat(claims.name()).isEqualTo("../../etc/passwd\";<script>");
    assertThat(claims.blobId()).isEqualTo(BLOB);
    assertThat(claims.key().exportSecretBytes()).isEqualTo(keyBytes);
    assertThat(claims.size()).isEqualTo(1234);
    assertThat(claims.createdAt()).isEqualTo(99);
    assertThat(claims.toString()).doesNotContain(Base64.getUrlEncoder().encodeToString(keyBytes));
  }

  @Test
  void issue_isCompactJweWithA256kwA256gcmAndTheMasterKeyIdAsKid() throws Exception {
    String jwe = issue();

    assertThat(jwe.split("\\.", -1)).hasSize(5).allSatisfy(part -> assertThat(part).isNotEmpty());
    JWEHeader header = JWEObject.parse(jwe).getHeader();
    assertThat(header.getAlgorithm()).isEqualTo(JWEAlgorithm.A256KW);
    assertThat(header.getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
    assertThat(header.getKeyID()).isEqualTo(master.keyId());
    assertThat(header.getIncludedParams()).containsExactlyInAnyOrder("alg", "enc", "kid");
    assertThat(jwe).doesNotContain(BLOB.value());
  }

  @Test
  void open_flippedCharacterInAnyOfTheFiveParts_isInvalid() {
    String jwe = issue();
    String[] parts = jwe.split("\\.");
    for (int part = 0; part < 5; part++) {
      for (int position : new int[] {0, parts[part].length() / 2, parts[part].length() - 1}) {
        String[] copy = parts.clone();
        char[] chars = copy[part].toCharArray();
        chars[position] = chars[position] == 'A' ? 'B' : 'A';
        copy[part] = new String(chars);
        String tampered = String.join(".", copy);
        assertInvalid(tampered);
      }
    }
  }

  @Test
  void open_tokenFromAnotherServer_isInvalid() {
    CapsuleTokens other = new CapsuleTokens(new MasterKeyRing(MasterKey.generate(), List.of()));
    String foreign =
        other.issue(new CapsuleClaims("x", BLOB, DataKey.fromSecretBytes(keyBytes), 1, 1));

    assertInvalid(foreign);
  }

  @Test
  void open_afterRotation_stillOpensOldTokens_butNotOnceTheOldKeyIsDropped() throws Exception {
    String old = issue();
    MasterKey next = MasterKey.generate();
    CapsuleTokens rotated = new CapsuleTokens(new MasterKeyRing(next, List.of(master)));

    assertThat(rotated.open(old).key().exportSecretBytes()).isEqualTo(keyBytes);
    String fresh =
        rotated.issue(new CapsuleClaims("n", BLOB, DataKey.fromSecretBytes(keyBytes), 1, 1));
    assertThat(JWEObject.parse(fresh).getHeader().getKeyID()).isEqualTo(next.keyId());
    assertThat(rotated.open(fresh).blobId()).isEqualTo(BLOB);

    CapsuleTokens forgetful = new CapsuleTokens(new MasterKeyRing(next, List.of()));
    assertThatThrownBy(() -> forgetful.open(old)).isInstanceOf(InvalidCapsuleTokenException.class);
  }

  @Test
  void open_authenticButCompressed_isInvalid() throws Exception {
    JWEHeader header =
        new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM)
            .keyID(master.keyId())
            .compressionAlgorithm(CompressionAlgorithm.DEF)
            .build();
    assertInvalid(encryptWithServerKey(header, validPayload()));
  }

  @Test
  void open_authenticButWithEmbeddedJwkOrJkuOrExtraOrMissingHeader_isInvalid() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).generate();
    assertInvalid(
        encryptWithServerKey(
            new JWEHeader.Builder(serverHeader()).jwk(rsa.toPublicJWK()).build(), validPayload()));
    assertInvalid(
        encryptWithServerKey(
            new JWEHeader.Builder(serverHeader())
                .jwkURL(URI.create("https://attacker.example/keys"))
                .build(),
            validPayload()));
    assertInvalid(
        encryptWithServerKey(
            new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM)
                .keyID(master.keyId())
                .customParam("x", "y")
                .build(),
            validPayload()));
    assertInvalid(
        encryptWithServerKey(
            new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM).build(),
            validPayload()));
  }

  @Test
  void open_otherAlgorithmsOrEncryption_areInvalid() throws Exception {
    byte[] serverKey = ring.derivePrimarySubkey(CapsuleTokens.PURPOSE);
    JWEObject direct =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(master.keyId())
                .build(),
            new Payload(validPayload()));
    direct.encrypt(new DirectEncrypter(serverKey));
    assertInvalid(direct.serialize());

    JWEObject otherEnc =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256CBC_HS512)
                .keyID(master.keyId())
                .build(),
            new Payload(validPayload()));
    otherEnc.encrypt(new AESEncrypter(serverKey));
    assertInvalid(otherEnc.serialize());

    JWEObject pbes2 =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.PBES2_HS256_A128KW, EncryptionMethod.A256GCM)
                .keyID(master.keyId())
                .build(),
            new Payload(validPayload()));
    pbes2.encrypt(new PasswordBasedEncrypter("password", 16, 1000));
    assertInvalid(pbes2.serialize());

    RSAKey rsa = new RSAKeyGenerator(2048).generate();
    JWEObject rsaJwe =
        new JWEObject(
            new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID(master.keyId())
                .jwk(rsa.toPublicJWK())
                .build(),
            new Payload(validPayload()));
    rsaJwe.encrypt(new RSAEncrypter(rsa));
    assertInvalid(rsaJwe.serialize());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"alg\":\"none\",\"enc\":\"A256GCM\",\"kid\":\"%s\"}",
        "{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"kid\":\"%s\",\"p2s\":\"AAAAAAAAAAA\","
            + "\"p2c\":100000000}",
        "{\"alg\":\"A256KW\",\"enc\":\"A256GCM\",\"kid\":\"%s\",\"zip\":\"DEF\"}",
        "{\"alg\":\"A256KW\",\"enc\":\"A256GCM\",\"kid\":\"%s\",\"jku\":\"https://x.example/\"}",
        "{\"alg\":\"A256KW\",\"enc\":\"A256GCM\",\"kid\":\"%s\",\"crit\":[\"exp\"],\"exp\":1}",
        "{\"alg\":\"A128KW\",\"enc\":\"A256GCM\",\"kid\":\"%s\"}",
        "{\"alg\":\"A256KW\",\"enc\":\"A128GCM\",\"kid\":\"%s\"}",
        "{\"alg\":\"A256KW\",\"enc\":\"A256GCM\",\"kid\":\"../../%s\"}",
        "{\"alg\":\"A256KW\",\"enc\":\"A256GCM\"}",
        "[]",
        "not json"
      })
  void open_forgedHeaders_areInvalid(String headerTemplate) {
    String[] parts = issue().split("\\.");
    parts[0] = b64(headerTemplate.formatted(master.keyId()));
    assertInvalid(String.join(".", parts));
  }

  @Test
  void open_garbageOversizedOrEmpty_isInvalid() {
    String jwe = issue();
    String longPart =
        IntStream.range(0, CapsuleTokens.MAX_LENGTH).mapToObj(i -> "A").reduce("", String::concat);
    for (String bad :
        new String[] {
          null,
          "",
          ".....",
          "a.b.c.d.e",
          jwe + ".",
          jwe.substring(0, jwe.lastIndexOf('.')),
          jwe + "=",
          " " + jwe,
          jwe.replace('.', ' '),
          jwe.replaceFirst("\\.", "." + longPart),
          "eyJhbGciOiJub25lIn0.e30.",
          "\u0000\uffff"
        }) {
      assertInvalid(bad);
    }
  }

  @Test
  void open_authenticPayloadInAnotherShape_isInvalid() throws Exception {
    Map<String, Object> missingKey = new java.util.LinkedHashMap<>(validPayload());
    missingKey.remove("key");
    assertInvalid(encryptWithServerKey(serverHeader(), missingKey));

    Map<String, Object> shortKey = new java.util.LinkedHashMap<>(validPayload());
    shortKey.put("key", "AAAA");
    assertInvalid(encryptWithServerKey(serverHeader(), shortKey));

    Map<String, Object> badBlob = new java.util.LinkedHashMap<>(validPayload());
    badBlob.put("blob", "../../etc");
    assertInvalid(encryptWithServerKey(serverHeader(), badBlob));

    Map<String, Object> nextVersion = new java.util.LinkedHashMap<>(validPayload());
    nextVersion.put("v", 2);
    assertInvalid(encryptWithServerKey(serverHeader(), nextVersion));

    assertThat(tokens.open(encryptWithServerKey(serverHeader(), validPayload())).blobId())
        .isEqualTo(BLOB);
  }

  private JWEHeader serverHeader() {
    return new JWEHeader.Builder(JWEAlgorithm.A256KW, EncryptionMethod.A256GCM)
        .keyID(master.keyId())
        .build();
  }

  private Map<String, Object> validPayload() {
    return Map.of(
        "v",
        1,
        "name",
        "n",
        "blob",
        BLOB.value(),
        "key",
        Base64.getUrlEncoder().withoutPadding().encodeToString(keyBytes),
        "size",
        1,
        "iat",
        1);
  }

  private String encryptWithServerKey(JWEHeader header, Map<String, Object> payload)
      throws Exception {
    JWEObject jwe = new JWEObject(header, new Payload(payload));
    jwe.encrypt(new AESEncrypter(ring.derivePrimarySubkey(CapsuleTokens.PURPOSE)));
    return jwe.serialize();
  }

  private void assertInvalid(String token) {
    assertThatThrownBy(() -> tokens.open(token))
        .as("token %s", token == null ? null : token.substring(0, Math.min(80, token.length())))
        .isInstanceOf(InvalidCapsuleTokenException.class);
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
