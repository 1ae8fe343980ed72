package io.vaultdrop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/** Behaviour that only a real server shows: Tomcat, error dispatch, committed headers. */
@WebIntegrationTest
class RealHttpTest {

  @LocalServerPort int port;
  @Autowired ServletWebServerApplicationContext context;
  final HttpClient client = HttpClient.newHttpClient();

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  @Test
  void connector_writesThroughLargeBuffers_andBoundsItsConnections() {
    Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
    assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize"))).isEqualTo("65536");
    assertThat(String.valueOf(connector.getProperty("maxConnections"))).isEqualTo("2048");
  }

  /**
   * Downloads are async responses: the container's default timeout (30 s) would cut a large or slow
   * download short and, for a one-time share, burn the link.
   */
  @Test
  void asyncResponses_haveNoTimeout(@Autowired RequestMappingHandlerAdapter adapter) {
    assertThat(ReflectionTestUtils.getField(adapter, "asyncRequestTimeout")).isEqualTo(-1L);
  }

  @Test
  void trace_isRefused() throws Exception {
    HttpResponse<String> response =
        send(request("/").method("TRACE", HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).doesNotContain("TRACE / HTTP");
  }

  @Test
  void responses_haveNoServerBanner() throws Exception {
    HttpResponse<String> response = send(request("/"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Server")).isEmpty();
    assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
  }

  @Test
  void unknownPage_rendersTheErrorPageInTheLayout() throws Exception {
    HttpResponse<String> response = send(request("/no-such-page").header("Accept", "text/html"));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(response.body())
        .contains("The page you asked for does not exist.")
        .containsPattern("href=\"/css/app-[0-9a-f]{32}\\.css\"")
        .doesNotContain("no-such-page", "Whitelabel");
    assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void unknownApiPath_isProblemJsonOverHttp() throws Exception {
    HttpResponse<String> response = send(request("/api/v1/nope"));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"code\":\"not_found\"");
  }

  @Test
  void apiWithUndecodablePath_isProblemJsonFromTheErrorDispatch() throws Exception {
    // Spring Security's firewall rejects an encoded percent before any controller runs; the
    // container's error dispatch still answers API clients with problem+json.
    HttpResponse<String> response = send(request("/api/v1/a%252Fb"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"code\":\"bad_request\"").doesNotContain("%25", "2Fb");
  }

  @Test
  void download_hasOneSetOfAttachmentHeaders() throws Exception {
    HttpResponse<String> response =
        send(request("/api/test/download?name=%3Cb%3Eevil%3C%2Fb%3E.html"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("Content-Security-Policy"))
        .containsExactly("default-src 'none'; sandbox");
    assertThat(response.headers().allValues("Content-Type"))
        .containsExactly("application/octet-stream");
    assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
    assertThat(response.headers().allValues("Content-Length")).containsExactly("25");
    List<String> disposition = response.headers().allValues("Content-Disposition");
    assertThat(disposition).hasSize(1);
    assertThat(disposition.getFirst()).startsWith("attachment; filename=\"");
  }
}
