package dev.openapimcp.cli;

import dev.openapimcp.runtime.server.ServerCommand;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.ServedApi;
import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolMode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Serves a spec's tools straight away, built in memory: the same server a generated main starts. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Serve the spec's tools over MCP without a build: the tools are built in memory and served"
        + " by the same runtime a generated server uses.",
        "Stdio by default; standard output then carries JSON-RPC only and logs go to standard error.",
        "Every option not listed here goes to the server: --port, --host, --auth-token, --rate-limit,"
        + " --request-timeout, --tools dynamic, ... (see --server-help). An API whose tools would not fit a"
        + " model's context (over ~" + ToolListSize.DISCOVERY_THRESHOLD_TOKENS + " tokens) is served in discovery"
        + " mode unless --tools all is given. Credentials come from"
        + " OPENAPI_MCP_HEADERS or the API's variables (<API>_TOKEN, ...); BASE_URL sets the API's address."},
    footer = {"%nExamples:",
        "  openapi-mcp serve --spec petstore.yaml --base-url http://localhost:8080",
        "  openapi-mcp serve --spec api.json --transport http --port 3000",
        "  openapi-mcp serve --spec api.json --server-help"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the client closed the connection (stdio), or the server was stopped",
        "1:the server failed", "2:invalid input: unknown option, unreadable spec, bad value or environment"})
final class ServeCommand extends OneSpecCommand {

  /** How long an exit waits for the catalog to be written (Microsoft Graph beta's 300 MB took 3 s). */
  private static final Duration CACHE_WRITE_WAIT = Duration.ofSeconds(60);

  @Option(names = "--base-url", paramLabel = "URL",
      description = "API address instead of the spec's server (as BASE_URL sets it).")
  String baseUrl;

  @Option(names = "--transport", paramLabel = "stdio|http",
      description = "stdio (default) or http: Streamable HTTP at http://<host>:<port>/mcp.")
  String transport;

  @Option(names = "--server-help",
      description = "Show the server's own options and the environment variables it reads for this spec.")
  boolean serverHelp;

  @Option(names = "--resources", description = ResourcesOption.DESCRIPTION)
  boolean resources;

  @Unmatched
  List<String> serverArguments = new ArrayList<>();

  @Override
  GeneratorConfig.Builder config() {
    return super.config().resources(resources);
  }

  @Override
  int run() throws Exception {
    // The server starts while a newly converted catalog is written into the cache; the exit waits for it.
    ExecutorService cacheWrites = Executors.newSingleThreadExecutor(task -> new Thread(task, "openapi-mcp-cache"));
    try {
      return serve(cacheWrites);
    } finally {
      cacheWrites.shutdown();
      if (!cacheWrites.awaitTermination(CACHE_WRITE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        err().println("The spec's catalog was not cached: writing it took more than " + CACHE_WRITE_WAIT.toSeconds()
            + " s.");
      }
    }
  }

  private int serve(Executor cacheWrites) throws Exception {
    String variable = environment.get(BaseUrlOverride.VARIABLE);
    if (baseUrl != null && variable != null && !variable.strip().equals(baseUrl)) {
      // The runtime reads BASE_URL after the catalog, so the flag could not win; say so rather than ignore it.
      throw new IllegalArgumentException("--base-url and BASE_URL name different addresses; unset BASE_URL or"
          + " leave out --base-url.");
    }
    // After '--' picocli leaves even our own -V and -h to the server; they mean the same there.
    if (serverArguments.contains("--version") || serverArguments.contains("-V")) {
      for (String line : Version.lines(this)) {
        out().println(line);
      }
      return OpenApiMcp.EXIT_OK;
    }
    ServedApi served;
    // Standard output belongs to the protocol: anything a library prints while reading the spec goes to stderr.
    PrintStream stdout = standardOutput != null ? standardOutput : System.out;
    System.setOut(System.err);
    try {
      served = served(cacheWrites);
    } finally {
      System.setOut(stdout);
    }
    ToolCatalog catalog = BaseUrlOverride.apply(served.catalog(), baseUrl);
    List<String> arguments = new ArrayList<>();
    if (transport != null) {
      arguments.add("--transport");
      arguments.add(transport);
    }
    arguments.addAll(serverArguments);
    ServerArguments.Check check = ServerArguments.check(catalog, arguments);
    if (check.error() != null) {
      err().println(check.error());
      return OpenApiMcp.EXIT_INVALID;
    }
    if (serverHelp || serverArguments.contains("--help") || serverArguments.contains("-h")) {
      out().print(check.help());
      out().flush();
      return OpenApiMcp.EXIT_OK;
    }
    boolean toolsChosen =
        arguments.stream().anyMatch(argument -> argument.equals("--tools") || argument.startsWith("--tools="));
    if (toolsChosen || !ToolListSize.needsDiscovery(catalog)) {
      return ServerCommand.run(catalog, settings -> specDefaults(served, settings), arguments.toArray(String[]::new));
    }
    err().println("Serving in discovery mode (search_operations, describe_operation, invoke_operation): listing"
        + " every tool would take more than " + ToolListSize.DISCOVERY_THRESHOLD_BYTES + " bytes (~"
        + ToolListSize.DISCOVERY_THRESHOLD_TOKENS + " tokens), a model's whole context window. --tools all lists"
        + " every tool.");
    err().flush();
    // A default, as a server generated with --tools auto has it.
    return ServerCommand.run(catalog, settings -> specDefaults(served, settings).toolMode(ToolMode.DYNAMIC),
        arguments.toArray(String[]::new));
  }

  /** The defaults the spec's root {@code x-mcp} sets, as a generated server's main sets them; flags still win. */
  private static ServerSettings.Builder specDefaults(ServedApi served, ServerSettings.Builder settings) {
    if (served.rateLimit() > 0) {
      settings.rateLimit(served.rateLimit());
    }
    if (served.instructions() != null) {
      settings.instructions(served.instructions());
    }
    if (served.notFoundHint() != null) {
      settings.notFoundHint(served.notFoundHint());
    }
    return settings;
  }
}
