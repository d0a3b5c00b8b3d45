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
import java.util.stream.Stream;

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
    List<ToolDefinition> definitions = catalog.tools();
    List<Schemas> schemas = schemas(definitions, PARALLEL_PASS_CHARS);
    List<PreparedTool> prepared = new ArrayList<>(definitions.size());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < definitions.size(); i++) {
      ToolDefinition definition = definitions.get(i);
      if (!names.add(definition.name())) {
        throw new IllegalStateException("The catalog defines the tool " + definition.name() + " twice.");
      }
      Map<String, Object> inputSchema = schemas.get(i).input();
      Map<String, Object> outputSchema = schemas.get(i).output();
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

  /** A tool's schemas, read. */
  record Schemas(Map<String, Object> input, Map<String, Object> output) {}

  /**
   * Above this many characters of schemas the syntax pass runs on every core: Microsoft Graph beta's
   * 21,807 tools hold 269 MB of them, and the pass took about 2 s of each start on one core. GitHub's
   * 1,186 tools (2.6 MB) stay on the calling thread, as starting the common pool's threads costs more
   * than a pass that takes milliseconds.
   */
  static final long PARALLEL_PASS_CHARS = 16L * 1024 * 1024;

  /** Each definition's schemas, in order: on every core when they hold more than {@code parallelAbove} characters. */
  static List<Schemas> schemas(List<ToolDefinition> definitions, long parallelAbove) {
    long chars = 0;
    for (ToolDefinition definition : definitions) {
      chars += definition.inputSchema().length()
          + (definition.outputSchema() == null ? 0 : definition.outputSchema().length());
    }
    Stream<ToolDefinition> stream = chars > parallelAbove ? definitions.parallelStream() : definitions.stream();
    // In catalog order either way; an unusable schema stops the start either way (on every core, with several,
    // any one of them is the one reported).
    return stream.map(definition -> new Schemas(parse(definition, "input", definition.inputSchema()),
        definition.outputSchema() == null ? null : parse(definition, "output", definition.outputSchema())))
        .toList();
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
