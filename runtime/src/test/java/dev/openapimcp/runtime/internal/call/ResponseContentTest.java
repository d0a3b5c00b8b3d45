package dev.openapimcp.runtime.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ErrorHints;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.retry.RetryPolicy;
import dev.openapimcp.runtime.internal.retry.TimeSource;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Images, other binary answers and long text from a loopback API, with small limits. */
class ResponseContentTest {

  private static final int MAX_TEXT = 64;
  private static final int MAX_BINARY = 32;

  private final RecordingUpstream api = RecordingUpstream.start();
  private final ToolCallHandler handler = handler();

  @AfterEach
  void stop() {
    api.close();
  }

  @SuppressWarnings("unchecked")
  private ToolCallHandler handler() {
    ServerSettings settings = ServerSettings.builder().requestTimeout(Duration.ofSeconds(10)).maxTextBytes(MAX_TEXT)
        .maxBinaryBytes(MAX_BINARY).build();
    Map<String, Object> schema = (Map<String, Object>) JsonText.parse(TestCatalog.getItem().inputSchema()).orElseThrow();
    return new ToolCallHandler(
        TestCatalog.getItem(),
        new ArgumentDecoder(schema),
        new ArgumentValidator("get-item", schema, McpJsonDefaults.getSchemaValidator()),
        new RequestBuilder(BaseUrl.fromEnvironment(Map.of("BASE_URL", api.baseUrl()), "http://unused"), Map.of()),
        new UpstreamClient(null, settings, RetryPolicy.of(settings), RateLimiter.unlimited(), TimeSource.system()),
        new ResultMapper(settings, ErrorHints.generic()));
  }

  private void respond(String contentType, byte[] body) {
    api.respond(new RecordingUpstream.Response(200, Map.of("Content-Type", contentType), body, Duration.ZERO));
  }

  private CallToolResult call() {
    return handler.call(Map.of("item_id", "i1", "expand", true));
  }

  @Test
  void anImageBecomesImageContent() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
    respond("image/png", png);

    CallToolResult result = call();

    assertThat(result.isError()).isFalse();
    assertThat(result.content()).singleElement().isInstanceOfSatisfying(McpSchema.ImageContent.class, image -> {
      assertThat(image.mimeType()).isEqualTo("image/png");
      assertThat(Base64.getDecoder().decode(image.data())).isEqualTo(png);
    });
  }

  @Test
  void otherBinaryBecomesABlobNamedByThePathWithoutTheQuery() {
    byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff};
    respond("application/pdf", pdf);

    CallToolResult result = call();

    assertThat(result.content().get(1)).isInstanceOfSatisfying(McpSchema.EmbeddedResource.class, embedded ->
        assertThat(embedded.resource()).isInstanceOfSatisfying(McpSchema.BlobResourceContents.class, blob -> {
          assertThat(blob.uri()).isEqualTo(api.baseUrl() + "/v1/items/i1");
          assertThat(Base64.getDecoder().decode(blob.blob())).isEqualTo(pdf);
        }));
  }

  @Test
  void binaryOverTheLimitIsRefusedWithASizeNotADump() {
    respond("application/zip", new byte[MAX_BINARY * 4]);

    CallToolResult result = call();

    assertThat(result.isError()).isTrue();
    assertThat(((McpSchema.TextContent) result.content().get(0)).text())
        .isEqualTo("HTTP 200 OK: the response is 128 bytes of application/zip, more than the 32 bytes this server"
            + " passes on (its --max-binary-bytes limit).");
  }

  @Test
  void longJsonIsCutWithANoteAndWithoutStructuredContent() {
    String json = "{\"results\":[" + "\"item\",".repeat(40) + "\"last\"]}";
    respond("application/json", json.getBytes(StandardCharsets.UTF_8));

    CallToolResult result = call();

    assertThat(result.isError()).isFalse();
    assertThat(result.structuredContent()).isNull();
    assertThat(((McpSchema.TextContent) result.content().get(0)).text())
        .startsWith(json.substring(0, MAX_TEXT) + "\n\n[truncated: the response is " + json.length() + " bytes;");
  }
}
