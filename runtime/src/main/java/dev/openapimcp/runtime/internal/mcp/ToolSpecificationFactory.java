package dev.openapimcp.runtime.internal.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openapimcp.runtime.internal.call.ArgumentDecoder;
import dev.openapimcp.runtime.internal.call.ArgumentValidator;
import dev.openapimcp.runtime.internal.call.ToolCallHandler;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.tool.ToolCatalog;
import dev.openapimcp.runtime.tool.ToolDefinition;
import dev.openapimcp.runtime.tool.ToolHints;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the catalog's definitions into SDK tool specifications. Each schema is parsed here, once,
 * and the same parsed map serves {@code tools/list}, argument decoding and validation.
 */
public final class ToolSpecificationFactory {

  private ToolSpecificationFactory() {}

  /**
   * One specification per tool, in catalog order.
   *
   * @throws IllegalStateException when a definition is unusable (a schema that is not a JSON
   *     object, a duplicate name): a defect of the generated code, not of the user's setup
   */
  public static List<SyncToolSpecification> create(
      ToolCatalog catalog,
      RequestBuilder requests,
      UpstreamClient upstream,
      ResultMapper results,
      JsonSchemaValidator validator) {
    List<SyncToolSpecification> specifications = new ArrayList<>(catalog.tools().size());
    Set<String> names = new HashSet<>();
    for (ToolDefinition definition : catalog.tools()) {
      if (!names.add(definition.name())) {
        throw new IllegalStateException("The catalog defines the tool " + definition.name() + " twice.");
      }
      Map<String, Object> inputSchema = parse(definition, "input", definition.inputSchema());
      Map<String, Object> outputSchema =
          definition.outputSchema() == null ? null : parse(definition, "output", definition.outputSchema());
      McpSchema.Tool tool =
          McpSchema.Tool.builder(definition.name(), inputSchema)
              .title(definition.title())
              .description(definition.description())
              .outputSchema(outputSchema)
              .annotations(annotations(definition))
              .build();
      ToolCallHandler handler =
          new ToolCallHandler(
              definition,
              new ArgumentDecoder(inputSchema),
              new ArgumentValidator(definition.name(), inputSchema, validator),
              requests,
              upstream,
              results);
      specifications.add(
          SyncToolSpecification.builder()
              .tool(tool)
              .callHandler((exchange, request) -> handler.call(request.arguments()))
              .build());
    }
    return specifications;
  }

  private static McpSchema.ToolAnnotations annotations(ToolDefinition definition) {
    ToolHints hints = definition.hints();
    return McpSchema.ToolAnnotations.builder()
        .title(definition.title())
        .readOnlyHint(hints.readOnlyHint())
        .destructiveHint(hints.destructiveHint())
        .idempotentHint(hints.idempotentHint())
        .openWorldHint(hints.openWorldHint())
        .build();
  }

  private static Map<String, Object> parse(ToolDefinition definition, String which, String json) {
    try {
      return JsonText.parseTrustedObject(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "The " + which + " schema of tool " + definition.name() + " is not a JSON object: "
              + e.getOriginalMessage(),
          e);
    }
  }
}
