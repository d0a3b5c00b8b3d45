package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.StdioPipes;
import dev.openapimcp.testing.DirectoryApi;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tools offered as resources ({@link DirectoryApi}): listed and read by the SDK's client over
 * Streamable HTTP (sessions and stateless), by raw requests over stdio and in the 2026-07-28 lane,
 * each read sent to the API as the tool's call would be.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourcesTest {

  private static final String AUTH_TOKEN = "resources-auth-token";
  private static final String API_TOKEN = "directory-api-token";
  private static final String MODERN = ProtocolVersions.MCP_2026_07_28;

  private RecordingUpstream api;
  private McpProxyServer server;
  private McpSyncClient client;

  @BeforeAll
  void start() {
    api = RecordingUpstream.start();
    server = McpProxyServer.builder(DirectoryApi.catalog())
        .environment(environment())
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).authToken(AUTH_TOKEN)
            .build())
        .build()
        .start();
    client = McpHttp.connect(server.httpPort(), Map.of("Authorization", "Bearer " + AUTH_TOKEN));
  }

  private Map<String, String> environment() {
    return Map.of("BASE_URL", api.baseUrl(), "DIRECTORY_TOKEN", API_TOKEN);
  }

  @AfterAll
  void stop() {
    client.closeGracefully();
    server.close();
    api.close();
  }

  @BeforeEach
  void forgetRequests() {
    api.reset();
  }

  @Test
  void theServerDeclaresResourcesAndListsThemBesideItsTools() {
    assertThat(client.getServerCapabilities().resources()).isNotNull();
    assertThat(client.listResources().resources()).singleElement().satisfies(resource -> {
      assertThat(resource.uri()).isEqualTo(DirectoryApi.ME);
      assertThat(resource.name()).isEqualTo("getMe");
      assertThat(resource.title()).isEqualTo("The user whose token this is");
      assertThat(resource.mimeType()).isEqualTo("application/json");
    });
    assertThat(client.listResourceTemplates().resourceTemplates()).singleElement().satisfies(template -> {
      assertThat(template.uriTemplate()).isEqualTo(DirectoryApi.USER);
      assertThat(template.name()).isEqualTo("getUser");
      assertThat(template.mimeType()).isEqualTo("application/json");
    });
    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
        .containsExactly("getMe", "getUser", "deleteUser");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void readingAResourceCallsItsToolWithTheConfiguredCredentials() {
    api.respond(200, "{\"id\":\"u0\",\"name\":\"Me\"}");

    McpSchema.ReadResourceResult read =
        client.readResource(McpSchema.ReadResourceRequest.builder(DirectoryApi.ME).build());

    assertThat(read.contents()).singleElement().isInstanceOfSatisfying(McpSchema.TextResourceContents.class,
        text -> {
          assertThat(text.uri()).isEqualTo(DirectoryApi.ME);
          assertThat(text.mimeType()).isEqualTo("application/json");
          assertThat(text.text()).isEqualTo("{\"id\":\"u0\",\"name\":\"Me\"}");
        });
    RecordingUpstream.RecordedRequest request = api.onlyRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.target()).isEqualTo("/users/me");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_TOKEN);
  }

  @Test
  void readingATemplatesUriSendsItsDecodedValueAsThePathArgument() {
    api.respond(200, "{\"id\":\"a/b c\"}");

    McpSchema.ReadResourceResult read = client.readResource(
        McpSchema.ReadResourceRequest.builder("directory://api.directory.example/v1/users/a%2Fb%20c").build());

    assertThat(read.contents()).singleElement().isInstanceOfSatisfying(McpSchema.TextResourceContents.class,
        text -> {
          assertThat(text.uri()).isEqualTo("directory://api.directory.example/v1/users/a%2Fb%20c");
          assertThat(text.text()).isEqualTo("{\"id\":\"a/b c\"}");
        });
    // One path segment, as the tool sends the value "a/b c"; the optional query argument is left out.
    assertThat(api.onlyRequest().target()).isEqualTo("/users/a%2Fb%20c");
  }

  @Test
  void anApiErrorIsAJsonRpcErrorWithTheStatusAndTheApisMessage() {
    api.respond(404, "{\"code\":\"not_found\",\"message\":\"No user u9\"}");

    McpError error = catchThrowableOfType(McpError.class,
        () -> client.readResource(
            McpSchema.ReadResourceRequest.builder("directory://api.directory.example/v1/users/u9").build()));

    assertThat(error.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INTERNAL_ERROR);
    assertThat(error.getJsonRpcError().message()).contains("404", "No user u9");
    assertThat(api.onlyRequest().target()).isEqualTo("/users/u9");
  }

  @Test
  void aUriNoResourceHasIsResourceNotFound() {
    for (String uri : List.of("directory://api.directory.example/v1/groups/1",
        "directory://api.directory.example/v1/users/u1/posts", "directory://api.directory.example/v1/users/")) {
      McpError error = catchThrowableOfType(McpError.class,
          () -> client.readResource(McpSchema.ReadResourceRequest.builder(uri).build()));
      assertThat(error.getJsonRpcError().code()).as(uri).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND);
    }
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void theStatelessServerReadsToo() {
    try (McpProxyServer stateless = McpProxyServer.builder(DirectoryApi.catalog())
        .environment(environment())
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).stateless(true)
            .authToken(AUTH_TOKEN).build())
        .build()
        .start()) {
      McpSyncClient statelessClient =
          McpHttp.connect(stateless.httpPort(), Map.of("Authorization", "Bearer " + AUTH_TOKEN));
      try {
        api.respond(200, "{\"id\":\"u7\"}");
        assertThat(statelessClient.listResourceTemplates().resourceTemplates())
            .extracting(McpSchema.ResourceTemplate::uriTemplate).containsExactly(DirectoryApi.USER);
        McpSchema.ReadResourceResult read = statelessClient.readResource(
            McpSchema.ReadResourceRequest.builder("directory://api.directory.example/v1/users/u7").build());
        assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text()).isEqualTo("{\"id\":\"u7\"}");
        assertThat(api.onlyRequest().target()).isEqualTo("/users/u7");
      } finally {
        statelessClient.closeGracefully();
      }
    }
  }

  @Test
  void stdioReadsThroughTheSameCallPath() {
    api.respond(200, "{\"id\":\"u3\"}");
    try (JsonRpcLines stdio = StdioPipes.start(McpProxyServer.builder(DirectoryApi.catalog())
        .environment(environment()))) {
      assertThat(stdio.initialize()).extracting("capabilities").asInstanceOf(MAP).containsKey("resources");

      Map<String, Object> read = stdio.request("resources/read",
          Map.of("uri", "directory://api.directory.example/v1/users/u3"));

      assertThat(ModernLaneStdioTest.resultOf(read)).extracting("contents").asInstanceOf(LIST).singleElement()
          .asInstanceOf(MAP)
          .containsEntry("uri", "directory://api.directory.example/v1/users/u3")
          .containsEntry("mimeType", "application/json")
          .containsEntry("text", "{\"id\":\"u3\"}");
      assertThat(api.onlyRequest().target()).isEqualTo("/users/u3");
    }
  }

  @Test
  void aCatalogWithoutResourcesDeclaresNone() {
    try (McpProxyServer plain = McpProxyServer.builder(TestCatalog.catalog())
        .environment(Map.of("BASE_URL", api.baseUrl()))
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).authToken(AUTH_TOKEN)
            .build())
        .build()
        .start()) {
      McpSyncClient plainClient = McpHttp.connect(plain.httpPort(), Map.of("Authorization", "Bearer " + AUTH_TOKEN));
      try {
        assertThat(plainClient.getServerCapabilities().resources()).isNull();
      } finally {
        plainClient.closeGracefully();
      }
      HttpResponse<String> discover = modern(plain.httpPort(), "server/discover", null, "");
      assertThat(modernResult(discover)).extracting("capabilities").asInstanceOf(MAP).doesNotContainKey("resources");
      HttpResponse<String> list = modern(plain.httpPort(), "resources/list", null, "");
      assertThat(list.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theModernLaneListsAndReadsPerTheSchemaOf20260728() {
    Map<String, Object> discover = modernResult(modern(server.httpPort(), "server/discover", null, ""));
    assertThat(discover).extracting("capabilities").asInstanceOf(MAP).containsKeys("tools", "resources");

    Map<String, Object> list = modernResult(modern(server.httpPort(), "resources/list", null, ""));
    assertThat(list).containsEntry("resultType", "complete").containsEntry("ttlMs", 3_600_000)
        .containsEntry("cacheScope", "public");
    assertThat(list).extracting("resources").asInstanceOf(LIST).singleElement().asInstanceOf(MAP)
        .containsEntry("uri", DirectoryApi.ME).containsEntry("name", "getMe");
    Map<String, Object> templates = modernResult(modern(server.httpPort(), "resources/templates/list", null, ""));
    assertThat(templates).containsEntry("ttlMs", 3_600_000).containsEntry("cacheScope", "public");
    assertThat(templates).extracting("resourceTemplates").asInstanceOf(LIST).singleElement().asInstanceOf(MAP)
        .containsEntry("uriTemplate", DirectoryApi.USER);

    api.respond(200, "{\"id\":\"u5\"}");
    String uri = "directory://api.directory.example/v1/users/u5";
    Map<String, Object> read =
        modernResult(modern(server.httpPort(), "resources/read", uri, "\"uri\":\"" + uri + "\""));
    assertThat(read).containsEntry("resultType", "complete").containsEntry("ttlMs", 0)
        .containsEntry("cacheScope", "private");
    assertThat(read).extracting("contents").asInstanceOf(LIST).singleElement().asInstanceOf(MAP)
        .containsEntry("uri", uri).containsEntry("mimeType", "application/json")
        .containsEntry("text", "{\"id\":\"u5\"}");
    assertThat(read).extracting("_meta").asInstanceOf(MAP).containsKey("io.modelcontextprotocol/serverInfo");
    assertThat(api.onlyRequest().target()).isEqualTo("/users/u5");
    assertThat(api.onlyRequest().header("Authorization")).isEqualTo("Bearer " + API_TOKEN);

    String unknown = "directory://api.directory.example/v1/teams/t1";
    HttpResponse<String> missing = modern(server.httpPort(), "resources/read", unknown,
        "\"uri\":\"" + unknown + "\"");
    assertThat(missing.statusCode()).isEqualTo(400);
    Map<String, Object> error = ModernLaneStdioTest.errorOf(JsonRpcLines.parse(missing.body()));
    assertThat(error).containsEntry("code", -32602);
    assertThat(error).extracting("data").asInstanceOf(MAP).containsEntry("uri", unknown);
  }

  @Test
  void aModernReadOfAnApiErrorIsAnInternalErrorWithTheApisMessage() {
    api.respond(404, "{\"message\":\"No user u8\"}");
    String uri = "directory://api.directory.example/v1/users/u8";

    HttpResponse<String> response = modern(server.httpPort(), "resources/read", uri, "\"uri\":\"" + uri + "\"");

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> error = ModernLaneStdioTest.errorOf(JsonRpcLines.parse(response.body()));
    assertThat(error).containsEntry("code", McpSchema.ErrorCodes.INTERNAL_ERROR);
    assertThat((String) error.get("message")).contains("404", "No user u8");
  }

  /** A 2026-07-28 request of {@code method} with {@code params} (JSON members, may be empty) and its headers. */
  private static HttpResponse<String> modern(int port, String method, String uri, String params) {
    Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + AUTH_TOKEN,
        "MCP-Protocol-Version", MODERN, "Mcp-Method", method));
    if (uri != null) {
      headers.put("Mcp-Name", uri);
    }
    String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + MODERN + "\","
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    return McpHttp.post(port, headers, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":{"
        + (params.isEmpty() ? "" : params + ",") + meta + "}}");
  }

  private static Map<String, Object> modernResult(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ModernLaneStdioTest.resultOf(JsonRpcLines.parse(response.body()));
  }
}
