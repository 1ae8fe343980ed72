package io.vaultdrop.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.audit.AuditEvent;
import io.vaultdrop.audit.AuditEventType;
import io.vaultdrop.audit.AuditLog;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.testsupport.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The accounts API as a client sees it: contract, token forgery, throttling, roles. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(AccountsWebTestSupport.ClockConfig.class)
class AccountApiSecurityTest extends AccountsWebTestSupport {

  @Autowired MockMvc mvc;
  @Autowired AccountService accounts;
  @Autowired MutableClock clock;
  @Autowired JsonMapper json;
  @Autowired MasterKeyRing keys;
  @Autowired AuditLog audit;

  @Test
  void register_verify_token_me_followTheContract() throws Exception {
    String email = uniqueEmail();
    mvc.perform(
            jsonPost("/api/v1/auth/register")
                .content(
                    "{\"email\":\""
                        + email
                        + "\",\"password\":\""
                        + PASSWORD
                        + "\",\"role\":\"ADMIN\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.email").value(email))
        .andExpect(jsonPath("$.role").value("MEMBER"))
        .andExpect(jsonPath("$.emailVerified").value(false))
        .andExpect(jsonPath("$.id").isString());

    mvc.perform(jsonPost("/api/v1/auth/token").content(credentials(email, PASSWORD)))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("email_not_verified"));

