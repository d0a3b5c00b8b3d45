package dev.openapimcp.runtime.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultMapperTest {

  private final ResultMapper mapper = new ResultMapper();

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
    assertThat(result.structuredContent()).isEqualTo(Map.of("object", "page", "id", "p1", "n", 1.5));
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
  void binaryBodiesAreDescribedNotDumped() {
    HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of("application/pdf")), (a, b) -> true);
    UpstreamResponse response = new UpstreamResponse(200, headers, new byte[] {0, (byte) 0xff, 1}, false);

    assertThat(text(mapper.fromResponse(response)))
        .isEqualTo("HTTP 200 OK: 3 bytes of application/pdf (binary content is not shown).");
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
                + "The API rejected the credentials this server sends; check the token it was started with.\n\n");
    assertThat(text(mapper.fromResponse(response(429, "application/json", rateLimited, "Retry-After", "3"))))
        .startsWith("HTTP 429 Too Many Requests (rate_limited): Slow down.\nRetry after 3 s.\n\n");
  }

  @Test
  void hugeErrorBodiesAreTruncatedWithANote() {
    String body = "x".repeat(ResultMapper.ERROR_BODY_LIMIT + 500);

    String text = text(mapper.fromResponse(response(500, "text/plain", body)));

    assertThat(text)
        .startsWith("HTTP 500 Internal Server Error\n\nxxx")
        .endsWith("\n[truncated: showing the first 102400 characters of a 102900-byte body]");
    assertThat(text.length()).isLessThan(ResultMapper.ERROR_BODY_LIMIT + 200);
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
}
