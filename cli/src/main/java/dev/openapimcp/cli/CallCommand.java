package dev.openapimcp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.runtime.server.McpProxyServer;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One tool call without an MCP client, through the same server a client would talk to. */
@Command(name = "call", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Call one tool without an MCP client and print its result.",
        "The call goes through the MCP server in this process, as a client's call would: arguments are"
        + " validated against the tool's schema, then sent to the API as one HTTP request.",
        "Text content goes to stdout (images and files as a one-line summary; --json prints the whole"
        + " result). Credentials come from OPENAPI_MCP_HEADERS or the API's variables (<API>_TOKEN, ...),"
        + " as for the server; BASE_URL or --base-url sets the API's address."},
    footer = {"%nExamples:",
        "  PET_STORE_API_KEY=... openapi-mcp call --spec petstore.yaml \\",
        "      getPet '{\"petId\":\"1\"}'",
        "  openapi-mcp call --spec api.json --base-url http://localhost:8080 listItems"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the call succeeded", "1:the result is an error (isError), or the call failed",
        "2:invalid input: unknown option or tool, unreadable spec, arguments that are not a JSON object"})
final class CallCommand extends OneSpecCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--base-url", paramLabel = "URL",
      description = "API address instead of the spec's server; wins over BASE_URL.")
  String baseUrl;

  @Option(names = "--json", description = "Print the whole MCP result (content, structuredContent, isError) as JSON.")
  boolean json;

  @Parameters(index = "0", paramLabel = "TOOL", description = "Tool name, as the tools command lists it.")
  String tool;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ARGUMENTS", defaultValue = "{}",
      description = "Arguments as a JSON object (default: {}).")
  String arguments;

  @Override
  int run() throws Exception {
    ObjectNode callArguments = parseArguments();
    Map<String, String> callEnvironment = new HashMap<>(environment);
    if (baseUrl != null) {
      callEnvironment.put(BaseUrlOverride.VARIABLE, BaseUrlOverride.check(baseUrl));
    }
    ToolCatalog catalog = catalog();
    if (catalog.tools().stream().map(ToolDefinition::name).noneMatch(tool::equals)) {
      throw new IllegalArgumentException("No tool is named '" + tool + "'; the tools command lists them.");
    }
    quietStartMessage();
    JsonNode response;
    try (InProcessClient client = new InProcessClient(
        McpProxyServer.builder(catalog).environment(callEnvironment))) {
      client.initialize("openapi-mcp call", Version.number());
      response = client.callTool(tool, callArguments);
    }
    if (response.has("error")) {
      err().println("The server answered with an error: " + response.at("/error/message").asText());
      return OpenApiMcp.EXIT_FAILURE;
    }
    JsonNode result = response.path("result");
    if (json) {
      out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    } else {
      for (JsonNode content : result.path("content")) {
        out().println(describe(content));
      }
    }
    return result.path("isError").asBoolean(false) ? OpenApiMcp.EXIT_FAILURE : OpenApiMcp.EXIT_OK;
  }

  private ObjectNode parseArguments() {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("ARGUMENTS is not JSON: " + e.getOriginalMessage() + ".", e);
    }
    if (parsed == null || !parsed.isObject()) {
      throw new IllegalArgumentException("ARGUMENTS must be a JSON object, such as {\"id\":\"1\"}.");
    }
    return (ObjectNode) parsed;
  }

  /** Text as it is; images and files as one line, since their base64 is no use on a terminal. */
  private static String describe(JsonNode content) {
    String type = content.path("type").asText();
    switch (type) {
      case "text":
        return content.path("text").asText();
      case "image":
      case "audio":
        return "[" + type + " " + content.path("mimeType").asText() + ", "
            + decodedLength(content.path("data").asText()) + " bytes; --json shows it]";
      case "resource":
        JsonNode resource = content.path("resource");
        if (resource.has("text")) {
          return resource.path("text").asText();
        }
        return "[" + resource.path("uri").asText() + " " + resource.path("mimeType").asText() + ", "
            + decodedLength(resource.path("blob").asText()) + " bytes; --json shows it]";
      default:
        return content.toString();
    }
  }

  private static int decodedLength(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      return base64.length();
    }
  }

  /**
   * The server's "serving N tools over stdio" line is noise for one call; its warnings (no
   * credentials, say) are not. Works when nothing has configured the logger yet.
   */
  private static void quietStartMessage() {
    String property = "org.slf4j.simpleLogger.log." + McpProxyServer.class.getName();
    if (System.getProperty(property) == null) {
      System.setProperty(property, "warn");
    }
  }
}
