package dev.openapimcp.generator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.runtime.server.McpProxyServer;
import dev.openapimcp.runtime.tool.ToolCatalog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One tool call without an MCP client: the same server, in this process, spoken to over MCP on
 * in-memory pipes, so the call takes exactly the path a client's call takes.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"Call one tool without an MCP client and print its result.",
        "Text goes to stdout; exit code 1 when the result is an error. Credentials come from",
        "OPENAPI_MCP_HEADERS or the API's variables, as for the server."},
    footer = "%nExample:%n  PET_STORE_API_KEY=... openapi-mcp call --spec petstore.yaml getPet '{\"petId\":\"1\"}'")
final class CallCommand extends SpecCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  SpecOptions spec;

  @Option(names = "--base-url", paramLabel = "URL", description = "API address instead of the spec's server.")
  String baseUrl;

  @Parameters(index = "0", paramLabel = "TOOL", description = "Tool name (see the tools command).")
  String tool;

  @Parameters(index = "1", paramLabel = "ARGUMENTS", defaultValue = "{}", description = "Arguments as a JSON object.")
  String arguments;

  @Override
  int run() throws Exception {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(arguments);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      err().println("ARGUMENTS is not JSON: " + e.getOriginalMessage());
      return OpenApiMcp.EXIT_INVALID;
    }
    if (!parsed.isObject()) {
      err().println("ARGUMENTS must be a JSON object, such as {\"id\":\"1\"}.");
      return OpenApiMcp.EXIT_INVALID;
    }
    ToolCatalog catalog = ServeCommand.withBaseUrl(spec.catalog(), baseUrl);
    if (catalog.tools().stream().noneMatch(t -> t.name().equals(tool))) {
      err().println("No tool named " + tool + "; the tools command lists them.");
      return OpenApiMcp.EXIT_INVALID;
    }
    JsonNode result = call(catalog, (ObjectNode) parsed);
    if (result.has("error")) {
      err().println(result.path("error").path("message").asText());
      return OpenApiMcp.EXIT_FAILURE;
    }
    JsonNode answer = result.path("result");
    for (JsonNode content : answer.path("content")) {
      out().println(content.has("text") ? content.get("text").asText() : content.toString());
    }
    return answer.path("isError").asBoolean(false) ? OpenApiMcp.EXIT_FAILURE : 0;
  }

  private JsonNode call(ToolCatalog catalog, ObjectNode callArguments) throws Exception {
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
    PipedInputStream fromServer = new PipedInputStream(1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream(fromServer);
    Map<String, String> environment = new HashMap<>(System.getenv());
    try (McpProxyServer server = McpProxyServer.builder(catalog).environment(environment).input(serverIn)
        .output(serverOut).build().start()) {
      BufferedReader replies = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
      send(toServer, JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize")
          .set("params", JSON.readTree("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\"openapi-mcp call\",\"version\":\"1\"}}")));
      awaitReply(replies, 1);
      send(toServer, JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
      ObjectNode params = JSON.createObjectNode().put("name", tool);
      params.set("arguments", callArguments);
      send(toServer, JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 2).put("method", "tools/call")
          .set("params", params));
      JsonNode reply = awaitReply(replies, 2);
      toServer.close();
      return reply;
    }
  }

  private static void send(OutputStream to, JsonNode message) throws Exception {
    to.write((message.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    to.flush();
  }

  private static JsonNode awaitReply(BufferedReader replies, int id) throws Exception {
    for (String line = replies.readLine(); line != null; line = replies.readLine()) {
      JsonNode message = JSON.readTree(line);
      if (message.path("id").asInt(-1) == id) {
        return message;
      }
    }
    throw new IllegalStateException("The server closed before answering request " + id);
  }
}
