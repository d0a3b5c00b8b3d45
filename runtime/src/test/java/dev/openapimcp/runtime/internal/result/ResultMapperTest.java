package dev.openapimcp.runtime.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.StructuredContent;
import dev.openapimcp.testing.TestCatalog;
import dev.openapimcp.model.ToolCatalog;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultMapperTest {

  private final ResultMapper mapper = new ResultMapper(ServerSettings.defaults(), ErrorHints.generic());

  private static UpstreamResponse response(int status, String contentType, String body, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    if (contentType != null) {
      map.put("Content-Type", List.of(contentType));
    }
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], List.of(headers[i + 1]));
    }
    return new UpstreamResponse(status, HttpHeaders.of(map, (a, b) -> true), body.getBytes(StandardCharsets.UTF_8), false);
  }

  private static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void jsonObjectIsReturnedExactlyAsReceivedWithStructuredContent() {
    String body = "{\n  \"object\": \"page\", \"id\": \"p1\", \"n\": 1.50 }";

    CallToolResult result = mapper.fromResponse(response(200, "application/json; charset=utf-8", body));

    assertThat(result.isError()).isFalse();
    assertThat(text(result)).isEqualTo(body);
    assertThat(StructuredContent.asMap(result)).isEqualTo(Map.of("object", "page", "id", "p1", "n", 1.5));
  }

  @Test
  void jsonArrayHasNoStructuredContent() {
    CallToolResult result = mapper.fromResponse(response(200, "application/json", "[1,2]"));

    assertThat(text(result)).isEqualTo("[1,2]");
    assertThat(result.structuredContent()).isNull();
  }

  @Test
  void emptyBodiesSayTheStatus() {
    assertThat(text(mapper.fromResponse(response(204, null, "")))).isEqualTo("HTTP 204 No Content");
    assertThat(text(mapper.fromResponse(response(200, null, "")))).isEqualTo("HTTP 200 OK with an empty body");
  }

  @Test
  void plainTextIsReturnedAsText() {
    CallToolResult result = mapper.fromResponse(response(200, "text/markdown", "# Hello"));

    assertThat(result.isError()).isFalse();
    assertThat(text(result)).isEqualTo("# Hello");
    assertThat(result.structuredContent()).isNull();
  }

  @Test
  void imagesBecomeImageContent() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    UpstreamResponse response =
        new UpstreamResponse(200, HttpHeaders.of(Map.of("Content-Type", List.of("image/png")), (a, b) -> true), png, false);

    McpSchema.Content content = mapper.fromResponse(response).content().get(0);

    assertThat(content).isInstanceOfSatisfying(
        McpSchema.ImageContent.class,
        image -> {
          assertThat(image.mimeType()).isEqualTo("image/png");
          assertThat(image.data()).isEqualTo("iVBORw==");
        });
  }

  @Test
  void binaryBodiesBecomeAnEmbeddedBlobResourceWithALineOfText() {
    HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of("application/pdf")), (a, b) -> true);
    UpstreamResponse response = new UpstreamResponse(
        200, headers, new byte[] {0, (byte) 0xff, 1}, false, URI.create("https://api.example.com/v1/files/f1?key=secret"),
        1, null);

    CallToolResult result = mapper.fromResponse(response);

    assertThat(result.isError()).isFalse();
    assertThat(result.content()).hasSize(2);
    assertThat(((McpSchema.TextContent) result.content().get(0)).text())
        .isEqualTo("HTTP 200 OK: 3 bytes of application/pdf, attached as an embedded resource (base64).");
    assertThat(result.content().get(1)).isInstanceOfSatisfying(McpSchema.EmbeddedResource.class, embedded ->
        assertThat(embedded.resource()).isInstanceOfSatisfying(McpSchema.BlobResourceContents.class, blob -> {
          assertThat(blob.mimeType()).isEqualTo("application/pdf");
          assertThat(blob.blob()).isEqualTo("AP8B");
          // The query may hold an API key: it is left out.
          assertThat(blob.uri()).isEqualTo("https://api.example.com/v1/files/f1");
        }));
  }

  @Test
  void bodiesWithoutAMediaTypeAreTextWhenTheyDecodeElseBinary() {
    assertThat(text(mapper.fromResponse(response(200, null, "plain words")))).isEqualTo("plain words");

    UpstreamResponse bytes =
        new UpstreamResponse(200, HttpHeaders.of(Map.of(), (a, b) -> true), new byte[] {(byte) 0xc3, 0x28}, false);
    assertThat(mapper.fromResponse(bytes).content().get(1)).isInstanceOf(McpSchema.EmbeddedResource.class);
  }

  @Test
  void binaryAndImagesBeyondTheLimitAreRefusedWithTheSizes() {
    ResultMapper small = new ResultMapper(limits(100, 8), ErrorHints.generic());
    HttpHeaders pdf = HttpHeaders.of(
        Map.of("Content-Type", List.of("application/pdf"), "Content-Length", List.of("7340032")), (a, b) -> true);
    HttpHeaders png = HttpHeaders.of(Map.of("Content-Type", List.of("image/png")), (a, b) -> true);

    CallToolResult big = small.fromResponse(new UpstreamResponse(200, pdf, new byte[100], true));
    CallToolResult image = small.fromResponse(new UpstreamResponse(200, png, new byte[9], false));

    assertThat(big.isError()).isTrue();
    assertThat(text(big)).isEqualTo("HTTP 200 OK: the response is 7 MB of application/pdf, more than the 8 bytes"
        + " this server passes on (its --max-binary-bytes limit).");
    assertThat(text(image)).isEqualTo("HTTP 200 OK: the response is 9 bytes of image/png, more than the 8 bytes"
        + " this server passes on (its --max-binary-bytes limit).");
  }

  @Test
  void longTextIsCutBetweenCharactersWithANoteAndNoStructuredContent() {
    ResultMapper small = new ResultMapper(limits(10, 100), ErrorHints.generic());
    // "é" is two bytes in UTF-8; the 10th and 11th bytes hold one, so the cut backs up to byte 9.
    String body = "{\"a\":\"xxxé0123456789\"}";

    CallToolResult result = small.fromResponse(response(200, "application/json", body));

    assertThat(result.isError()).isFalse();
    assertThat(result.structuredContent()).isNull();
    assertThat(text(result)).isEqualTo("{\"a\":\"xxx\n\n[truncated: the response is 23 bytes; only the first 9 bytes"
        + " are shown (this server's limit is 10 bytes). Ask for less, such as a smaller page size or a filter, to"
        + " see the rest.]");
  }

  @Test
  void textCutByTheReadLimitSaysMoreThan() {
    ResultMapper small = new ResultMapper(limits(1024, 2048), ErrorHints.generic());
    UpstreamResponse cut = new UpstreamResponse(200, HttpHeaders.of(Map.of("Content-Type", List.of("text/plain")),
        (a, b) -> true), "y".repeat(2048).getBytes(StandardCharsets.UTF_8), true);

    assertThat(text(small.fromResponse(cut)))
        .startsWith("y".repeat(1024) + "\n\n[truncated: the response is more than 2 KB; only the first 1 KB are shown");
  }

  @Test
  void jsonWithinTheLimitKeepsItsStructuredContent() {
    ResultMapper small = new ResultMapper(limits(12, 100), ErrorHints.generic());

    CallToolResult result = small.fromResponse(response(200, "application/json", "{\"a\":\"1234\"}"));

    assertThat(StructuredContent.asMap(result)).isEqualTo(Map.of("a", "1234"));
  }

  private static ServerSettings limits(int text, int binary) {
    return ServerSettings.builder().maxTextBytes(text).maxBinaryBytes(binary).build();
  }

  @Test
  void httpErrorCarriesStatusCodeMessageAndBody() {
    String body =
        "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\","
            + "\"message\":\"Could not find page with ID: p1.\"}";

    CallToolResult result = mapper.fromResponse(response(404, "application/json", body));

    assertThat(result.isError()).isTrue();
    assertThat(text(result))
        .isEqualTo("HTTP 404 Not Found (object_not_found): Could not find page with ID: p1.\n\n" + body);
    assertThat(result.structuredContent()).isNull();
  }

  @Test
  void nestedErrorObjectIsUnderstoodToo() {
    String body = "{\"error\":{\"code\":400123,\"message\":\"Bad filter\"}}";

    assertThat(text(mapper.fromResponse(response(400, "application/problem+json", body))))
        .isEqualTo("HTTP 400 Bad Request (400123): Bad filter\n\n" + body);
  }

  @Test
  void errorWithoutJsonStillShowsStatusAndBody() {
    assertThat(text(mapper.fromResponse(response(502, "text/html", "<h1>Bad gateway</h1>"))))
        .isEqualTo("HTTP 502 Bad Gateway\n\n<h1>Bad gateway</h1>");
    assertThat(text(mapper.fromResponse(response(418, null, "")))).isEqualTo("HTTP 418 (empty body)");
  }

  @Test
  void unauthorizedAndRateLimitedGetHints() {
    String unauthorized = "{\"code\":\"unauthorized\",\"message\":\"API token is invalid.\"}";
    String rateLimited = "{\"code\":\"rate_limited\",\"message\":\"Slow down.\"}";

    assertThat(text(mapper.fromResponse(response(401, "application/json", unauthorized))))
        .startsWith(
            "HTTP 401 Unauthorized (unauthorized): API token is invalid.\n"
                + "The API rejected the credentials this server sends; check the credentials in OPENAPI_MCP_HEADERS"
                + " in the server's environment, then restart it.\n\n");
    assertThat(text(mapper.fromResponse(response(429, "application/json", rateLimited, "Retry-After", "3"))))
        .startsWith("HTTP 429 Too Many Requests (rate_limited): Slow down.\nRetry after 3 s.\n\n");
  }

  @Test
  void hugeErrorBodiesAreTruncatedWithANote() {
    String body = "x".repeat(ErrorText.ERROR_BODY_LIMIT + 500);

    String text = text(mapper.fromResponse(response(500, "text/plain", body)));

    assertThat(text)
        .startsWith("HTTP 500 Internal Server Error\n\nxxx")
        .endsWith("\n[truncated: showing the first 102400 characters of a 102900-byte body]");
    assertThat(text.length()).isLessThan(ErrorText.ERROR_BODY_LIMIT + 200);
  }

  @Test
  void redirectsAreErrorsSayingWhere() {
    CallToolResult result = mapper.fromResponse(response(302, null, "", "Location", "https://elsewhere.example/x"));

    assertThat(result.isError()).isTrue();
    assertThat(text(result))
        .isEqualTo(
            "HTTP 302 Found: the API answered with a redirect to https://elsewhere.example/x,"
                + " which this server does not follow.");
  }

  @Test
  void failuresNameHostAndPortAndTheReason() {
    URI uri = URI.create("http://127.0.0.1:4567/v1/x?q=1");
    URI tls = URI.create("https://api.example.com/v1/x");

    assertThat(text(mapper.fromFailure(uri, new ConnectException())))
        .isEqualTo("Could not connect to 127.0.0.1:4567: connection refused (nothing is listening there).");
    assertThat(text(mapper.fromFailure(tls, wrap(new ConnectException(), new UnresolvedAddressException()))))
        .isEqualTo("Could not connect to api.example.com:443: unknown host (the name does not resolve).");
    assertThat(text(mapper.fromFailure(uri, new HttpConnectTimeoutException("HTTP connect timed out"))))
        .isEqualTo("Could not connect to 127.0.0.1:4567: the connection timed out after 10 s.");
    assertThat(text(mapper.fromFailure(uri, new HttpTimeoutException("request timed out"))))
        .isEqualTo("The request to 127.0.0.1:4567 timed out after 60 s without a complete response.");
    assertThat(text(mapper.fromFailure(uri, new IOException("Connection reset"))))
        .isEqualTo("The request to 127.0.0.1:4567 failed before a response arrived: Connection reset.");
    assertThat(mapper.fromFailure(uri, new IOException("x")).isError()).isTrue();
  }

  private static IOException wrap(IOException outer, Throwable cause) {
    outer.initCause(cause);
    return outer;
  }

  @Test
  void unauthorizedNamesTheCatalogsCredentialVariablesButNoValue() {
    ResultMapper test = new ResultMapper(ServerSettings.defaults(), ErrorHints.forCatalog(TestCatalog.catalog()));

    assertThat(text(test.fromResponse(response(401, "application/json", "{\"message\":\"bad token\"}"))))
        .startsWith("HTTP 401 Unauthorized: bad token\nThe API rejected the credentials this server sends; check"
            + " TEST_API_TOKEN, TEST_API_KEY, TEST_API_USERNAME or TEST_API_PASSWORD (or the header set in"
            + " OPENAPI_MCP_HEADERS) in the server's environment, then restart it.\n\n");
  }

  @Test
  void aServersOwn404HintFollowsTheAnswerAndOthersGetNone() {
    // Issue 12: every API's 404 used to get Notion's advice; now the server configures its own hint.
    ToolCatalog notionHost = new ToolCatalog("my-notion", "1", "https://api.notion.com", "NOTION_TOKEN", List.of());
    String body = "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\",\"message\":\"Could not find page\"}";
    String hint = "Share the page with the integration.";

    ResultMapper configured = new ResultMapper(ServerSettings.defaults(), ErrorHints.forCatalog(notionHost, hint));
    assertThat(text(configured.fromResponse(response(404, "application/json", body))))
        .startsWith("HTTP 404 Not Found (object_not_found): Could not find page\n" + hint + "\n\n");
    assertThat(text(configured.fromResponse(response(401, "application/json", "{}"))))
        .contains("check NOTION_TOKEN (or the header set in OPENAPI_MCP_HEADERS)")
        .doesNotContain(hint);

    ResultMapper unconfigured = new ResultMapper(ServerSettings.defaults(), ErrorHints.forCatalog(notionHost));
    assertThat(text(unconfigured.fromResponse(response(404, "application/json", body))))
        .isEqualTo("HTTP 404 Not Found (object_not_found): Could not find page\n\n" + body);
  }

  @Test
  void timeoutsNameTheConfiguredLimits() {
    ResultMapper quick = new ResultMapper(
        ServerSettings.builder().connectTimeout(Duration.ofMillis(1500)).requestTimeout(Duration.ofMillis(250))
            .maxTextBytes(10).maxBinaryBytes(10).build(), ErrorHints.generic());
    URI uri = URI.create("http://127.0.0.1:4567/v1/x");

    assertThat(text(quick.fromFailure(uri, new HttpConnectTimeoutException("HTTP connect timed out"))))
        .isEqualTo("Could not connect to 127.0.0.1:4567: the connection timed out after 1.5 s.");
    assertThat(text(quick.fromFailure(uri, new HttpTimeoutException("request timed out"))))
        .isEqualTo("The request to 127.0.0.1:4567 timed out after 250 ms without a complete response.");
  }

  @Test
  void aMissingUploadFileIsNamed() {
    assertThat(text(mapper.fromFailure(URI.create("http://h:1/x"), new FileNotFoundException("/data/a.pdf"))))
        .isEqualTo("A file to upload could not be read: /data/a.pdf.");
  }
}
