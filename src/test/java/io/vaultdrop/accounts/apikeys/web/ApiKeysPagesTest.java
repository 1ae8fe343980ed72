package io.vaultdrop.accounts.apikeys.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.FormLogin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The API keys pages over real HTTP, as a browser without JavaScript uses them: plain forms with
 * CSRF tokens. The key appears once, in the answer to the create form; it works against the API;
 * revoking from the page ends it; an administrator sees and revokes a user's keys.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vaultdrop.scheduling.enabled=false", "vaultdrop.test.context=api-keys-pages"})
@Import(AccountsWebTestSupport.ClockConfig.class)
class ApiKeysPagesTest extends AccountsWebTestSupport {

  private static final Pattern KEY_VALUE = Pattern.compile("value=\"(vdk_[A-Za-z0-9_-]{76})\"");
  private static final Pattern REVOKE =
      Pattern.compile("action=\"(/[^\"]*api-keys/[0-9a-f]{32}/revoke)\"");

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void createShowsTheKeyOnce_itWorks_listShowsIt_revokeEndsIt() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    String session = FormLogin.post(client, base(), email, PASSWORD).session();

    HttpResponse<String> account = page("/account", session);
    assertThat(account.body()).contains("href=\"/account/api-keys\"");
    HttpResponse<String> empty = page("/account/api-keys", session);
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body())
        .contains("You have no API keys.")
        .contains("value=\"files:read\"")
        .contains("value=\"shares:write\"")
        .contains("value=\"tool\"");

    HttpResponse<String> created =
        form(
            "/account/api-keys",
            session,
            "name=nightly+backup&scopes=files%3Aread&scopes=files%3Awrite&expiresInDays=30&_csrf="
                + enc(FormLogin.csrfToken(empty.body())));
    assertThat(created.statusCode()).isEqualTo(200);
    Matcher shown = KEY_VALUE.matcher(created.body());
    assertThat(shown.find()).as("the new key is on the page").isTrue();
    String key = shown.group(1);
    assertThat(created.body()).contains("data-copy-target=\"new-api-key\"");
    assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

    HttpResponse<String> api =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/files"))
                .header("Authorization", "Bearer " + key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(200);

    HttpResponse<String> listed = page("/account/api-keys", session);
    assertThat(listed.body())
        .contains("nightly backup")
        .contains("files:read, files:write")
        .contains("class=\"table row-cards\"")
        .contains("data-label=\"Last used\"")
        .contains("data-confirm=")
        .doesNotContain(key)
        .doesNotContain(key.substring(37));
    Matcher revoke = REVOKE.matcher(listed.body());
    assertThat(revoke.find()).isTrue();

    HttpResponse<String> revoked =
        form(revoke.group(1), session, "_csrf=" + enc(FormLogin.csrfToken(listed.body())));
    assertThat(revoked.statusCode()).isEqualTo(302);
    assertThat(page("/account/api-keys", session).body())
        .contains("The key was revoked")
        .doesNotContain("nightly backup");
    HttpResponse<String> after =
        client.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/files"))
                .header("Authorization", "Bearer " + key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void aRefusedForm_saysWhy_andCreatesNothing() throws Exception {
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    String session = FormLogin.post(client, base(), email, PASSWORD).session();
    String csrf = FormLogin.csrfToken(page("/account/api-keys", session).body());

    HttpResponse<String> noScope = form("/account/api-keys", session, "name=n&_csrf=" + enc(csrf));
    assertThat(noScope.body()).contains("Choose at least one scope.");
    HttpResponse<String> oddExpiry =
        form(
            "/account/api-keys",
            session,
            "name=n&scopes=tool&expiresInDays=9999&_csrf=" + enc(csrf));
    assertThat(oddExpiry.body()).contains("Choose one of the offered expiries.");
    assertThat(KEY_VALUE.matcher(oddExpiry.body()).find()).isFalse();
    assertThat(page("/account/api-keys", session).body()).contains("You have no API keys.");
  }

  @Test
  void anAdministrator_seesAndRevokesAUsersKeys_inUzbekToo() throws Exception {
    String member = uniqueEmail();
    String memberId = accounts.createUser(member, PASSWORD, Role.MEMBER, null, null).id();
    String memberSession = FormLogin.post(client, base(), member, PASSWORD).session();
    String csrf = FormLogin.csrfToken(page("/account/api-keys", memberSession).body());
    form("/account/api-keys", memberSession, "name=deploy&scopes=uploads&_csrf=" + enc(csrf));
    assertThat(page("/admin/users/" + memberId + "/api-keys", memberSession).statusCode())
        .isEqualTo(403);

    String admin = uniqueEmail();
    accounts.createUser(admin, PASSWORD, Role.ADMIN, null, null);
    String session = FormLogin.post(client, base(), admin, PASSWORD).session();
    assertThat(page("/admin/users", session).body())
        .contains("href=\"/admin/users/" + memberId + "/api-keys\"");
    HttpResponse<String> keys = page("/admin/users/" + memberId + "/api-keys", session);
    assertThat(keys.statusCode()).isEqualTo(200);
    assertThat(keys.body())
        .contains("API keys of " + member)
        .contains("deploy")
        .contains("uploads");
    assertThat(page("/admin/users/" + memberId + "/api-keys?lang=uz", session).body())
        .contains(member + " ning API kalitlari")
        .contains("Bekor qilish");

    Matcher revoke = REVOKE.matcher(keys.body());
    assertThat(revoke.find()).isTrue();
    HttpResponse<String> revoked =
        form(revoke.group(1), session, "_csrf=" + enc(FormLogin.csrfToken(keys.body())));
    assertThat(revoked.statusCode()).isEqualTo(302);
    assertThat(revoked.headers().firstValue("Location").orElseThrow())
        .endsWith("/admin/users/" + memberId + "/api-keys");
    assertThat(page("/admin/users/" + memberId + "/api-keys", session).body())
        .doesNotContain("deploy");
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private HttpResponse<String> page(String path, String session) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Cookie", "vaultdrop_session=" + session)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> form(String path, String session, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Cookie", "vaultdrop_session=" + session)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
