package io.vaultdrop.tool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.vaultdrop.accounts.AccountService;
import io.vaultdrop.accounts.AccountsWebTestSupport;
import io.vaultdrop.accounts.Role;
import io.vaultdrop.tool.ToolHttp.Multipart;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The tool and the real {@code age} CLI ({@code /usr/bin/age}) in both directions. Without it the
 * tests are skipped with a message, unless {@code CI=true}, where they fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ToolAgeInteropTest extends AccountsWebTestSupport {

  private static final Path AGE = Path.of("/usr/bin/age");
  private static final Path AGE_KEYGEN = Path.of("/usr/bin/age-keygen");

  @LocalServerPort int port;
  @Autowired AccountService accounts;
  @TempDir Path dir;

  ToolHttp http;
  String token;

  @BeforeAll
  static void requireAgeCli() {
    boolean present = Files.isExecutable(AGE) && Files.isExecutable(AGE_KEYGEN);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("the age CLI (/usr/bin/age, /usr/bin/age-keygen) must be installed when CI=true");
    }
    Assumptions.assumeTrue(
        present, "age CLI not installed: skipping tool interop tests (apt install age)");
  }

  @BeforeEach
  void user() throws Exception {
    http = new ToolHttp(port);
    String email = uniqueEmail();
    accounts.createUser(email, PASSWORD, Role.MEMBER, null, null);
    token = http.token(email, PASSWORD);
  }

  @Test
  void portableChaChaJob_opensWithTheAgeCli() throws Exception {
    byte[] original = ToolApiTest.content("age cli reads vaultdrop");
    HttpResponse<String> created =
        http.post(
            "/api/v1/encryptions",
            token,
            new Multipart()
                .field("algorithm", "CHACHA20_POLY1305")
                .field("keyMode", "PORTABLE")
                .file("file", "notes.txt", original));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode job = ToolHttp.json(created.body());
    Path enc = dir.resolve("notes.txt.enc");
    Path key = dir.resolve("notes.txt.key");
    Files.write(enc, http.get(job.get("encUrl").asString(), token).body());
    Files.write(key, http.get(job.get("keyUrl").asString(), token).body());
    assertThat(Files.readString(key))
        .startsWith("# created: ")
        .contains("# public key: age1")
        .contains("AGE-SECRET-KEY-1");
    Path out = dir.resolve("notes.txt");

    run(AGE.toString(), "-d", "-i", key.toString(), "-o", out.toString(), enc.toString());

    assertThat(Files.readAllBytes(out)).isEqualTo(original);
  }

  @Test
  void fileMadeByAgeCli_decryptsThroughTheApi() throws Exception {
    Path key = dir.resolve("key.txt");
    run(AGE_KEYGEN.toString(), "-o", key.toString());
    String recipient = run(AGE_KEYGEN.toString(), "-y", key.toString()).strip();
    byte[] original = ToolApiTest.content("vaultdrop reads age cli");
    Path input = dir.resolve("plain.bin");
    Files.write(input, original);
    Path enc = dir.resolve("plain.bin.age");
    run(AGE.toString(), "-r", recipient, "-o", enc.toString(), input.toString());

    HttpResponse<String> created =
        http.post(
            "/api/v1/decryptions",
            token,
            new Multipart()
                .file("key", "key.txt", Files.readAllBytes(key))
                .file("enc", "plain.bin.age", Files.readAllBytes(enc)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode decryption = ToolHttp.json(created.body());
    assertThat(decryption.get("name").asString()).isEqualTo("plain.bin");
    assertThat(decryption.get("size").asLong()).isEqualTo(original.length);
    assertThat(http.get(decryption.get("downloadUrl").asString(), token).body())
        .isEqualTo(original);

    // Another age-keygen identity does not open it: 422 before any plaintext.
    Path otherKey = dir.resolve("other.txt");
    run(AGE_KEYGEN.toString(), "-o", otherKey.toString());
    HttpResponse<String> wrong =
        http.post(
            "/api/v1/decryptions",
            token,
            new Multipart()
                .file("key", "other.txt", Files.readAllBytes(otherKey))
                .file("enc", "plain.bin.age", Files.readAllBytes(enc)));
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(ToolHttp.json(wrong.body()).get("code").asString()).isEqualTo("decryption_failed");
  }

  @Test
  void armoredFileMadeByAgeCli_withAKeyFileOfSeveralIdentities_decryptsThroughTheApi()
      throws Exception {
    // Two identities in one key file, as `age -i` accepts; the file is for the second one only.
    Path first = dir.resolve("first.txt");
    Path second = dir.resolve("second.txt");
    run(AGE_KEYGEN.toString(), "-o", first.toString());
    run(AGE_KEYGEN.toString(), "-o", second.toString());
    String recipient = run(AGE_KEYGEN.toString(), "-y", second.toString()).strip();
    byte[] keys = (Files.readString(first) + Files.readString(second)).getBytes(UTF_8);
    byte[] original = ToolApiTest.content("armored and two identities");
    Path input = dir.resolve("letter.txt");
    Files.write(input, original);
    Path armored = dir.resolve("letter.txt.age");
    run(AGE.toString(), "-a", "-r", recipient, "-o", armored.toString(), input.toString());
    assertThat(Files.readString(armored)).startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n");

    HttpResponse<String> created =
        http.post(
            "/api/v1/decryptions",
            token,
            new Multipart()
                .file("key", "keys.txt", keys)
                .file("enc", "letter.txt.age", Files.readAllBytes(armored)));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode decryption = ToolHttp.json(created.body());
    assertThat(decryption.get("size").asLong()).isEqualTo(original.length);
    assertThat(http.get(decryption.get("downloadUrl").asString(), token).body())
        .isEqualTo(original);
  }

  @Test
  void damagedArmor_isA422_thatSaysArmoredAgeFile() throws Exception {
    Path key = dir.resolve("key.txt");
    run(AGE_KEYGEN.toString(), "-o", key.toString());
    String recipient = run(AGE_KEYGEN.toString(), "-y", key.toString()).strip();
    Path input = dir.resolve("plain.bin");
    Files.write(input, ToolApiTest.content("damaged armor"));
    Path armored = dir.resolve("plain.bin.age");
    run(AGE.toString(), "-a", "-r", recipient, "-o", armored.toString(), input.toString());
    String text = Files.readString(armored);
    // One Base64 character of the payload changed: the armor still parses, the payload fails.
    int at = text.indexOf('\n', text.indexOf('\n') + 1) + 10;
    String damaged =
        text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1);

    HttpResponse<String> refused =
        http.post(
            "/api/v1/decryptions",
            token,
            new Multipart()
                .file("key", "key.txt", Files.readAllBytes(key))
                .file("enc", "plain.bin.age", damaged.getBytes(UTF_8)));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    JsonNode problem = ToolHttp.json(refused.body());
    assertThat(problem.get("code").asString()).isEqualTo("decryption_failed");
    assertThat(problem.get("detail").asString()).contains("armored age file");
  }

  @Test
  void armoredDownloadOfAChaChaJob_opensWithTheAgeCli_andCountsAsTheEncDownload() throws Exception {
    byte[] original = ToolApiTest.content("armored download");
    JsonNode job =
        ToolHttp.json(
            http.post(
                    "/api/v1/encryptions",
                    token,
                    new Multipart()
                        .field("algorithm", "CHACHA20_POLY1305")
                        .file("file", "notes.txt", original))
                .body());
    HttpResponse<byte[]> armoredEnc = http.get(job.get("encArmoredUrl").asString(), token);
    assertThat(armoredEnc.statusCode()).isEqualTo(200);
    assertThat(armoredEnc.headers().firstValueAsLong("Content-Length").orElseThrow())
        .isEqualTo(armoredEnc.body().length);
    String text = new String(armoredEnc.body(), UTF_8);
    assertThat(text)
        .startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n")
        .endsWith("\n-----END AGE ENCRYPTED FILE-----\n");
    assertThat(text.lines().skip(1).takeWhile(line -> !line.startsWith("-----")))
        .allSatisfy(line -> assertThat(line.length()).isBetween(1, 64));
    Path enc = dir.resolve("notes.txt.enc");
    Path key = dir.resolve("notes.txt.key");
    Files.write(enc, armoredEnc.body());
    Files.write(key, http.get(job.get("keyUrl").asString(), token).body());
    Path out = dir.resolve("notes.txt");

    run(AGE.toString(), "-d", "-i", key.toString(), "-o", out.toString(), enc.toString());

    assertThat(Files.readAllBytes(out)).isEqualTo(original);
    // Both files were fetched: the job is gone.
    assertThat(http.get(job.get("encUrl").asString(), token).statusCode()).isEqualTo(404);

    JsonNode aes =
        ToolHttp.json(
            http.post(
                    "/api/v1/encryptions",
                    token,
                    new Multipart()
                        .field("algorithm", "AES_256_GCM")
                        .file("file", "notes.txt", original))
                .body());
    assertThat(aes.has("encArmoredUrl")).isFalse();
    assertThat(http.get(aes.get("encUrl").asString() + "?armor=true", token).statusCode())
        .isEqualTo(400);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("timed out: " + String.join(" ", command));
    }
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text;
  }
}
