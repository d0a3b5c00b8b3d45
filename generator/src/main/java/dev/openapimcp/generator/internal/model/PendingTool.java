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
  private ToolOutput.Promised output;
  private final int remarksEnd;

  /**
   * @param name the tool's name
   * @param definition the tool without its schemas
   * @param input its input schema
   * @param output its output schema, not yet checked against the meta-schema, or {@code null}
   * @param remarksEnd how many remarks the conversion had made when it made this tool, its own last
   */
  PendingTool(OperationRef source, String name, ToolDefinition.Builder definition, HttpBinding.Builder http,
      Map<String, String> fixedHeaders, SchemaParts input, ToolOutput.Promised output, int remarksEnd) {
    this.source = source;
    this.name = name;
    this.definition = definition;
    this.http = http;
    this.fixedHeaders.putAll(fixedHeaders);
    this.input = input;
    this.output = output;
    this.remarksEnd = remarksEnd;
  }

  String name() {
    return name;
  }

  SchemaParts input() {
    return input;
  }

  /** The output schema, or {@code null}. */
  SchemaParts output() {
    return output == null ? null : output.schema();
  }

  /** Where the spec gives the output schema; {@code null} when there is none. */
  String outputPointer() {
    return output == null ? null : output.pointer();
  }

  /** Serves the tool without output schema. */
  void leaveOutOutput() {
    output = null;
  }

  /** Where a remark about this tool goes among the conversion's, after those made with it. */
  int remarksEnd() {
    return remarksEnd;
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
      SchemaParts schema = output.schema();
      definition.outputSchema(definitions.schema(schema.root(), schema.refs().toArray(String[]::new)));
    }
    return definition.http(http.build()).build();
  }
}
