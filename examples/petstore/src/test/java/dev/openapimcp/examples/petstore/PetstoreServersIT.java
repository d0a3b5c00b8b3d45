package dev.openapimcp.examples.petstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.RecordedRequest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starts both example servers from the packaged jar, talks MCP to them over stdio with the SDK's
 * client, and checks the HTTP requests that reach a loopback upstream.
 */
class PetstoreServersIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR = Path.of(System.getProperty("server.jar", "target/petstore-mcp-servers.jar"));

  private RecordingUpstream upstream;

  @BeforeEach
  void startUpstream() {
    upstream = RecordingUpstream.start().respond(200, "{\"ok\":true}");
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  private McpSyncClient client(String mainClass, Map<String, String> env) {
    Map<String, String> environment = new HashMap<>(env);
    environment.put("BASE_URL", upstream.baseUrl());
    ServerParameters parameters = ServerParameters.builder(javaLauncher())
        .args("-Xlog:disable", "-Xlog:all=warning:stderr", "-cp", JAR.toString(), mainClass)
        .env(environment)
        .build();
    McpSyncClient client = McpClient.sync(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()))
        .requestTimeout(Duration.ofSeconds(30))
        .build();
    client.initialize();
    return client;
  }

  private static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void petStoreFromOpenApi30YamlSendsTheApiKeyHeader() throws Exception {
    try (McpSyncClient client = client("dev.openapimcp.examples.petstore.PetStoreServer",
        Map.of("PET_STORE_API_KEY", "key-123"))) {
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
          .containsExactly("listPets", "createPet", "getPet", "replacePet", "deletePet", "placeOrder");

      CallToolResult created =
          client.callTool(request("createPet", Map.of("name", "Rex", "tag", "dog", "owner", Map.of("name", "Ann"))));
      assertThat(created.isError()).isFalse();
      RecordedRequest post = upstream.lastRequest();
      assertThat(post.method()).isEqualTo("POST");
      assertThat(post.path()).isEqualTo("/pets");
      assertThat(post.header("X-API-Key")).isEqualTo("key-123");
      assertThat(post.header("Content-Type")).isEqualTo("application/json");
      assertThat(JSON.readTree(post.bodyText()))
          .isEqualTo(JSON.readTree("{\"name\":\"Rex\",\"tag\":\"dog\",\"owner\":{\"name\":\"Ann\"}}"));

      client.callTool(request("listPets", Map.of("tags", List.of("dog", "old"), "limit", 5)));
      RecordedRequest list = upstream.lastRequest();
      assertThat(list.path()).isEqualTo("/pets");
      assertThat(list.query()).isEqualTo("tags=dog&tags=old&limit=5");

      client.callTool(request("deletePet", Map.of("petId", "p/1", "X-Reason", "adopted")));
      RecordedRequest delete = upstream.lastRequest();
      assertThat(delete.method()).isEqualTo("DELETE");
      assertThat(delete.path()).isEqualTo("/pets/p%2F1");
      assertThat(delete.header("X-Reason")).isEqualTo("adopted");

      // A non-object body travels whole, not wrapped in {"body": ...}.
      client.callTool(request("placeOrder", Map.of("body", List.of(Map.of("sku", "bone", "quantity", 2)))));
      assertThat(JSON.readTree(upstream.lastRequest().bodyText()))
          .isEqualTo(JSON.readTree("[{\"sku\":\"bone\",\"quantity\":2}]"));
    }
  }

  @Test
  void aMissingApiKeyIsNamedAndNothingIsSent() {
    try (McpSyncClient client = client("dev.openapimcp.examples.petstore.PetStoreServer", Map.of())) {
      CallToolResult result = client.callTool(request("getPet", Map.of("petId", "1")));
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("PET_STORE_API_KEY", "X-API-Key");
      assertThat(upstream.requests()).isEmpty();

      // listPets declares no security: it works without a key.
      assertThat(client.callTool(request("listPets", Map.of())).isError()).isFalse();
      assertThat(upstream.lastRequest().header("X-API-Key")).isNull();
    }
  }

  @Test
  void bookshelfFromSwagger20SendsTheKeyInTheQueryAndHonoursCollectionFormats() throws Exception {
    try (McpSyncClient client = client("dev.openapimcp.examples.bookshelf.BookshelfServer",
        Map.of("BOOKSHELF_KEY", "k 1"))) {
      List<McpSchema.Tool> tools = client.listTools().tools();
      assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("findBooks", "addBook", "lendBook");
      JsonNode lendSchema = JSON.valueToTree(tools.get(2).inputSchema());
      assertThat(lendSchema.at("/properties/days/maximum").asInt()).isEqualTo(42);

      client.callTool(request("findBooks", Map.of("genre", List.of("sf", "crime"), "year", List.of(1999, 2001))));
      RecordedRequest find = upstream.lastRequest();
      assertThat(find.path()).isEqualTo("/books");
      // multi → repeated, csv → comma separated; the key goes last, from the security scheme.
      assertThat(find.query()).isEqualTo("genre=sf&genre=crime&year=1999,2001&key=k%201");

      client.callTool(request("addBook", Map.of("isbn", "978-0", "title", "Dune", "authors", List.of("Herbert"))));
      RecordedRequest add = upstream.lastRequest();
      assertThat(add.method()).isEqualTo("POST");
      assertThat(JSON.readTree(add.bodyText()))
          .isEqualTo(JSON.readTree("{\"isbn\":\"978-0\",\"title\":\"Dune\",\"authors\":[\"Herbert\"]}"));

      upstream.respond(409, "{\"code\":\"lent\",\"message\":\"Already lent\"}");
      CallToolResult lent = client.callTool(request("lendBook", Map.of("isbn", "978-0")));
      assertThat(lent.isError()).isTrue();
      assertThat(text(lent)).contains("409", "Already lent");
    }
  }

  private static McpSchema.CallToolRequest request(String tool, Map<String, Object> arguments) {
    return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
  }
}
