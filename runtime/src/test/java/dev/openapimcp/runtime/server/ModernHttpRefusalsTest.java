package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the HTTP transport answers a 2026-07-28 request it refuses before the modern lane sees it,
 * beside what a 2025-11-25 request gets for the same fault (unchanged, as the npm server answers).
 *
 * <p>Authorization (basic/authorization/index.mdx, "Token Handling" and "Error Handling"): "Invalid or
 * expired tokens MUST receive a HTTP 401 response", 403 is for insufficient scope, with RFC 6750's
 * {@code WWW-Authenticate: Bearer error="invalid_token"}. Error codes (basic/index.mdx): -32000 to
 * -32019 are legacy that new implementations SHOULD NOT use, and "Implementations of this protocol
 * version MUST NOT emit" -32002: a modern refusal carries neither.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModernHttpRefusalsTest {

  private static final String TOKEN = "modern-refusals-token";
  private static final String MODERN = ProtocolVersions.MCP_2026_07_28;
  private static final String BOTH = "application/json, text/event-stream";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DISCOVER = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"server/discover\",\"params\":"
      + "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + MODERN + "\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";

  private RecordingUpstream api;
  private McpProxyServer server;

  @BeforeAll
  void start() {
    api = RecordingUpstream.start();
    server = McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl()))
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).authToken(TOKEN)
            .stateless(true).build())
        .build()
        .start();
  }

  @AfterAll
  void stop() {
    server.close();
    api.close();
  }

  /** A modern request's headers, with {@code authorization} ({@code null}: none) and the given media types. */
  private static Map<String, String> modern(String authorization, String contentType, String accept) {
    Map<String, String> headers = new HashMap<>();
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    headers.put("Content-Type", contentType);
    headers.put("Accept", accept);
    headers.put("MCP-Protocol-Version", MODERN);
    headers.put("Mcp-Method", "server/discover");
    return headers;
  }

  private HttpResponse<String> post(Map<String, String> headers, String body) {
    return McpHttp.request(server.httpPort(), "POST", headers, body);
  }

  private static JsonNode body(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return MAPPER.readTree(response.body());
  }

  @Test
  void aModernRequestWithoutATokenIs401WithABearerChallengeAndNoLegacyCode() throws IOException {
    HttpResponse<String> response = post(modern(null, "application/json", BOTH), DISCOVER);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer"));
    JsonNode answer = body(response);
    assertThat(answer.path("error").asText()).isEqualTo("invalid_token");
    assertThat(answer.path("error_description").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("-32001", "-32002", TOKEN);
  }

  @Test
  void aModernRequestWithAWrongTokenIs401InvalidTokenNot403() throws IOException {
    HttpResponse<String> response = post(modern("Bearer not-the-token", "application/json", BOTH), DISCOVER);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
    assertThat(body(response).path("error").asText()).isEqualTo("invalid_token");
    assertThat(response.body()).doesNotContain("-32001", "-32002", "not-the-token", TOKEN);
  }

  @Test
  void aLegacyRequestKeepsTheNpmServersAnswers() throws IOException {
    Map<String, String> missing = new HashMap<>(Map.of("Content-Type", "application/json", "Accept", BOTH));
    HttpResponse<String> unauthorized = post(missing, McpHttp.INITIALIZE);
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(body(unauthorized).path("error").path("code").asInt()).isEqualTo(-32001);

    missing.put("Authorization", "Bearer not-the-token");
    HttpResponse<String> forbidden = post(missing, McpHttp.INITIALIZE);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(body(forbidden).path("error").path("code").asInt()).isEqualTo(-32002);
  }

  @Test
  void aForeignOriginIs403WithInvalidRequestWhenModernAndTheLegacyCodeOtherwise() throws IOException {
    Map<String, String> modern = modern("Bearer " + TOKEN, "application/json", BOTH);
    modern.put("Origin", "http://rebinding.example");
    HttpResponse<String> refused = post(modern, DISCOVER);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(body(refused).path("error").path("code").asInt()).isEqualTo(-32600);

    Map<String, String> legacy = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN,
        "Content-Type", "application/json", "Accept", BOTH, "Origin", "http://rebinding.example"));
    HttpResponse<String> legacyRefused = post(legacy, McpHttp.INITIALIZE);
    assertThat(legacyRefused.statusCode()).isEqualTo(403);
    assertThat(body(legacyRefused).path("error").path("code").asInt()).isEqualTo(-32000);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aModernRequestOfTheWrongMediaTypeIs415InvalidRequest() throws IOException {
    HttpResponse<String> response = post(modern("Bearer " + TOKEN, "text/plain", BOTH), DISCOVER);

    assertThat(response.statusCode()).isEqualTo(415);
    JsonNode error = body(response).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(-32600);
    assertThat(error.path("message").asText()).contains("Content-Type");
  }

  @Test
  void aModernRequestThatAcceptsNoJsonIs406InvalidRequest() throws IOException {
    HttpResponse<String> response = post(modern("Bearer " + TOKEN, "application/json", "text/html"), DISCOVER);

    assertThat(response.statusCode()).isEqualTo(406);
    JsonNode error = body(response).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(-32600);
    assertThat(error.path("message").asText()).contains("Accept");
  }

  @Test
  void aLegacyRequestOfTheWrongMediaTypesKeepsItsAnswers() throws IOException {
    Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN,
        "Content-Type", "text/plain", "Accept", BOTH));
    HttpResponse<String> contentType = post(headers, McpHttp.INITIALIZE);
    assertThat(contentType.statusCode()).isEqualTo(415);
    assertThat(body(contentType).path("error").path("code").asInt()).isEqualTo(-32000);

    headers.put("Content-Type", "application/json");
    headers.put("Accept", "text/html");
    HttpResponse<String> accept = post(headers, McpHttp.INITIALIZE);
    assertThat(accept.statusCode()).isEqualTo(400);
    assertThat(body(accept).path("error").path("code").asInt()).isEqualTo(-32000);
  }
}
