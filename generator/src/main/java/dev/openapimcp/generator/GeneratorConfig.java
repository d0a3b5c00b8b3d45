package dev.openapimcp.generator;

import dev.openapimcp.model.ToolMode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to generate and where: the one configuration every front end binds (the Maven plugin, the
 * command line, tests). Build it with {@link #builder}; every component has its default there, and
 * {@link dev.openapimcp.generator.internal.cache.Fingerprint} hashes every component, so a new one
 * cannot be forgotten by the up-to-date check.
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
 * @param toolMode how the generated server starts: every tool, or discovery mode ({@code --tools
 *     dynamic}: three tools to search, describe and invoke operations, for APIs too large to list),
 *     which its command line can still change; {@link ToolMode#AUTO} (the default) chooses discovery
 *     mode when the {@code tools/list} of every tool would be larger than {@link
 *     ToolListSize#DISCOVERY_THRESHOLD_BYTES}
 * @param exposedTools in discovery mode, tools listed directly beside the three (a curated set, as
 *     {@code --expose} gives); each must be a tool of the spec
 * @param allowOutsideRefs whether a local spec may {@code $ref} files outside its own folder (and
 *     the folders below it); off by default, so a spec reads only what lies beside it
 * @param resources whether GET operations are also offered as MCP resources: one without required
 *     arguments as a resource, one whose required arguments are all path parameters as a resource
 *     template; off by default (the tools are served either way)
 */
public record GeneratorConfig(
    String spec, String packageName, Path outputDirectory, String toolPrefix, String apiName, String serverName,
    OperationFilter filter, boolean allowRemoteRefs, Map<String, String> serverVariables, ToolMode toolMode,
    List<String> exposedTools, boolean allowOutsideRefs, boolean resources) {

  /** The package of commands that only read the spec and never write sources. */
  private static final String UNUSED_PACKAGE = "unused";

  public GeneratorConfig {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    toolPrefix = toolPrefix == null ? "" : toolPrefix;
    filter = filter == null ? OperationFilter.ALL : filter;
    // Sorted, so the configuration's fingerprint does not depend on map order.
    serverVariables = serverVariables == null ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(serverVariables));
    toolMode = toolMode == null ? ToolMode.AUTO : toolMode;
    exposedTools = exposedTools == null ? List.of() : List.copyOf(exposedTools);
    if (toolMode != ToolMode.DYNAMIC && !exposedTools.isEmpty()) {
      throw new IllegalArgumentException("Exposed tools need the dynamic tool mode: with all tools listed there is"
          + " nothing to add.");
    }
  }

  /** Starts a configuration for {@code spec} (a file path or an {@code http(s)://} / {@code file:} URL). */
  public static Builder builder(String spec) {
    return new Builder(spec);
  }

  /** A builder holding this configuration, to change some of it. */
  public Builder toBuilder() {
    return new Builder(spec).packageName(packageName).outputDirectory(outputDirectory).toolPrefix(toolPrefix)
        .apiName(apiName).serverName(serverName).filter(filter).allowRemoteRefs(allowRemoteRefs)
        .serverVariables(serverVariables).toolMode(toolMode).exposedTools(exposedTools)
        .allowOutsideRefs(allowOutsideRefs).resources(resources);
  }

  /**
   * Builds a {@link GeneratorConfig}. Defaults: no prefix, names from the spec, every operation, no
   * remote references and none outside the spec's folder, the servers' own variable defaults, one tool
   * per operation unless they are too many for a model's context ({@link ToolMode#AUTO}), no resources. Commands
   * that only read the spec need neither package nor output directory.
   */
  public static final class Builder {
    private final String spec;
    private String packageName = UNUSED_PACKAGE;
    private Path outputDirectory = Path.of(UNUSED_PACKAGE);
    private String toolPrefix = "";
    private String apiName;
    private String serverName;
    private OperationFilter filter = OperationFilter.ALL;
    private boolean allowRemoteRefs;
    private Map<String, String> serverVariables = Map.of();
    private ToolMode toolMode = ToolMode.AUTO;
    private List<String> exposedTools = List.of();
    private boolean allowOutsideRefs;
    private boolean resources;

    private Builder(String spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    public Builder packageName(String packageName) {
      this.packageName = packageName;
      return this;
    }

    public Builder outputDirectory(Path outputDirectory) {
      this.outputDirectory = outputDirectory;
      return this;
    }

    public Builder toolPrefix(String toolPrefix) {
      this.toolPrefix = toolPrefix;
      return this;
    }

    public Builder apiName(String apiName) {
      this.apiName = apiName;
      return this;
    }

    public Builder serverName(String serverName) {
      this.serverName = serverName;
      return this;
    }

    public Builder filter(OperationFilter filter) {
      this.filter = filter;
      return this;
    }

    public Builder allowRemoteRefs(boolean allowRemoteRefs) {
      this.allowRemoteRefs = allowRemoteRefs;
      return this;
    }

    public Builder serverVariables(Map<String, String> serverVariables) {
      this.serverVariables = serverVariables;
      return this;
    }

    public Builder toolMode(ToolMode toolMode) {
      this.toolMode = toolMode;
      return this;
    }

    public Builder exposedTools(List<String> exposedTools) {
      this.exposedTools = exposedTools;
      return this;
    }

    public Builder allowOutsideRefs(boolean allowOutsideRefs) {
      this.allowOutsideRefs = allowOutsideRefs;
      return this;
    }

    public Builder resources(boolean resources) {
      this.resources = resources;
      return this;
    }

    /** @throws IllegalArgumentException when exposed tools are given without the dynamic tool mode */
    public GeneratorConfig build() {
      return new GeneratorConfig(spec, packageName, outputDirectory, toolPrefix, apiName, serverName, filter,
          allowRemoteRefs, serverVariables, toolMode, exposedTools, allowOutsideRefs, resources);
    }
  }
}
