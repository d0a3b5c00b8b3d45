package dev.openapimcp.cli;

import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.OperationFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command shares, as the Maven plugin has them: naming and which operations. Which
 * spec is {@link SpecSource}'s ({@code lint} also takes many).
 */
final class SpecOptions {

  /** The description of {@code --spec}, wherever it is declared. */
  static final String SPEC_DESCRIPTION =
      "OpenAPI description (3.0, 3.1 or Swagger 2.0; JSON or YAML): a file or an http(s) URL.";

  @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "Prefix of every tool name (API- gives the Notion server's names).")
  String prefix;

  @Option(names = "--api-name", paramLabel = "NAME",
      description = "Short API name for class names and variables (Notion: NotionServer, NOTION_TOKEN);"
          + " default from the spec's title.")
  String apiName;

  @Option(names = "--server-name", paramLabel = "NAME",
      description = "MCP server name reported to clients; default <api-name>-mcp-server.")
  String serverName;

  @Option(names = "--include", paramLabel = "PATTERN",
      description = "Keep only matching operations (repeatable): tag:<glob>, method:<METHOD>, path:<glob>"
          + " or an operationId glob.")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "PATTERN",
      description = "Leave out matching operations (repeatable); same patterns as --include.")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--include-deprecated", description = "Also turn deprecated operations into tools.")
  boolean includeDeprecated;

  @Option(names = "--allow-remote-refs",
      description = "Let a local spec $ref http(s) addresses, and a spec read from the network addresses of other"
          + " sites (they are fetched now).")
  boolean allowRemoteRefs;

  @Option(names = "--allow-outside-refs",
      description = "Let a local spec $ref files outside its own folder (and the folders below it).")
  boolean allowOutsideRefs;

  @Option(names = "--server-variable", paramLabel = "NAME=VALUE",
      description = "Value of a {variable} of the spec's server URL (repeatable). The first server entry that"
          + " has every variable given is used (else the first entry); a name no entry has is an error.")
  Map<String, String> serverVariables = new LinkedHashMap<>();

  /** The generator configuration these options give for {@code location}; generate adds where the sources go. */
  GeneratorConfig.Builder config(String location) {
    return GeneratorConfig.builder(location).toolPrefix(prefix).apiName(apiName).serverName(serverName)
        .filter(new OperationFilter(includes, excludes, includeDeprecated)).allowRemoteRefs(allowRemoteRefs)
        .serverVariables(serverVariables)
        .allowOutsideRefs(allowOutsideRefs);
  }
}
