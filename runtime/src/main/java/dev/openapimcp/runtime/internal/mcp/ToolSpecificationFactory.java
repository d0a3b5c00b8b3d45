package dev.openapimcp.runtime.internal.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openapimcp.runtime.internal.call.ArgumentDecoder;
import dev.openapimcp.runtime.internal.call.ArgumentValidator;
import dev.openapimcp.runtime.internal.call.ToolCallHandler;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
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

  /** A tool as listed and the handler that runs it, ready for either kind of SDK server. */
  public record PreparedTool(McpSchema.Tool tool, ToolHandler handler) {}

  private ToolSpecificationFactory() {}

  /**
   * One specification per tool, in catalog order, for the SDK's session-based servers (stdio and
   * stateful Streamable HTTP).
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
    return stateful(prepare(catalog, requests, upstream, results, validator));
  }

  /** Specifications for the SDK's session-based servers; headers a request carries reach its call. */
  public static List<SyncToolSpecification> stateful(List<PreparedTool> tools) {
    return tools.stream()
        .map(prepared -> SyncToolSpecification.builder()
            .tool(prepared.tool())
            .callHandler((exchange, request) -> prepared.handler()
                .call(request.arguments(), PerRequestHeaders.from(exchange.transportContext())))
            .build())
        .toList();
  }

  /** Specifications for the SDK's stateless Streamable HTTP server. */
  public static List<McpStatelessServerFeatures.SyncToolSpecification> stateless(List<PreparedTool> tools) {
    return tools.stream()
        .map(prepared -> McpStatelessServerFeatures.SyncToolSpecification.builder()
            .tool(prepared.tool())
            .callHandler((context, request) -> prepared.handler()
                .call(request.arguments(), PerRequestHeaders.from(context)))
            .build())
        .toList();
  }

  /**
   * Parses each definition once and pairs its SDK tool with its handler, in catalog order.
   *
   * @throws IllegalStateException as {@link #create}
   */
  public static List<PreparedTool> prepare(
      ToolCatalog catalog,
      RequestBuilder requests,
      UpstreamClient upstream,
      ResultMapper results,
      JsonSchemaValidator validator) {
    List<PreparedTool> prepared = new ArrayList<>(catalog.tools().size());
    Set<String> names = new HashSet<>();
    for (ToolDefinition definition : catalog.tools()) {
      if (!names.add(definition.name())) {
        throw new IllegalStateException("The catalog defines the tool " + definition.name() + " twice.");
      }
      Map<String, Object> inputSchema = parse(definition, "input", definition.inputSchema());
      Map<String, Object> outputSchema =
          definition.outputSchema() == null ? null : parse(definition, "output", definition.outputSchema());
      McpSchema.Tool tool = describe(definition, inputSchema, outputSchema);
      ToolCallHandler handler =
          new ToolCallHandler(
              definition,
              new ArgumentDecoder(inputSchema),
              new ArgumentValidator(definition.name(), inputSchema, validator),
              requests,
              upstream,
              results);
      prepared.add(new PreparedTool(tool, handler));
    }
    return List.copyOf(prepared);
  }

  /** The tool as {@code tools/list} shows it (used by the command line to measure the list). */
  public static McpSchema.Tool describe(ToolDefinition definition) {
    return describe(definition, parse(definition, "input", definition.inputSchema()),
        definition.outputSchema() == null ? null : parse(definition, "output", definition.outputSchema()));
  }

  private static McpSchema.Tool describe(
      ToolDefinition definition, Map<String, Object> inputSchema, Map<String, Object> outputSchema) {
    return McpSchema.Tool.builder(definition.name(), inputSchema)
        .title(definition.title())
        .description(definition.description())
        .outputSchema(outputSchema)
        .annotations(annotations(definition))
        .build();
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
