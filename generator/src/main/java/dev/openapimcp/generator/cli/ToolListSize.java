package dev.openapimcp.generator.cli;

import dev.openapimcp.runtime.internal.mcp.ToolSpecificationFactory;
import dev.openapimcp.runtime.tool.ToolCatalog;
import dev.openapimcp.runtime.tool.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a catalog's tools cost a model's context, measured on the {@code tools/list} result exactly
 * as the server serialises it (the SDK's {@link McpSchema.Tool} with the runtime's mapper).
 *
 * @param entryBytes per tool, in catalog order: its entry in the list (name, title, description,
 *     schemas, annotations)
 * @param schemaBytes per tool, in catalog order: its input schema
 * @param listBytes the whole {@code tools/list} result
 */
record ToolListSize(List<Integer> entryBytes, List<Integer> schemaBytes, int listBytes) {

  /**
   * Bytes of JSON per token, roughly, for current models' tokenizers. Token counts derived from it
   * are estimates and are always labelled so.
   */
  static final int BYTES_PER_TOKEN = 4;

  static ToolListSize of(ToolCatalog catalog) {
    List<McpSchema.Tool> tools = new ArrayList<>();
    List<Integer> entries = new ArrayList<>();
    List<Integer> schemas = new ArrayList<>();
    for (ToolDefinition definition : catalog.tools()) {
      McpSchema.Tool tool = ToolSpecificationFactory.describe(definition);
      tools.add(tool);
      entries.add(serialised(tool));
      schemas.add(bytes(definition.inputSchema()));
    }
    return new ToolListSize(List.copyOf(entries), List.copyOf(schemas),
        serialised(McpSchema.ListToolsResult.builder(tools).build()));
  }

  /** The sum of the input schemas. */
  int totalSchemaBytes() {
    return schemaBytes.stream().mapToInt(Integer::intValue).sum();
  }

  static int approxTokens(int bytes) {
    return (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
  }

  /** The UTF-8 length of {@code value} as the server writes it. */
  private static int serialised(Object value) {
    try {
      return McpJsonDefaults.getMapper().writeValueAsBytes(value).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
