package io.vaultdrop.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.testsupport.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Byte ranges of a vault file stored on S3 (s3proxy): the same exact slices as on disk. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vaultdrop.scheduling.enabled=false")
class VaultRangeS3Test extends AccountsWebTestSupport {

  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) {
    S3.register(registry);
  }

  @LocalServerPort int port;
  @Autowired AccountService accounts;

  @Test
  void rangesOfAFileOnS3_areExactSlices() throws Exception {
    VaultHttp http = new VaultHttp(port);
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    String token = http.token(email, PASSWORD);
    byte[] content = VaultApiTest.random(300_000);
    HttpResponse<String> created = http.upload(token, "s3.bin", content);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String path = "/api/v1/files/" + VaultHttp.json(created.body()).get("id").asString();
    HttpClient client = HttpClient.newHttpClient();
    String etag = http.bytes(path + "/content", token).headers().firstValue("ETag").orElseThrow();

    long[][] ranges = {{0, 9}, {65_470, 65_490}, {131_000, 299_999}, {299_999, 299_999}};
    for (long[] r : ranges) {
      HttpResponse<byte[]> part =
          client.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "/content"))
                  .header("Authorization", "Bearer " + token)
                  .header("Range", "bytes=" + r[0] + "-" + r[1])
                  .header("If-Range", etag)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, (int) r[0], (int) r[1] + 1));
      assertThat(part.headers().firstValue("Content-Range"))
          .hasValue("bytes " + r[0] + "-" + r[1] + "/300000");
    }
  }
}
