package dev.openapimcp.runtime.internal.tool;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * A tool as {@code tools/list} shows it and the handler that answers its calls: what every
 * transport and protocol lane serves.
 */
public record PreparedTool(McpSchema.Tool tool, ToolHandler handler) {}
