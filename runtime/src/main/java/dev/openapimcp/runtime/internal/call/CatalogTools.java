package dev.openapimcp.runtime.internal.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import dev.openapimcp.runtime.internal.json.ObjectText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.settings.ServerSettings.Validation;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's tools, ready to serve: each definition's schemas parsed once, the same parsed map
 * serving {@code tools/list}, argument decoding and validation, and each tool paired with the
 * {@link ToolCallHandler} that runs its calls.
 */
public final class CatalogTools {

  private CatalogTools() {}

  /**
   * One prepared tool per definition, in catalog order, checking arguments as {@code validation} says.
   *
   * @throws IllegalStateException when a definition is unusable (a schema that is not a JSON
   *     object, a duplicate name): a defect of the generated code, not of the user's setup
   */
  public static List<PreparedTool> prepare(
      ToolCatalog catalog,
      RequestBuilder requests,
      UpstreamClient upstream,
      ResultMapper results,
      JsonSchemaValidator validator,
      Validation validation) {
    List<PreparedTool> prepared = new ArrayList<>(catalog.tools().size());
    Set<String> names = new HashSet<>();
    for (ToolDefinition definition : catalog.tools()) {
      if (!names.add(definition.name())) {
        throw new IllegalStateException("The catalog defines the tool " + definition.name() + " twice.");
      }
      Map<String, Object> inputSchema = parse(definition, "input", definition.inputSchema());
      Map<String, Object> outputSchema =
          definition.outputSchema() == null ? null : parse(definition, "output", definition.outputSchema());
      ToolCallHandler handler =
          new ToolCallHandler(
              definition,
              new ArgumentDecoder(inputSchema),
              new ArgumentValidator(definition.name(), inputSchema, validator),
              validation,
              requests,
              upstream,
              results,
              outputSchema);
      prepared.add(new PreparedTool(describe(definition, inputSchema, outputSchema), handler));
    }
    return List.copyOf(prepared);
  }

  /** The tool as {@code tools/list} shows it. */
  private static McpSchema.Tool describe(
      ToolDefinition definition, Map<String, Object> inputSchema, Map<String, Object> outputSchema) {
    ToolHints hints = definition.hints();
    return McpSchema.Tool.builder(definition.name(), inputSchema)
        .title(definition.title())
        .description(definition.description())
        .outputSchema(outputSchema)
        .annotations(McpSchema.ToolAnnotations.builder()
            .title(definition.title())
            .readOnlyHint(hints.readOnlyHint())
            .destructiveHint(hints.destructiveHint())
            .idempotentHint(hints.idempotentHint())
            .openWorldHint(hints.openWorldHint())
            .build())
        .build();
  }

  static Map<String, Object> parse(ToolDefinition definition, String which, String json) {
    try {
      // Read on first use: at start only a syntax pass (see ObjectText).
      return ObjectText.of(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "The " + which + " schema of tool " + definition.name() + " is not a JSON object: "
              + e.getOriginalMessage(),
          e);
    }
  }
}
