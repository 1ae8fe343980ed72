package io.vaultdrop.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vaultdrop.crypto.MasterKeyRing;
import io.vaultdrop.testsupport.FormLogin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP calls to the library: as a bearer token, as a browser session (the login form), or
 * anonymously. A {@link Caller} carries one of them.
 */
final class LibraryHttp {

  static final String BOUNDARY = "library-test-boundary-7f3a";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  LibraryHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Who calls: a bearer token, a session cookie, or nobody. */
  record Caller(String bearer, String session) {
    static final Caller ANONYMOUS = new Caller(null, null);

    static Caller bearer(String token) {
      return new Caller(token, null);
    }

    static Caller session(String cookie) {
      return new Caller(null, cookie);
    }

    HttpRequest.Builder apply(HttpRequest.Builder request) {
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      if (session != null) {
        request.header("Cookie", "vaultdrop_session=" + session);
      }
      return request;
    }

    @Override
    public String toString() {
      return bearer != null ? "bearer" : session != null ? "session" : "anonymous";
    }
  }

  Caller bearer(String email, String password) throws Exception {
    HttpResponse<String> response =
        send(
            request("/api/v1/auth/token")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")),
            Caller.ANONYMOUS);
    assertThat(response.statusCode()).as("token for " + email).isEqualTo(200);
    return Caller.bearer(json(response.body()).get("accessToken").asString());
  }

  /** Signs in with the login form and returns the session. */
  Caller session(String email, String password) throws Exception {
    FormLogin.Result login = FormLogin.post(client, base, email, password);
    assertThat(login.response().statusCode()).isEqualTo(302);
    assertThat(login.response().headers().firstValue("Location").orElseThrow()).endsWith("/vault");
    return Caller.session(login.session());
  }

  /**
   * A valid API token for an account whatever its state, signed like the server's own: the login
   * refuses unverified addresses, so this is the only way to show what the library does when an
   * unverified account does get a request through.
   */
  static Caller mintedBearer(MasterKeyRing ring, JdbcClient jdbc, String userId, Clock clock)
      throws Exception {
    long credentials =
        jdbc.sql("SELECT credentials_changed_at FROM users WHERE id = ?")
            .param(userId)
            .query(Long.class)
            .single();
    byte[] key = ring.derivePrimarySubkey("vaultdrop/api-token-hs256/v1");
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("vaultdrop")
            .audience("vaultdrop-api")
            .subject(userId)
            .issueTime(Date.from(clock.instant()))
            .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(15))))
            .jwtID(UUID.randomUUID().toString())
            .claim("cv", credentials)
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new MACSigner(key));
    return Caller.bearer(jwt.serialize());
  }

  HttpResponse<String> upload(
      String method, String path, Caller caller, String fileName, byte[] content) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(multipart(fileName, content))),
        caller);
  }

  HttpResponse<String> call(String method, String path, Caller caller) throws Exception {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()), caller);
  }

  HttpResponse<byte[]> get(String pathOrUrl, Caller caller) throws Exception {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
    return client.send(
        caller.apply(HttpRequest.newBuilder(URI.create(url)).GET()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  static byte[] multipart(String fileName, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, Caller caller) throws Exception {
    return client.send(caller.apply(request).build(), HttpResponse.BodyHandlers.ofString());
  }
}