    String token = verificationToken(email);
    mvc.perform(jsonPost("/api/v1/auth/verify-email").content("{\"token\":\"" + token + "\"}"))
        .andExpect(status().isOk());
    mvc.perform(jsonPost("/api/v1/auth/verify-email").content("{\"token\":\"" + token + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("invalid_token"));

    String bearer = bearer(email, PASSWORD);
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + bearer))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.email").value(email))
        .andExpect(jsonPath("$.role").value("MEMBER"))
        .andExpect(jsonPath("$.emailVerified").value(true));
  }

  @Test
  void register_weakPasswordOrTakenAddress_answersContractCodes() throws Exception {
    mvc.perform(jsonPost("/api/v1/auth/register").content(credentials(uniqueEmail(), "short")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("weak_password"));
    String email = verifiedMember();
    mvc.perform(jsonPost("/api/v1/auth/register").content(credentials(email, PASSWORD)))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("email_taken"));
  }

  @Test
  void token_wrongPasswordAndUnknownAddress_lookTheSame() throws Exception {
    String email = verifiedMember();
    String wrong =
        mvc.perform(jsonPost("/api/v1/auth/token").content(credentials(email, "not the password")))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.code").value("invalid_credentials"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String unknown =
        mvc.perform(
                jsonPost("/api/v1/auth/token").content(credentials(uniqueEmail(), "whatever pass")))
            .andExpect(status().isUnauthorized())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(withoutCorrelation(unknown)).isEqualTo(withoutCorrelation(wrong));
  }

  @Test
  void token_repeatedFailures_areThrottledWithRetryAfter() throws Exception {
    String email = verifiedMember();
    for (int i = 0; i < 5; i++) {
      mvc.perform(jsonPost("/api/v1/auth/token").content(credentials(email, "wrong password " + i)))
          .andExpect(status().isUnauthorized());
    }
    mvc.perform(jsonPost("/api/v1/auth/token").content(credentials(email, PASSWORD)))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.code").value("rate_limited"));
  }

  /**
   * Password spraying: one address, a different e-mail each time, so no account budget runs out;
   * the address budget must. Failures and the refusal are audited.
   */
  @Test
  void token_sprayingFromOneAddress_isThrottledAndAudited() throws Exception {
    String sprayer = "203.0.113." + (10 + new SecureRandom().nextInt(200));
    for (int i = 0; i < 30; i++) {
      mvc.perform(
              jsonPost("/api/v1/auth/token")
                  .with(from(sprayer))
                  .content(credentials(uniqueEmail(), "Summer2026!spray")))
          .andExpect(status().isUnauthorized());
    }
    mvc.perform(
            jsonPost("/api/v1/auth/token")
                .with(from(sprayer))
                .content(credentials(uniqueEmail(), "Summer2026!spray")))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"));

    List<AuditEvent> events =
        audit.latest(1000).stream().filter(e -> sprayer.equals(e.clientAddress())).toList();
    assertThat(events).filteredOn(e -> e.type() == AuditEventType.LOGIN_FAILED).hasSize(30);
    assertThat(events).filteredOn(e -> e.type() == AuditEventType.LOGIN_THROTTLED).hasSize(1);
    assertThat(events).allSatisfy(e -> assertThat(e.detail()).isEqualTo("api"));
  }

  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  @Test
  void token_parallelBurstOfGuesses_getsNoMoreThanTheBudget() throws Exception {
    String email = verifiedMember();
    java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 20; i++) {
        String guess = "parallel guess " + i;
        answers.add(
            pool.submit(
                () ->
                    mvc.perform(jsonPost("/api/v1/auth/token").content(credentials(email, guess)))
                        .andReturn()
                        .getResponse()
                        .getStatus()));
      }
    }
    long checked = 0;
    for (var answer : answers) {
      int status = answer.get();
      assertThat(status).isIn(401, 429);
      checked += status == 401 ? 1 : 0;
    }
    assertThat(checked).as("password checks actually made").isLessThanOrEqualTo(5);
  }

  @Test
  void bearer_forgedOrStaleTokens_areRefused() throws Exception {
    String email = verifiedMember();
    String valid = bearer(email, PASSWORD);
    String userId =
        accounts.list().stream()
            .filter(a -> a.email().equals(email))
            .findFirst()
            .orElseThrow()
            .id();
    String[] parts = valid.split("\\.");

    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("vaultdrop")
            .audience("vaultdrop-api")
            .subject(userId)
            .issueTime(new Date())
            .expirationTime(new Date(System.currentTimeMillis() + 600_000))
            .claim("cv", 0L)
            .build();
    String none = new PlainJWT(claims).serialize();
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    SignedJWT foreign =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    foreign.sign(new MACSigner(otherKey));
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"sub\":\"", "\"sub\":\"x");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
            + "."
            + parts[2];
    for (String forged : new String[] {none, foreign.serialize(), tampered, "garbage"}) {
      mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + forged))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    clock.advance(Duration.ofMinutes(16));
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + valid))
        .andExpect(status().isUnauthorized());
  }

  /**
   * Tokens signed with the server's real key that differ from what the server issues in one header
   * or claim each: only the genuine shape is accepted. The first, genuine one proves the test signs
   * correctly, so every refusal is down to the one difference.
   */
  @Test
  void bearer_signedWithTheRealKey_butNotAsIssued_areRefused() throws Exception {
    String email = verifiedMember();
    byte[] key = keys.derivePrimarySubkey("vaultdrop/api-token-hs256/v1");
    JWTClaimsSet.Builder genuine =
        new JWTClaimsSet.Builder(SignedJWT.parse(bearer(email, PASSWORD)).getJWTClaimsSet());
    JWSHeader jwt = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + sign(jwt, genuine, key)))
        .andExpect(status().isOk());

    JWSHeader accessTokenType =
        new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build();
    JWSHeader noType = new JWSHeader.Builder(JWSAlgorithm.HS256).build();
    String[] forged = {
      sign(accessTokenType, genuine, key),
      sign(noType, genuine, key),
      sign(jwt, copy(genuine).audience("another-service"), key),
      sign(jwt, copy(genuine).audience((String) null), key),
      sign(jwt, copy(genuine).issuer("someone-else"), key),
      sign(jwt, copy(genuine).expirationTime(null), key),
      sign(jwt, copy(genuine).claim("cv", null), key),
    };
    for (String token : forged) {
      mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
          .andExpect(status().isUnauthorized());
    }
  }

  /** A {@code jku} header naming an attacker's key set is never fetched nor trusted. */
  @Test
  void bearer_withJkuPointingAtTheAttackersKeys_isRefusedWithoutFetchingThem() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    HttpServer keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] attackerKey = new byte[32];
    new SecureRandom().nextBytes(attackerKey);
    String jwks =
        "{\"keys\":[{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(attackerKey)
            + "\"}]}";
    keyServer.createContext(
        "/",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body = jwks.getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    keyServer.start();
    try {
      String email = verifiedMember();
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.HS256)
              .type(JOSEObjectType.JWT)
              .jwkURL(URI.create("http://127.0.0.1:" + keyServer.getAddress().getPort() + "/"))
              .build();
      JWTClaimsSet.Builder claims =
          new JWTClaimsSet.Builder(SignedJWT.parse(bearer(email, PASSWORD)).getJWTClaimsSet());

      mvc.perform(
              get("/api/v1/me")
                  .header("Authorization", "Bearer " + sign(header, claims, attackerKey)))
          .andExpect(status().isUnauthorized());
      assertThat(fetches).hasValue(0);
    } finally {
      keyServer.stop(0);
    }
  }

  private static String sign(JWSHeader header, JWTClaimsSet.Builder claims, byte[] key)
      throws Exception {
    SignedJWT token = new SignedJWT(header, claims.build());
    token.sign(new MACSigner(key));
    return token.serialize();
  }

  private static JWTClaimsSet.Builder copy(JWTClaimsSet.Builder claims) {
    return new JWTClaimsSet.Builder(claims.build());
  }

  @Test
  void passwordChange_voidsEarlierTokens() throws Exception {
    String email = verifiedMember();
    String before = bearer(email, PASSWORD);

    mvc.perform(
            jsonPost("/api/v1/me/password")
                .header("Authorization", "Bearer " + before)
                .content(
                    "{\"currentPassword\":\""
                        + PASSWORD
                        + "\",\"newPassword\":\"another good passphrase\"}"))
        .andExpect(status().isNoContent());

    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + before))
        .andExpect(status().isUnauthorized());
    String after = bearer(email, "another good passphrase");
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + after))
        .andExpect(status().isOk());
  }

  @Test
  void adminEndpoints_refuseMembersOperatorsAndAnonymous() throws Exception {
    String member = bearer(verifiedMember(), PASSWORD);
    String operator = bearer(userWithRole(Role.OPERATOR), PASSWORD);
    String admin = bearer(userWithRole(Role.ADMIN), PASSWORD);
    for (MockHttpServletRequestBuilder call : adminCalls()) {
      mvc.perform(call).andExpect(status().isUnauthorized());
    }
    for (String bearer : new String[] {member, operator}) {
      for (MockHttpServletRequestBuilder call : adminCalls()) {
        mvc.perform(call.header("Authorization", "Bearer " + bearer))
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.code").value("forbidden"));
      }
    }
    mvc.perform(get("/api/v1/admin/users").header("Authorization", "Bearer " + admin))
        .andExpect(status().isOk());
  }

  @Test
  void adminCreatesUsersAlreadyVerifiedWithTheChosenRole() throws Exception {
    String admin = bearer(userWithRole(Role.ADMIN), PASSWORD);
    String email = uniqueEmail();

    mvc.perform(
            jsonPost("/api/v1/admin/users")
                .header("Authorization", "Bearer " + admin)
                .content(
                    "{\"email\":\""
                        + email
                        + "\",\"password\":\""
                        + PASSWORD
                        + "\",\"role\":\"OPERATOR\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.role").value("OPERATOR"))
        .andExpect(jsonPath("$.emailVerified").value(true));
    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + bearer(email, PASSWORD)))
        .andExpect(jsonPath("$.role").value("OPERATOR"));
  }

  private static MockHttpServletRequestBuilder[] adminCalls() {
    return new MockHttpServletRequestBuilder[] {
      get("/api/v1/admin/users"),
      jsonPost("/api/v1/admin/users")
          .content("{\"email\":\"x@y.io\",\"password\":\"" + PASSWORD + "\",\"role\":\"ADMIN\"}"),
      patch("/api/v1/admin/users/some-id")
          .contentType(MediaType.APPLICATION_JSON)
          .content("{\"role\":\"ADMIN\"}"),
      delete("/api/v1/admin/users/some-id"),
      get("/api/v1/admin/audit")
    };
  }

  @Test
  void auditLimitOutOfRange_isA400Problem_notAServerError() throws Exception {
    String admin = bearer(userWithRole(Role.ADMIN), PASSWORD);
    for (String limit : new String[] {"0", "-1", "1001", "many"}) {
      mvc.perform(
              get("/api/v1/admin/audit")
                  .param("limit", limit)
                  .header("Authorization", "Bearer " + admin))
          .andExpect(status().isBadRequest())
          .andExpect(header().string("Content-Type", "application/problem+json"))
          .andExpect(jsonPath("$.status").value(400));
    }
    mvc.perform(
            get("/api/v1/admin/audit")
                .param("limit", "1000")
                .header("Authorization", "Bearer " + admin))
        .andExpect(status().isOk());
  }

  private String verifiedMember() {
    return userWithRole(Role.MEMBER);
  }

  private String userWithRole(Role role) {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, role, null, null);
    return email;
  }

  private String bearer(String email, String password) throws Exception {
    String body =
        mvc.perform(jsonPost("/api/v1/auth/token").content(credentials(email, password)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.tokenType").value("Bearer"))
            .andExpect(jsonPath("$.expiresIn").value(900))
            .andReturn()
            .getResponse()
            .getContentAsString();
    JsonNode node = json.readTree(body);
    return node.get("accessToken").asString();
  }

  private static MockHttpServletRequestBuilder jsonPost(String path) {
    return post(path).contentType(MediaType.APPLICATION_JSON);
  }

  private static String credentials(String email, String password) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }

  private static String withoutCorrelation(String problem) {
    return problem.replaceAll("\"correlationId\":\"[^\"]*\",?", "");
  }
}
