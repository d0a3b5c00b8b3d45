package dev.openapimcp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What the spec's tools cost a model's context. */
@Command(name = "tools", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"List the spec's tools and what they cost a model's context.",
        "Per tool: name, HTTP method, path, input schema size in bytes and approximate tokens, and the size of"
        + " its whole entry in tools/list (with title, description and annotations). Then the totals, with the"
        + " size of the tools/list result exactly as the server serialises it.",
        "Token counts are approximate: bytes / " + ToolListSize.BYTES_PER_TOKEN + ", rounded up; real"
        + " tokenizers differ."},
    footer = {"%nExamples:", "  openapi-mcp tools --spec petstore.yaml",
        "  openapi-mcp tools --spec api.json --exclude 'method:DELETE' --json"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:failure", "2:invalid input: unknown option, unreadable spec, bad value"})
final class ToolsCommand extends OneSpecCommand {

  @Option(names = "--json", description = "Print JSON for programs instead of a table.")
  boolean json;

  @Override
  int run() throws Exception {
    ToolCatalog catalog = catalog();
    ToolListSize size = ToolListSize.of(catalog);
    if (json) {
      out().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report(catalog, size)));
    } else {
      table(catalog.tools(), size);
    }
    return OpenApiMcp.EXIT_OK;
  }

  private void table(List<ToolDefinition> tools, ToolListSize size) {
    int nameWidth = Math.max(4, tools.stream().mapToInt(t -> t.name().length()).max().orElse(0));
    int pathWidth = Math.max(4, tools.stream().mapToInt(t -> t.http().pathTemplate().length()).max().orElse(0));
    String row = "%-" + nameWidth + "s  %-7s %-" + pathWidth + "s  %12s  %13s  %11s%n";
    out().printf(row, "TOOL", "METHOD", "PATH", "SCHEMA BYTES", "SCHEMA TOKENS", "ENTRY BYTES");
    for (int i = 0; i < tools.size(); i++) {
      ToolDefinition tool = tools.get(i);
      int schema = size.schemaBytes().get(i);
      out().printf(row, tool.name(), tool.http().method(), tool.http().pathTemplate(), schema,
          "~" + ToolListSize.approxTokens(schema), size.entryBytes().get(i));
    }
    int schemas = size.totalSchemaBytes();
    out().printf("%n%d tools. Input schemas: %d bytes (~%d tokens). The tools/list result: %d bytes"
            + " (~%d tokens).%nTokens are approximate (bytes / %d).%n",
        tools.size(), schemas, ToolListSize.approxTokens(schemas), size.listBytes(),
        ToolListSize.approxTokens(size.listBytes()), ToolListSize.BYTES_PER_TOKEN);
  }

  private static ObjectNode report(ToolCatalog catalog, ToolListSize size) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("server", catalog.serverName()).put("baseUrl", catalog.baseUrl());
    ArrayNode tools = root.putArray("tools");
    for (int i = 0; i < catalog.tools().size(); i++) {
      ToolDefinition tool = catalog.tools().get(i);
      int schema = size.schemaBytes().get(i);
      tools.addObject().put("name", tool.name()).put("method", tool.http().method())
          .put("path", tool.http().pathTemplate()).put("schemaBytes", schema)
          .put("approxSchemaTokens", ToolListSize.approxTokens(schema))
          .put("entryBytes", size.entryBytes().get(i));
    }
    ObjectNode total = root.putObject("total");
    total.put("tools", catalog.tools().size()).put("schemaBytes", size.totalSchemaBytes())
        .put("approxSchemaTokens", ToolListSize.approxTokens(size.totalSchemaBytes()))
        .put("toolsListBytes", size.listBytes())
        .put("approxToolsListTokens", ToolListSize.approxTokens(size.listBytes()))
        .put("bytesPerToken", ToolListSize.BYTES_PER_TOKEN);
    return root;
  }
}
