package io.vaultdrop.accounts.apikeys.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.accounts.apikeys.ApiKeySweeper;
import io.vaultdrop.audit.AuditEvent;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.testsupport.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Personal API keys through the real server and HTTP: the lifecycle (create, use, last used,
 * revoke), scopes, expiry, input validation, the per-account limit, administrators, disabled
 * accounts, password reset and account deletion, what the table stores, and what the log never
 * shows. Security and vault code log at DEBUG here, so a key leaking into any message would show.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vaultdrop.scheduling.enabled=false",
      "logging.level.org.springframework.security=DEBUG",
      "logging.level.io.vaultdrop=DEBUG",
      "vaultdrop.test.context=api-keys-api"
    })
@Import(AccountsWebTestSupport.ClockConfig.class)
@ExtendWith(OutputCaptureExtension.class)
class ApiKeysApiTest extends AccountsWebTestSupport {

  private static final Pattern RESET_LINK =
      Pattern.compile("https?://[^\\s]+/password-reset/confirm\\?token=([A-Za-z0-9_-]+)");

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @Autowired AuditLog audit;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired MasterKeyRing ring;
  @Autowired ApiKeySweeper sweeper;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlers;

  private ApiKeysHttp http;

  private ApiKeysHttp http() {
    if (http == null) {
      http = new ApiKeysHttp(port);
    }
    return http;
  }

  @Test
  void lifecycle_create_upload_listShowsLastUse_revoke_then401(CapturedOutput output)
      throws Exception {
    String email = member();
    String jwt = http().jwt(email, PASSWORD);

    JsonNode created = http().createKey(jwt, "backup job", "[\"files:write\",\"files:read\"]");
    String key = created.get("key").asString();
    String id = created.get("id").asString();
    assertThat(key).startsWith("vdk_").hasSize(80).contains(id);
    assertThat(created.get("name").asString()).isEqualTo("backup job");
    assertThat(created.get("scopes").toString()).isEqualTo("[\"files:read\",\"files:write\"]");
    assertThat(Instant.parse(created.get("createdAt").asString())).isNotNull();
    assertThat(created.has("expiresAt")).isTrue();
    assertThat(created.get("expiresAt").isNull()).isTrue();
    assertThat(created.get("lastUsedAt").isNull()).isTrue();

    HttpResponse<String> upload = http().uploadToVault(key, "notes.txt", "written by a key");
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    HttpResponse<String> files = http().get("/api/v1/files", key);
    assertThat(files.statusCode()).isEqualTo(200);
    assertThat(files.body()).contains("notes.txt");
    // The key acts as its owner: the same file is in the owner's vault.
    assertThat(http().get("/api/v1/files", jwt).body()).contains("notes.txt");

    HttpResponse<String> list = http().get("/api/v1/api-keys", jwt);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode listed = ApiKeysHttp.json(list.body()).get(0);
    assertThat(listed.get("id").asString()).isEqualTo(id);
    assertThat(listed.has("key")).isFalse();
    assertThat(list.body()).doesNotContain(secretOf(key));
    Instant lastUsed = Instant.parse(listed.get("lastUsedAt").asString());
    assertThat(lastUsed).isAfterOrEqualTo(Instant.parse(created.get("createdAt").asString()));

    assertThat(http().send("DELETE", "/api/v1/api-keys/" + id, jwt, null).statusCode())
        .isEqualTo(204);
    HttpResponse<String> refused = http().get("/api/v1/files", key);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"vaultdrop\"");
    assertThat(ApiKeysHttp.json(refused.body()).get("code").asString()).isEqualTo("unauthorized");
    assertThat(http().send("DELETE", "/api/v1/api-keys/" + id, jwt, null).statusCode())
        .isEqualTo(404);
    // The JWT is untouched by all this.
    assertThat(http().get("/api/v1/files", jwt).statusCode()).isEqualTo(200);

