package dev.openapimcp.generator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to generate and where.
 *
 * @param spec the OpenAPI description: a file path or an {@code http(s)://} / {@code file:} URL
 * @param packageName Java package of the generated classes
 * @param outputDirectory source root the generated {@code .java} files are written under
 * @param toolPrefix prefix of every tool name ({@code "API-"} for Notion), may be empty
 * @param apiName short API name used for class names and the token variable ({@code "Notion"} gives
 *     {@code NotionTools}, {@code NotionServer} and {@code NOTION_TOKEN}); {@code null} derives it
 *     from the spec's title
 * @param serverName MCP server name reported to clients; {@code null} derives it from the API name
 * @param filter which operations become tools
 */
public record GeneratorConfig(
    String spec, String packageName, Path outputDirectory, String toolPrefix, String apiName, String serverName,
    OperationFilter filter) {

  public GeneratorConfig {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    toolPrefix = toolPrefix == null ? "" : toolPrefix;
    filter = filter == null ? OperationFilter.ALL : filter;
  }

  /** A configuration that turns every operation into a tool (see {@link OperationFilter#ALL}). */
  public GeneratorConfig(
      String spec, String packageName, Path outputDirectory, String toolPrefix, String apiName, String serverName) {
    this(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, OperationFilter.ALL);
  }
}
