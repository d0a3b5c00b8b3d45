package dev.openapimcp.generator.internal.model;

import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.SharedDefinitions;
import dev.openapimcp.model.ToolDefinition;
import java.util.Map;
import java.util.TreeMap;

/** A tool under construction; {@link CommonHeaders} may still add fixed headers across operations. */
final class PendingTool {

  private final OperationRef source;
  private final String name;
  private final ToolDefinition.Builder definition;
  private final HttpBinding.Builder http;
  private final Map<String, String> fixedHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final SchemaParts input;
  private final SchemaParts output;

  /**
   * @param name the tool's name
   * @param definition the tool without its schemas
   * @param input its input schema
   * @param output its output schema, or {@code null}
   */
  PendingTool(OperationRef source, String name, ToolDefinition.Builder definition, HttpBinding.Builder http,
      Map<String, String> fixedHeaders, SchemaParts input, SchemaParts output) {
    this.source = source;
    this.name = name;
    this.definition = definition;
    this.http = http;
    this.fixedHeaders.putAll(fixedHeaders);
    this.input = input;
    this.output = output;
  }

  String name() {
    return name;
  }

  SchemaParts input() {
    return input;
  }

  /** The output schema, or {@code null}. */
  SchemaParts output() {
    return output;
  }

  OperationRef source() {
    return source;
  }

  /** Header name (any case) to the value the operation always sends. */
  Map<String, String> fixedHeaders() {
    return fixedHeaders;
  }

  /** The tool, with its schemas made whole from {@code definitions}; without output schema unless {@code withOutput}. */
  ToolDefinition build(SharedDefinitions definitions, boolean withOutput) {
    fixedHeaders.forEach(http::fixedHeader);
    definition.inputSchema(definitions.schema(input.root(), input.refs().toArray(String[]::new)));
    if (withOutput && output != null) {
      definition.outputSchema(definitions.schema(output.root(), output.refs().toArray(String[]::new)));
    }
    return definition.http(http.build()).build();
  }
}
