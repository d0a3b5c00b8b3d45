package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.StdioPipes;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MCP 2026-07-28 over stdio, raw JSON-RPC lines, on the same process as the 2025-11-25 handshake:
 * no {@code initialize}, every request carrying its version and capabilities in {@code _meta}.
 */
class ModernLaneStdioTest {

  static final String MODERN = ProtocolVersions.MCP_2026_07_28;

  private RecordingUpstream api;
  private JsonRpcLines client;

  @BeforeEach
  void start() {
    api = RecordingUpstream.start();
    client = StdioPipes.start(McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "stdio-token")));
  }

  @AfterEach
  void stop() {
    // The end of input ends the server.
    client.close();
    api.close();
  }

  /** {@code params} with the modern {@code _meta} of {@code version} and {@code capabilities}. */
  static Map<String, Object> modern(String version, Map<String, Object> capabilities, Map<String, Object> params) {
    Map<String, Object> withMeta = new LinkedHashMap<>(params);
    withMeta.put("_meta", Map.of(
        "io.modelcontextprotocol/protocolVersion", version,
        "io.modelcontextprotocol/clientInfo", Map.of("name", "raw-test", "version", "1"),
        "io.modelcontextprotocol/clientCapabilities", capabilities));
    return withMeta;
  }

  static Map<String, Object> modern(Map<String, Object> params) {
    return modern(MODERN, Map.of(), params);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> resultOf(Map<String, Object> response) {
    assertThat(response).as("a result, not an error").containsKey("result");
    return (Map<String, Object>) response.get("result");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> errorOf(Map<String, Object> response) {
    assertThat(response).as("an error").containsKey("error").doesNotContainKey("result");
    return (Map<String, Object>) response.get("error");
  }

  static List<Object> toolNames(Map<String, Object> result) {
    return ((List<?>) result.get("tools")).stream().map(tool -> ((Map<?, ?>) tool).get("name")).map(Object.class::cast)
        .toList();
  }

  @Test
  void discoverIsAnsweredAsTheFirstMessageWithVersionsCapabilitiesAndCachingHints() {
    Map<String, Object> result = resultOf(client.request("server/discover", modern(Map.of())));

    assertThat(result).containsEntry("resultType", "complete")
        .containsEntry("ttlMs", 3_600_000)
        .containsEntry("cacheScope", "public")
        .containsEntry("capabilities", Map.of("tools", Map.of()));
    assertThat(result.get("supportedVersions")).asInstanceOf(LIST).startsWith(MODERN, "2025-11-25");
    assertThat(result.get("_meta")).isEqualTo(
        Map.of("io.modelcontextprotocol/serverInfo", Map.of("name", "test-api-server", "version", "1.2.3")));
  }

  @Test
  void toolsListWithoutInitializeCarriesResultTypeAndTtl() {
    Map<String, Object> result = resultOf(client.request("tools/list", modern(Map.of())));

    assertThat(result).containsEntry("resultType", "complete").containsEntry("ttlMs", 3_600_000)
        .containsEntry("cacheScope", "public");
    assertThat(toolNames(result)).containsExactly("get-item", "create-item", "search", "delete-item");
  }

  @Test
  void aCallReachesTheApiAndAnswersACompleteResult() {
    api.respond(200, "{\"object\":\"item\",\"id\":\"i1\"}");

    Map<String, Object> result = resultOf(client.request("tools/call",
        modern(Map.of("name", "get-item", "arguments", Map.of("item_id", "i1")))));

    assertThat(result).containsEntry("resultType", "complete").containsEntry("isError", false)
        .containsEntry("structuredContent", Map.of("object", "item", "id", "i1"));
    assertThat(result).doesNotContainKeys("ttlMs", "cacheScope");
    RecordingUpstream.RecordedRequest request = api.onlyRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/v1/items/i1");
    assertThat(request.header("Authorization")).isEqualTo("Bearer stdio-token");
  }

  @Test
  void anUnsupportedVersionIsRefusedNamingTheSupportedOnes() {
    Map<String, Object> error = errorOf(client.request("tools/list", modern("1900-01-01", Map.of(), Map.of())));

    assertThat(error).containsEntry("code", -32022);
    assertThat(error.get("data")).asInstanceOf(MAP).containsEntry("requested", "1900-01-01");
    assertThat(((Map<?, ?>) error.get("data")).get("supported")).asInstanceOf(LIST).contains(MODERN, "2025-11-25");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aReadOnlyServerListsOnlyReadsToModernClientsAndDiscoverCarriesItsInstructions() {
    client.close();
    client = StdioPipes.start(McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "stdio-token"))
        .settings(ServerSettings.builder().readOnly(true).instructions("Search before you write.").build()));

    assertThat(resultOf(client.request("server/discover", modern(Map.of()))))
        .containsEntry("instructions", "Search before you write.");
    assertThat(toolNames(resultOf(client.request("tools/list", modern(Map.of()))))).containsExactly("get-item");
    Map<String, Object> refused = resultOf(client.request("tools/call",
        modern(Map.of("name", "delete-item", "arguments", Map.of("item_id", "i1")))));
    assertThat(refused).containsEntry("isError", true);
    assertThat(refused.get("content").toString()).contains("read-only");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void malformedModernRequestsGetTheSpecifiedErrors() {
    assertThat(errorOf(client.request("server/discover", Map.of()))).containsEntry("code", -32602);
    Map<String, Object> noCapabilities = new LinkedHashMap<>();
    noCapabilities.put("_meta", Map.of("io.modelcontextprotocol/protocolVersion", MODERN));
    assertThat(errorOf(client.request("tools/list", noCapabilities))).containsEntry("code", -32602);
    assertThat(errorOf(client.request("tools/call", modern(Map.of("name", "no-such-tool")))))
        .containsEntry("code", -32602);
    assertThat(errorOf(client.request("tools/call", modern(Map.of("name", "get-item", "arguments", List.of())))))
        .containsEntry("code", -32602);
    // Methods the revision removed, or never had, with the modern envelope.
    assertThat(errorOf(client.request("initialize", modern(Map.of())))).containsEntry("code", -32601);
    assertThat(errorOf(client.request("ping", modern(Map.of())))).containsEntry("code", -32601);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aLegacyInitializeOnTheSameProcessKeepsTheHandshakeLane() {
    resultOf(client.request("tools/list", modern(Map.of())));

    Map<String, Object> initialized = client.initialize();
    Map<String, Object> legacyList = resultOf(client.request("tools/list", Map.of()));
    Map<String, Object> modernList = resultOf(client.request("tools/list", modern(Map.of())));

    assertThat(initialized).containsEntry("protocolVersion", ProtocolVersions.CLIENT);
    assertThat(legacyList).doesNotContainKeys("resultType", "ttlMs");
    assertThat(legacyList.get("tools")).isEqualTo(modernList.get("tools"));
    assertThat(modernList).containsEntry("resultType", "complete");
  }
}