    List<AuditEvent> events = audit.latest(200);
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(AuditEventType.API_KEY_CREATED);
              assertThat(e.detail()).contains(id).contains("files:read files:write");
            })
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(AuditEventType.API_KEY_REVOKED);
              assertThat(e.detail()).contains(id);
            })
        .noneSatisfy(e -> assertThat(String.valueOf(e.detail())).contains(secretOf(key)));

    assertThat(output.getAll()).contains("BearerTokenAuthenticationFilter");
    assertThat(output.getAll()).doesNotContain(key).doesNotContain(secretOf(key));
  }

  @Test
  void aKeyWithoutTheScope_is403InsufficientScope_withTheScopeItNeeds() throws Exception {
    String jwt = http().jwt(member(), PASSWORD);
    String readOnly = http().createKey(jwt, "reader", "[\"files:read\"]").get("key").asString();

    assertThat(http().get("/api/v1/files", readOnly).statusCode()).isEqualTo(200);
    HttpResponse<String> write = http().uploadToVault(readOnly, "x.txt", "x");
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = ApiKeysHttp.json(write.body());
    assertThat(problem.get("code").asString()).isEqualTo("insufficient_scope");
    assertThat(problem.get("scope").asString()).isEqualTo("files:write");
    assertThat(write.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer realm=\"vaultdrop\", error=\"insufficient_scope\", scope=\"files:write\"");

    // Other features' scopes: none held.
    assertThat(
            http().send("POST", "/api/v1/capsules/open", readOnly, "{\"jwe\":\"x\"}").statusCode())
        .isEqualTo(403);
    assertThat(http().get("/api/v1/shares", readOnly).statusCode()).isEqualTo(403);
    // Who am I needs no scope; public share look-ups ignore the caller.
    assertThat(http().get("/api/v1/me", readOnly).statusCode()).isEqualTo(200);
    assertThat(http().get("/api/v1/shares/unknown-token", readOnly).statusCode()).isEqualTo(404);

    // A key never manages keys, passwords or the account: those need the password.
    HttpResponse<String> makeKey =
        http()
            .send(
                "POST",
                "/api/v1/api-keys",
                readOnly,
                "{\"name\":\"n\",\"scopes\":[\"files:read\"]}");
    assertThat(makeKey.statusCode()).isEqualTo(403);
    assertThat(ApiKeysHttp.json(makeKey.body()).get("code").asString())
        .isEqualTo("insufficient_scope");
    assertThat(http().get("/api/v1/api-keys", readOnly).statusCode()).isEqualTo(403);
    assertThat(
            http()
                .send(
                    "POST",
                    "/api/v1/me/password",
                    readOnly,
                    "{\"currentPassword\":\""
                        + PASSWORD
                        + "\",\"newPassword\":\"another long one\"}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void withTheScope_theSameCallSucceeds_andScopesAddUp() throws Exception {
    String jwt = http().jwt(member(), PASSWORD);
    String writer =
        http().createKey(jwt, "writer", "[\"files:write\",\"shares:read\"]").get("key").asString();
    assertThat(http().uploadToVault(writer, "y.txt", "y").statusCode()).isEqualTo(201);
    assertThat(http().get("/api/v1/shares", writer).statusCode()).isEqualTo(200);
    // files:write alone does not read.
    assertThat(http().get("/api/v1/files", writer).statusCode()).isEqualTo(403);

    // Past the scope check the feature answers as usual: a malformed capsule is its own 400.
    String capsules = http().createKey(jwt, "capsules", "[\"capsules\"]").get("key").asString();
    HttpResponse<String> open =
        http().send("POST", "/api/v1/capsules/open", capsules, "{\"jwe\":\"x\"}");
    assertThat(open.statusCode()).isEqualTo(400);
    assertThat(ApiKeysHttp.json(open.body()).get("code").asString()).isEqualTo("invalid_token");
    // Scopes only narrow: a member's key with library:publish is still no operator.
    String publish =
        http().createKey(jwt, "publish", "[\"library:publish\"]").get("key").asString();
    HttpResponse<String> publishing = http().send("POST", "/api/v1/library", publish, "{}");
    assertThat(publishing.statusCode()).isEqualTo(403);
    assertThat(ApiKeysHttp.json(publishing.body()).get("code").asString()).isEqualTo("forbidden");
  }

  @Test
  void adminEndpoints_refuseEvenAnAdministratorsKey() throws Exception {
    String admin = uniqueEmail();
    accounts.createUser(admin, PASSWORD, Role.ADMIN, null, null);
    String jwt = http().jwt(admin, PASSWORD);
    String key =
        http()
            .createKey(
                jwt,
                "everything",
                "[\"shares:read\",\"shares:write\",\"files:read\",\"files:write\",\"tool\","
                    + "\"capsules\",\"library:read\",\"library:publish\",\"uploads\"]")
            .get("key")
            .asString();
    assertThat(http().get("/api/v1/admin/users", jwt).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = http().get("/api/v1/admin/users", key);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(ApiKeysHttp.json(refused.body()).get("code").asString())
        .isEqualTo("insufficient_scope");
    // A path nothing serves is a 404 with a key as without one, not a refusal.
    HttpResponse<String> unknown = http().get("/api/v1/no-such-endpoint", key);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(ApiKeysHttp.json(unknown.body()).get("code").asString()).isEqualTo("not_found");
  }

  @Test
  void anExpiredKey_is401_likeABadToken() throws Exception {
    String jwt = http().jwt(member(), PASSWORD);
    Instant expiry = clock.instant().plus(Duration.ofHours(1));
    HttpResponse<String> answer =
        http()
            .send(
                "POST",
                "/api/v1/api-keys",
                jwt,
                "{\"name\":\"short\",\"scopes\":[\"files:read\"],\"expiresAt\":\""
                    + expiry
                    + "\"}");
    assertThat(answer.statusCode()).isEqualTo(201);
    JsonNode created = ApiKeysHttp.json(answer.body());
    String key = created.get("key").asString();
    assertThat(Instant.parse(created.get("expiresAt").asString()))
        .isEqualTo(expiry.truncatedTo(ChronoUnit.MILLIS));
    assertThat(http().get("/api/v1/files", key).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofHours(1).plusSeconds(1));
    HttpResponse<String> expired = http().get("/api/v1/files", key);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void malformedUnknownAndTamperedKeys_are401() throws Exception {
    String jwt = http().jwt(member(), PASSWORD);
    String key = http().createKey(jwt, "real", "[\"files:read\"]").get("key").asString();
    char last = key.charAt(key.length() - 1);
    String tampered = key.substring(0, key.length() - 1) + (last == 'A' ? 'E' : 'A');
    String otherSecret = key.substring(0, 37) + "A".repeat(43);
    for (String bad :
        List.of(tampered, otherSecret, "vdk_", "vdk_" + "0".repeat(32) + "_" + "A".repeat(43))) {
      assertThat(http().get("/api/v1/files", bad).statusCode()).as(bad).isEqualTo(401);
    }
    assertThat(http().get("/api/v1/files", key).statusCode()).isEqualTo(200);
  }

  @Test
  void invalidRequests_are400_andTheAccountLimitIs409() throws Exception {
    String jwt = http().jwt(member(), PASSWORD);
    Instant now = clock.instant();
    for (String body :
        List.of(
            "{\"name\":\"\",\"scopes\":[\"files:read\"]}",
            "{\"name\":\"" + "n".repeat(101) + "\",\"scopes\":[\"files:read\"]}",
            "{\"name\":\"tab\\tname\",\"scopes\":[\"files:read\"]}",
            "{\"name\":\"n\",\"scopes\":[]}",
            "{\"name\":\"n\",\"scopes\":[\"admin\"]}",
            "{\"name\":\"n\"}",
            "{\"name\":\"n\",\"scopes\":[\"files:read\"],\"expiresAt\":\""
                + now.minusSeconds(1)
                + "\"}",
            "{\"name\":\"n\",\"scopes\":[\"files:read\"],\"expiresAt\":\""
                + now.plus(Duration.ofDays(367))
                + "\"}",
            "{\"name\":\"n\",\"scopes\":[\"files:read\"],\"expiresAt\":\"tomorrow\"}")) {
      HttpResponse<String> answer = http().send("POST", "/api/v1/api-keys", jwt, body);
      assertThat(answer.statusCode()).as(body).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
    }
    assertThat(http().get("/api/v1/api-keys", jwt).body()).isEqualTo("[]");

    for (int i = 0; i < 50; i++) {
      http().createKey(jwt, "key " + i, "[\"files:read\"]");
    }
    HttpResponse<String> tooMany =
        http()
            .send("POST", "/api/v1/api-keys", jwt, "{\"name\":\"one more\",\"scopes\":[\"tool\"]}");
    assertThat(tooMany.statusCode()).isEqualTo(409);
    assertThat(ApiKeysHttp.json(tooMany.body()).get("code").asString()).isEqualTo("api_key_limit");
  }

  @Test
  void expiredKeys_freeTheirPlaceInTheLimit_andAreDeleted30DaysAfterExpiry() throws Exception {
    String email = member();
    String jwt = http().jwt(email, PASSWORD);
    Instant expiry = clock.instant().plus(Duration.ofHours(1));
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> created =
          http()
              .send(
                  "POST",
                  "/api/v1/api-keys",
                  jwt,
                  "{\"name\":\"dated "
                      + i
                      + "\",\"scopes\":[\"files:read\"],\"expiresAt\":\""
                      + expiry
                      + "\"}");
      assertThat(created.statusCode()).isEqualTo(201);
    }
    String oneMore = "{\"name\":\"one more\",\"scopes\":[\"files:read\"]}";
    assertThat(http().send("POST", "/api/v1/api-keys", jwt, oneMore).statusCode()).isEqualTo(409);

    clock.advance(Duration.ofHours(1).plusSeconds(1));
    jwt = http().jwt(email, PASSWORD);
    assertThat(http().send("POST", "/api/v1/api-keys", jwt, oneMore).statusCode()).isEqualTo(201);
    assertThat(ApiKeysHttp.json(http().get("/api/v1/api-keys", jwt).body())).hasSize(51);

    sweeper.sweep();
    assertThat(ApiKeysHttp.json(http().get("/api/v1/api-keys", jwt).body()))
        .as("still listed as expired for 30 days")
        .hasSize(51);
    clock.advance(Duration.ofDays(30));
    sweeper.sweep();
    jwt = http().jwt(email, PASSWORD);
    JsonNode left = ApiKeysHttp.json(http().get("/api/v1/api-keys", jwt).body());
    assertThat(left).hasSize(1);
    assertThat(left.get(0).get("name").asString()).isEqualTo("one more");
  }

  @Test
  void concurrentCreates_neverPassTheLimitTogether() throws Exception {
    String jwt = http().jwt(member(), PASSWORD);
    for (int i = 0; i < 46; i++) {
      http().createKey(jwt, "key " + i, "[\"files:read\"]");
    }
    List<Integer> statuses;
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 10; i++) {
        answers.add(
            executor.submit(
                () ->
                    http()
                        .send(
                            "POST",
                            "/api/v1/api-keys",
                            jwt,
                            "{\"name\":\"racer\",\"scopes\":[\"tool\"]}")
                        .statusCode()));
      }
      statuses = new java.util.ArrayList<>();
      for (var answer : answers) {
        statuses.add(answer.get());
      }
    }
    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(4);
    assertThat(ApiKeysHttp.json(http().get("/api/v1/api-keys", jwt).body()).size()).isEqualTo(50);
  }

  @Test
  void lastUsed_isWrittenAtMostOnceAMinute() throws Exception {
    String jwt = http().jwt(member(), PASSWORD);
    JsonNode created = http().createKey(jwt, "busy", "[\"files:read\"]");
    String key = created.get("key").asString();
    String id = created.get("id").asString();

    http().get("/api/v1/files", key);
    Long first = lastUsed(id);
    assertThat(first).isNotNull();
    clock.advance(Duration.ofSeconds(30));
    http().get("/api/v1/files", key);
    assertThat(lastUsed(id)).isEqualTo(first);
    clock.advance(Duration.ofSeconds(31));
    http().get("/api/v1/files", key);
    assertThat(lastUsed(id)).isGreaterThan(first);
  }

  @Test
  void theTableHoldsAKeyedHash_neverTheKey() throws Exception {
    String jwt = http().jwt(member(), PASSWORD);
    JsonNode created = http().createKey(jwt, "stored", "[\"tool\"]");
    String key = created.get("key").asString();
    Map<String, Object> row =
        jdbc.sql("SELECT * FROM api_keys WHERE id = ?")
            .param(created.get("id").asString())
            .query()
            .singleRow();
    String everything = row.values().toString();
    assertThat(everything).doesNotContain(secretOf(key)).doesNotContain(key);
    assertThat(everything.toLowerCase()).doesNotContain(secretOf(key).toLowerCase());

    String hashKeyId = (String) value(row, "hash_key_id");
    assertThat(hashKeyId).isEqualTo(ring.primaryKeyId());
    byte[] subkey = ring.deriveSubkey(hashKeyId, "vaultdrop/api-key-hmac/v1");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(subkey, "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    assertThat(value(row, "key_hash")).isEqualTo(expected);
    assertThat(value(row, "scopes")).isEqualTo("tool");
  }

  @Test
  void administrators_listAndRevokeAnyKey_membersMayNot() throws Exception {
    String member = member();
    String memberJwt = http().jwt(member, PASSWORD);
    String memberId =
        ApiKeysHttp.json(http().get("/api/v1/me", memberJwt).body()).get("id").asString();
    JsonNode created = http().createKey(memberJwt, "ci", "[\"files:read\"]");
    String key = created.get("key").asString();
    String keyId = created.get("id").asString();
    String admin = uniqueEmail();
    accounts.createUser(admin, PASSWORD, Role.ADMIN, null, null);
    String adminJwt = http().jwt(admin, PASSWORD);
    String adminId =
        ApiKeysHttp.json(http().get("/api/v1/me", adminJwt).body()).get("id").asString();

    assertThat(http().get("/api/v1/admin/users/" + memberId + "/api-keys", memberJwt).statusCode())
        .isEqualTo(403);
    assertThat(
            http().send("DELETE", "/api/v1/admin/api-keys/" + keyId, memberJwt, null).statusCode())
        .isEqualTo(403);
    HttpResponse<String> list =
        http().get("/api/v1/admin/users/" + memberId + "/api-keys", adminJwt);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(keyId).contains("\"ci\"").doesNotContain(secretOf(key));
    assertThat(http().get("/api/v1/admin/users/no-such-user/api-keys", adminJwt).statusCode())
        .isEqualTo(404);

    assertThat(
            http().send("DELETE", "/api/v1/admin/api-keys/" + keyId, adminJwt, null).statusCode())
        .isEqualTo(204);
    assertThat(http().get("/api/v1/files", key).statusCode()).isEqualTo(401);
    assertThat(audit.latest(200))
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(AuditEventType.API_KEY_REVOKED_BY_ADMIN);
              assertThat(e.actor()).isEqualTo(adminId);
              assertThat(e.subject()).isEqualTo(member);
              assertThat(e.detail()).contains(keyId);
            });
  }

  @Test
  void disablingTheAccount_stopsItsKeys_enablingAgainRestoresThem() throws Exception {
    String email = member();
    String jwt = http().jwt(email, PASSWORD);
    String id = ApiKeysHttp.json(http().get("/api/v1/me", jwt).body()).get("id").asString();
    String key = http().createKey(jwt, "k", "[\"files:read\"]").get("key").asString();
    accounts.setEnabled(id, false, null, null);
    assertThat(http().get("/api/v1/files", key).statusCode()).isEqualTo(401);
    accounts.setEnabled(id, true, null, null);
    assertThat(http().get("/api/v1/files", key).statusCode()).isEqualTo(200);
  }

  @Test
  void passwordReset_endsEveryKeyOfTheAccount_otherAccountsKeep() throws Exception {
    String email = member();
    String jwt = http().jwt(email, PASSWORD);
    String key = http().createKey(jwt, "k1", "[\"files:read\"]").get("key").asString();
    String second = http().createKey(jwt, "k2", "[\"tool\"]").get("key").asString();
    String bystander =
        http()
            .createKey(http().jwt(member(), PASSWORD), "b", "[\"files:read\"]")
            .get("key")
            .asString();
    assertThat(http().get("/api/v1/files", key).statusCode()).isEqualTo(200);

    assertThat(
            http()
                .send("POST", "/api/v1/auth/password-reset", null, "{\"email\":\"" + email + "\"}")
                .statusCode())
        .isEqualTo(202);
    String token = awaitResetToken(email);
    assertThat(
            http()
                .send(
                    "POST",
                    "/api/v1/auth/password-reset/confirm",
                    null,
                    "{\"token\":\"" + token + "\",\"password\":\"a brand new passphrase\"}")
                .statusCode())
        .isEqualTo(200);

    assertThat(http().get("/api/v1/files", key).statusCode()).isEqualTo(401);
    assertThat(http().get("/api/v1/me", second).statusCode()).isEqualTo(401);
    assertThat(http().get("/api/v1/files", bystander).statusCode()).isEqualTo(200);
    String fresh = http().jwt(email, "a brand new passphrase");
    assertThat(http().get("/api/v1/api-keys", fresh).body()).isEqualTo("[]");
  }

  @Test
  void deletingTheAccount_deletesItsKeys() throws Exception {
    String email = member();
    String jwt = http().jwt(email, PASSWORD);
    String id = ApiKeysHttp.json(http().get("/api/v1/me", jwt).body()).get("id").asString();
    String key = http().createKey(jwt, "k", "[\"files:read\"]").get("key").asString();
    assertThat(
            http()
                .send("DELETE", "/api/v1/me", jwt, "{\"password\":\"" + PASSWORD + "\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(http().get("/api/v1/me", key).statusCode()).isEqualTo(401);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE user_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
  }

  /**
   * Every API endpoint is classified in {@link ApiKeyScopeRules}: open to keys with a scope, or one
   * of the families no key may use. A new endpoint fails here until someone decides its scope.
   */
  @Test
  void everyApiEndpoint_hasAScopeOrIsClosedToKeys() {
    List<String> closed =
        List.of("/api/v1/auth/", "/api/v1/admin/", "/api/v1/api-keys", "/api/v1/me");
    int checked = 0;
    for (RequestMappingInfo info : handlers.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/v1/")) {
          continue;
        }
        Set<RequestMethod> methods =
            info.getMethodsCondition().getMethods().isEmpty()
                ? Set.of(RequestMethod.GET, RequestMethod.POST)
                : info.getMethodsCondition().getMethods();
        for (RequestMethod method : methods) {
          String path = pattern.replaceAll("\\{[^}]+}", "x");
          boolean open =
              ApiKeyScopeRules.required(new MockHttpServletRequest(method.name(), path))
                  .isPresent();
          boolean isClosed = closed.stream().anyMatch(path::startsWith);
          if (method == RequestMethod.GET && path.equals("/api/v1/me")) {
            assertThat(open).as("GET /api/v1/me").isTrue();
          } else {
            assertThat(open)
                .as(method + " " + pattern + ": list it in ApiKeyScopeRules")
                .isNotEqualTo(isClosed);
          }
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
  }

  private String member() {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    return email;
  }

  private Long lastUsed(String id) {
    return jdbc.sql("SELECT last_used_at FROM api_keys WHERE id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  /** The 43-character random part of a key. */
  private static String secretOf(String key) {
    return key.substring(key.length() - 43);
  }

  /** A column of a row map, whatever case the database reports its name in. */
  private static Object value(Map<String, Object> row, String column) {
    return row.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(column))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static String awaitResetToken(String email) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      for (MimeMessage message : smtp.getReceivedMessagesForDomain(email)) {
        Matcher link = RESET_LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
        if (link.find()) {
          return link.group(1);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no reset mail for " + email);
  }
}
