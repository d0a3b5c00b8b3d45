package dev.openapimcp.runtime.server;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.runtime.tool.Credential;
import dev.openapimcp.runtime.tool.ToolCatalog;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of a generated server, with the same flags as npm {@code
 * @notionhq/notion-mcp-server}. A generated {@code main} is one line:
 *
 * <pre>{@code System.exit(ServerCommand.run(NotionTools.catalog(), args));}</pre>
 */
@Command(
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves the API's operations as MCP tools over stdio; each tool call is sent to the API as one HTTP request.",
      "Only JSON-RPC is written to standard output; logs go to standard error."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the client closed the connection, or --help / --version",
      "1:runtime failure: the server could not start or failed unexpectedly",
      "2:usage or configuration error: an unknown option, --transport http, or an unusable environment variable"
    })
public final class ServerCommand implements Callable<Integer> {

  /** Exit code for success. */
  public static final int EXIT_OK = 0;

  /** Exit code when the server could not start or failed while running. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for a bad command line or environment. */
  public static final int EXIT_USAGE = 2;

  static final String HTTP_NOT_AVAILABLE =
      "The HTTP transport is not available yet in this version; use --transport stdio.";

  /** MCP transports; names as typed on the command line. */
  enum Transport {
    stdio,
    http
  }

  @Option(
      names = "--transport",
      defaultValue = "stdio",
      paramLabel = "stdio|http",
      description = "Transport to serve on (default: ${DEFAULT-VALUE}).")
  private Transport transport;

  @Option(
      names = "--port",
      defaultValue = "3000",
      description = "Port for the HTTP transport (default: ${DEFAULT-VALUE}); ignored with stdio.")
  private int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address for the HTTP transport to listen on (default: ${DEFAULT-VALUE}); ignored with stdio.")
  private String host;

  @Option(
      names = "--auth-token",
      paramLabel = "<token>",
      description = "Bearer token HTTP clients must present; ignored with stdio.")
  private String authToken;

  @Option(
      names = "--unsafe-disable-auth",
      description = "Let HTTP clients connect without a token; ignored with stdio.")
  private boolean unsafeDisableAuth;

  @Option(
      names = "--enable-token-passthrough",
      description = "Forward each HTTP client's own API token instead of the configured one; ignored with stdio.")
  private boolean enableTokenPassthrough;

  private final ToolCatalog catalog;
  private final Map<String, String> environment;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  private ServerCommand(
      ToolCatalog catalog, Map<String, String> environment, InputStream in, PrintStream out, PrintStream err) {
    this.catalog = catalog;
    this.environment = environment;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /**
   * Parses {@code args}, serves {@code catalog} until the client disconnects and returns the exit
   * code: {@value #EXIT_OK} ok, {@value #EXIT_FAILURE} runtime failure, {@value #EXIT_USAGE} usage
   * or configuration error.
   */
  public static int run(ToolCatalog catalog, String... args) {
    return run(catalog, System.getenv(), System.in, System.out, System.err, args);
  }

  /** {@link #run(ToolCatalog, String...)} with the process's environment and streams made explicit. */
  static int run(
      ToolCatalog catalog,
      Map<String, String> environment,
      InputStream in,
      PrintStream out,
      PrintStream err,
      String... args) {
    CommandLine commandLine = new CommandLine(new ServerCommand(catalog, environment, in, out, err));
    commandLine
        .getCommandSpec()
        .name(catalog.serverName())
        .version(catalog.serverName() + " " + catalog.serverVersion());
    commandLine.getCommandSpec().usageMessage().footer(environmentHelp(catalog));
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          err.println(catalog.serverName() + " failed: " + describe(exception));
          return EXIT_FAILURE;
        });
    return commandLine.execute(args);
  }

  private static String[] environmentHelp(ToolCatalog catalog) {
    String token =
        catalog.tokenVariable() == null
            ? ""
            : String.format(
                "  %-20s API token, sent as 'Authorization: Bearer <token>' unless%n"
                    + "  %-20s OPENAPI_MCP_HEADERS sets Authorization.%n",
                catalog.tokenVariable(),
                "");
    return new String[] {
      "%nEnvironment:",
      String.format(
          "  %-20s JSON object of headers for every request, such as%n"
              + "  %-20s {\"Authorization\":\"Bearer <token>\"}.%n",
          HeaderConfig.HEADERS_VARIABLE,
          "")
          + token
          + credentialHelp(catalog)
          + String.format("  %-20s API address instead of %s.", BaseUrl.VARIABLE, catalog.baseUrl())
    };
  }

  /** One line per credential variable the API's security schemes read (the token is listed above). */
  private static String credentialHelp(ToolCatalog catalog) {
    StringBuilder help = new StringBuilder();
    for (Credential credential : catalog.credentials()) {
      String where = switch (credential.kind()) {
        case BEARER -> "bearer token";
        case BASIC -> "user name for basic auth";
        case API_KEY_HEADER -> "API key, sent in header " + credential.parameterName();
        case API_KEY_QUERY -> "API key, sent as query parameter " + credential.parameterName();
        case API_KEY_COOKIE -> "API key, sent as cookie " + credential.parameterName();
      };
      if (!credential.variable().equals(catalog.tokenVariable())) {
        help.append(String.format("  %-20s %s (scheme %s).%n", credential.variable(), where, credential.scheme()));
      }
      if (credential.passwordVariable() != null) {
        help.append(String.format("  %-20s password for basic auth (scheme %s).%n", credential.passwordVariable(),
            credential.scheme()));
      }
    }
    return help.toString();
  }

  @Override
  public Integer call() throws InterruptedException {
    if (transport == Transport.http) {
      err.println(HTTP_NOT_AVAILABLE);
      return EXIT_USAGE;
    }
    // Standard output carries JSON-RPC only: anything else printing to System.out goes to stderr.
    PrintStream previous = System.out;
    System.setOut(err);
    try {
      McpProxyServer server;
      try {
        server = McpProxyServer.builder(catalog).environment(environment).input(in).output(out).build();
      } catch (ConfigurationException e) {
        err.println(e.getMessage());
        return EXIT_USAGE;
      }
      try (server) {
        server.start();
        server.awaitTermination();
      }
      return EXIT_OK;
    } finally {
      System.setOut(previous);
    }
  }

  private static String describe(Exception exception) {
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }
}
