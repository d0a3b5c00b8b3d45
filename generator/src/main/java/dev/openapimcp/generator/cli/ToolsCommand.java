package dev.openapimcp.generator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.runtime.internal.mcp.ToolSpecificationFactory;
import dev.openapimcp.runtime.tool.ToolCatalog;
import dev.openapimcp.runtime.tool.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the spec's tools cost a model's context. */
@Command(name = "tools", mixinStandardHelpOptions = true,
    description = {"List the tools and what they cost a model's context.",
        "Per tool: name, method, path, input schema bytes and approximate tokens; then the size of the whole",
        "tools/list answer as the server sends it."},
    footer = "%nExample:%n  openapi-mcp tools --spec petstore.yaml --json")
final class ToolsCommand extends SpecCommand {

  /** Roughly four bytes of JSON per token for current models' tokenizers: an estimate, said as one. */
  static final int BYTES_PER_TOKEN = 4;

  @Mixin
  SpecOptions spec;

  @Option(names = "--json", description = "Print JSON for machines.")
  boolean json;

  @Override
  int run() throws Exception {
    ToolCatalog catalog = spec.catalog();
    int listBytes = toolsListBytes(catalog);
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      ArrayNode tools = root.putArray("tools");
      for (ToolDefinition tool : catalog.tools()) {
        int bytes = bytes(tool.inputSchema());
        tools.addObject().put("name", tool.name()).put("method", tool.http().method())
            .put("path", tool.http().pathTemplate()).put("schemaBytes", bytes)
            .put("approxTokens", bytes / BYTES_PER_TOKEN);
      }
      root.put("count", catalog.tools().size()).put("toolsListBytes", listBytes)
          .put("approxTokens", listBytes / BYTES_PER_TOKEN);
      out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      return 0;
    }
    int nameWidth = Math.max(4, catalog.tools().stream().mapToInt(t -> t.name().length()).max().orElse(4));
    int pathWidth = Math.max(4, catalog.tools().stream().mapToInt(t -> t.http().pathTemplate().length()).max()
        .orElse(4));
    String row = "%-" + nameWidth + "s  %-7s %-" + pathWidth + "s %12s %8s%n";
    out().printf(row, "TOOL", "METHOD", "PATH", "SCHEMA BYTES", "~TOKENS");
    for (ToolDefinition tool : catalog.tools()) {
      int bytes = bytes(tool.inputSchema());
      out().printf(row, tool.name(), tool.http().method(), tool.http().pathTemplate(), bytes,
          bytes / BYTES_PER_TOKEN);
    }
    out().printf("%n%d tools; the tools/list answer is %d bytes, about %d tokens (4 bytes a token).%n",
        catalog.tools().size(), listBytes, listBytes / BYTES_PER_TOKEN);
    return 0;
  }

  /** The {@code tools/list} result exactly as the server serialises it. */
  static int toolsListBytes(ToolCatalog catalog) throws IOException {
    List<McpSchema.Tool> tools = new ArrayList<>();
    for (ToolDefinition tool : catalog.tools()) {
      tools.add(ToolSpecificationFactory.describe(tool));
    }
    return bytes(McpJsonDefaults.getMapper().writeValueAsString(new McpSchema.ListToolsResult(tools, null)));
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
