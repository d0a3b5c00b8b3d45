package dev.openapimcp.generator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * @param allowRemoteRefs whether a local spec may {@code $ref} {@code http(s)} addresses; off by
 *     default, so generation never fetches from the network behind the user's back
 * @param serverVariables values for the variables of the spec's first server URL, overriding their
 *     defaults
 * @param dynamicTools whether the generated server starts in discovery mode ({@code --tools dynamic}:
 *     three tools to search, describe and invoke operations, for APIs too large to list), unless
 *     its command line says {@code --tools all}
 * @param exposedTools with {@code dynamicTools}, tools listed directly beside the three (a curated
 *     set, as {@code --expose} gives); each must be a tool of the spec
 * @param allowOutsideRefs whether a local spec may {@code $ref} files outside its own folder (and
 *     the folders below it); off by default, so a spec reads only what lies beside it
 */
public record GeneratorConfig(
    String spec, String packageName, Path outputDirectory, String toolPrefix, String apiName, String serverName,
    OperationFilter filter, boolean allowRemoteRefs, Map<String, String> serverVariables, boolean dynamicTools,
    List<String> exposedTools, boolean allowOutsideRefs) {

  public GeneratorConfig {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    toolPrefix = toolPrefix == null ? "" : toolPrefix;
    filter = filter == null ? OperationFilter.ALL : filter;
    // Sorted, so the configuration's fingerprint does not depend on map order.
    serverVariables = serverVariables == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new TreeMap<>(serverVariables));
    exposedTools = exposedTools == null ? List.of() : List.copyOf(exposedTools);
    if (!dynamicTools && !exposedTools.isEmpty()) {
      throw new IllegalArgumentException("Exposed tools need dynamic tools: with all tools listed there is nothing"
          + " to add.");
    }
  }

  /** A configuration whose references stay in the spec's folder (or, if allowed, on the network). */
  public GeneratorConfig(
      String spec, String packageName, Path outputDirectory, String toolPrefix, String apiName, String serverName,
      OperationFilter filter, boolean allowRemoteRefs, Map<String, String> serverVariables, boolean dynamicTools,
      List<String> exposedTools) {
    this(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, filter, allowRemoteRefs,
        serverVariables, dynamicTools, exposedTools, false);
  }

  /** A configuration whose server lists one tool per operation. */
  public GeneratorConfig(
      String spec, String packageName, Path outputDirectory, String toolPrefix, String apiName, String serverName,
      OperationFilter filter, boolean allowRemoteRefs, Map<String, String> serverVariables) {
    this(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, filter, allowRemoteRefs,
        serverVariables, false, List.of());
  }

  /** A configuration that turns every operation accepted by {@code filter} into a tool. */
  public GeneratorConfig(
      String spec, String packageName, Path outputDirectory, String toolPrefix, String apiName, String serverName,
      OperationFilter filter) {
    this(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, filter, false, Map.of());
  }

  /** A configuration that turns every operation into a tool (see {@link OperationFilter#ALL}). */
  public GeneratorConfig(
      String spec, String packageName, Path outputDirectory, String toolPrefix, String apiName, String serverName) {
    this(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, OperationFilter.ALL);
  }

  /** This configuration with remote {@code $ref}s allowed or not. */
  public GeneratorConfig withAllowRemoteRefs(boolean allow) {
    return new GeneratorConfig(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, filter, allow,
        serverVariables, dynamicTools, exposedTools, allowOutsideRefs);
  }

  /** This configuration with references to files outside the spec's folder allowed or not. */
  public GeneratorConfig withAllowOutsideRefs(boolean allow) {
    return new GeneratorConfig(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, filter,
        allowRemoteRefs, serverVariables, dynamicTools, exposedTools, allow);
  }

  /** This configuration with these server variable values. */
  public GeneratorConfig withServerVariables(Map<String, String> values) {
    return new GeneratorConfig(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, filter,
        allowRemoteRefs, values, dynamicTools, exposedTools, allowOutsideRefs);
  }

  /**
   * This configuration with a server that starts in discovery mode, listing {@code exposed} beside
   * the three discovery tools.
   */
  public GeneratorConfig withDynamicTools(List<String> exposed) {
    return new GeneratorConfig(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, filter,
        allowRemoteRefs, serverVariables, true, exposed, allowOutsideRefs);
  }
}
