package dev.openapimcp.generator.internal.model;

import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolDefinition;
import java.util.Map;
import java.util.TreeMap;

/** A tool under construction; {@link CommonHeaders} may still add fixed headers across operations. */
final class PendingTool {

  private final OperationRef source;
  private final ToolDefinition.Builder definition;
  private final HttpBinding.Builder http;
  private final Map<String, String> fixedHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  PendingTool(OperationRef source, ToolDefinition.Builder definition, HttpBinding.Builder http,
      Map<String, String> fixedHeaders) {
    this.source = source;
    this.definition = definition;
    this.http = http;
    this.fixedHeaders.putAll(fixedHeaders);
  }

  OperationRef source() {
    return source;
  }

  /** Header name (any case) to the value the operation always sends. */
  Map<String, String> fixedHeaders() {
    return fixedHeaders;
  }

  ToolDefinition build() {
    fixedHeaders.forEach(http::fixedHeader);
    return definition.http(http.build()).build();
  }
}
