package dev.openapimcp.generator.cli;

import dev.openapimcp.runtime.server.ServerCommand;
import dev.openapimcp.runtime.tool.ToolCatalog;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Serves a spec's tools straight away, built in memory: no build needed. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the spec's tools over MCP without a build.",
        "Stdio by default; the tools are built in memory.",
        "Every other option goes to the server: --transport http --port 3000, --rate-limit, ... "
            + "(see the server's --help). Credentials come from OPENAPI_MCP_HEADERS or <API>_TOKEN."},
    footer = "%nExample:%n  openapi-mcp serve --spec petstore.yaml --base-url http://localhost:8080")
final class ServeCommand extends SpecCommand {

  @Mixin
  SpecOptions spec;

  @Option(names = "--base-url", paramLabel = "URL", description = "API address instead of the spec's server.")
  String baseUrl;

  @Unmatched
  List<String> serverArguments = new ArrayList<>();

  @Override
  int run() throws Exception {
    ToolCatalog catalog = withBaseUrl(spec.catalog(), baseUrl);
    return ServerCommand.run(catalog, serverArguments.toArray(String[]::new));
  }

  static ToolCatalog withBaseUrl(ToolCatalog catalog, String baseUrl) {
    return baseUrl == null ? catalog : new ToolCatalog(catalog.serverName(), catalog.serverVersion(), baseUrl,
        catalog.tokenVariable(), catalog.tools(), catalog.credentials());
  }
}
