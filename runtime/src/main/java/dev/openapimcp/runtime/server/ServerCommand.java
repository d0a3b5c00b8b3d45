package dev.openapimcp.runtime.server;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.runtime.internal.http.AuthTokenFile;
import dev.openapimcp.runtime.internal.http.HttpTransportServer;
import dev.openapimcp.runtime.tool.Credential;
import dev.openapimcp.runtime.tool.ToolCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
      "Serves the API's operations as MCP tools over stdio or Streamable HTTP; each tool call is sent to the API"
          + " as one HTTP request.",
      "Only JSON-RPC is written to standard output; logs go to standard error.",
      "With --transport http the endpoint is http://<host>:<port>/mcp and /healthz answers 'ok'; SIGTERM stops"
          + " it gracefully, letting running calls finish."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the client closed the connection (stdio), or --help / --version",
      "1:runtime failure: the server could not start or failed unexpectedly",
      "2:usage or configuration error: an unknown option or value, or an unusable environment variable"
    })
public final class ServerCommand implements Callable<Integer> {

  /** Exit code for success. */
  public static final int EXIT_OK = 0;

  /** Exit code when the server could not start or failed while running. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for a bad command line or environment. */
  public static final int EXIT_USAGE = 2;

  /** Bearer token for HTTP clients when {@code --auth-token} is not given. */
  static final String AUTH_TOKEN_VARIABLE = "AUTH_TOKEN";

  /** {@code true} turns token passthrough on, as {@code --enable-token-passthrough} does. */
  static final String TOKEN_PASSTHROUGH_VARIABLE = "ENABLE_TOKEN_PASSTHROUGH";

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
      description = "Bearer token HTTP clients must present (default: AUTH_TOKEN, else a generated one written to"
          + " a file only you can read, whose path is printed); ignored with stdio.")
  private String authToken;

  @Option(
      names = "--unsafe-disable-auth",
      description = "Let HTTP clients connect without a token (Host and Origin are still checked); ignored with"
          + " stdio.")
  private boolean unsafeDisableAuth;

  @Option(
      names = "--enable-token-passthrough",
      description = "Let each HTTP client send its own API token in a header (see --token-passthrough-header),"
          + " used for that request instead of the configured one; also ENABLE_TOKEN_PASSTHROUGH=true."
          + " Ignored with stdio.")
  private boolean enableTokenPassthrough;

  @Option(
      names = "--token-passthrough-header",
      paramLabel = "<name>",
      description = "Header for token passthrough (default: the API's token variable as a header name, such as"
          + " Notion-Token for NOTION_TOKEN; see ENABLE_TOKEN_PASSTHROUGH below); implies"
          + " --enable-token-passthrough.")
  private String tokenPassthroughHeader;

  @Option(
      names = "--stateless",
      description = "HTTP without sessions, for several instances behind a load balancer; ignored with stdio.")
  private boolean stateless;

  @Option(
      names = "--rate-limit",
      paramLabel = "<per second>",
      description = "Most requests per second sent to the API, 0 for no limit (default: no limit, unless the"
          + " server has its own default).")
  private Double rateLimit;

  @Option(
      names = "--connect-timeout",
      paramLabel = "<seconds>",
      defaultValue = "10",
      description = "How long to wait for a connection to the API (default: ${DEFAULT-VALUE}).")
  private double connectTimeout;

  @Option(
      names = "--request-timeout",
      paramLabel = "<seconds>",
      defaultValue = "60",
      description = "How long one attempt of a call may take until the API's answer is complete"
          + " (default: ${DEFAULT-VALUE}).")
  private double requestTimeout;

  @Option(
      names = "--max-text-bytes",
      paramLabel = "<bytes>",
      defaultValue = "1048576",
      description = "Longer text answers are cut, with a note saying so (default: ${DEFAULT-VALUE}, 1 MB).")
  private int maxTextBytes;

  @Option(
      names = "--max-binary-bytes",
      paramLabel = "<bytes>",
      defaultValue = "5242880",
      description = "Longer images and other binary answers are not passed on (default: ${DEFAULT-VALUE}, 5 MB).")
  private int maxBinaryBytes;

  @Option(
      names = "--upload-root",
      paramLabel = "<directory>",
      description = "Directory whose files (and those below it) tools may upload (default: the working directory).")
  private Path uploadRoot;

  /** Which tools {@code tools/list} shows. */
  enum ToolMode {
    all,
    dynamic
  }

  @Option(
      names = "--tools",
      paramLabel = "all|dynamic",
      defaultValue = "all",
      description = "all: one tool per operation (default). dynamic: search_operations, describe_operation and"
          + " invoke_operation instead, so the list stays small for large APIs.")
  private ToolMode toolMode;

  @Option(
      names = "--expose",
      paramLabel = "<tool>",
      split = ",",
      description = "With --tools dynamic: tools to list directly as well (a curated set), comma separated.")
  private List<String> exposed = new ArrayList<>();

  /** Defaults the generated server sets in code; the flags above override them. */
  private Consumer<McpProxyServer.Builder> defaults = builder -> {};

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

  /**
   * {@link #run(ToolCatalog, String...)} for a server with its own defaults, which the command line
   * can override, such as an API's documented rate limit:
   *
   * <pre>{@code
   * System.exit(ServerCommand.run(NotionTools.catalog(), server -> server.defaultRateLimit(3), args));
   * }</pre>
   */
  public static int run(ToolCatalog catalog, Consumer<McpProxyServer.Builder> defaults, String... args) {
    return run(catalog, defaults, System.getenv(), System.in, System.out, System.err, args);
  }

  /** {@link #run(ToolCatalog, String...)} with the process's environment and streams made explicit. */
  static int run(
      ToolCatalog catalog,
      Map<String, String> environment,
      InputStream in,
      PrintStream out,
      PrintStream err,
      String... args) {
    return run(catalog, builder -> {}, environment, in, out, err, args);
  }

  /** {@link #run(ToolCatalog, Consumer, String...)} with the environment and streams made explicit. */
  static int run(
      ToolCatalog catalog,
      Consumer<McpProxyServer.Builder> defaults,
      Map<String, String> environment,
      InputStream in,
      PrintStream out,
      PrintStream err,
      String... args) {
    ServerCommand command = new ServerCommand(catalog, environment, in, out, err);
    command.defaults = Objects.requireNonNull(defaults, "defaults");
    CommandLine commandLine = new CommandLine(command);
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
          + String.format("  %-20s API address instead of %s.%n", BaseUrl.VARIABLE, catalog.baseUrl())
          + String.format("  %-20s bearer token HTTP clients must present, as --auth-token.%n", AUTH_TOKEN_VARIABLE)
          + String.format("  %s%n  %-20s true: as --enable-token-passthrough; clients send%n"
              + "  %-20s their own token in the %s header.", TOKEN_PASSTHROUGH_VARIABLE, "", "",
              HttpOptions.defaultTokenPassthroughHeader(catalog.tokenVariable()))
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
      return serveHttp();
    }
    // Standard output carries JSON-RPC only: anything else printing to System.out goes to stderr.
    PrintStream previous = System.out;
    System.setOut(err);
    try {
      McpProxyServer server;
      try {
        server = configure(McpProxyServer.builder(catalog)).environment(environment).input(in).output(out).build();
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

  /**
   * Streamable HTTP until the process is asked to stop (SIGTERM, Ctrl-C): a shutdown hook then stops
   * the server gracefully and removes a generated token file.
   */
  private int serveHttp() throws InterruptedException {
    // Nothing but the protocol may reach stdout in any mode; here everything else goes to stderr.
    PrintStream previous = System.out;
    System.setOut(err);
    AuthTokenFile generatedToken = null;
    try {
      McpProxyServer server;
      try {
        HttpOptions.Builder http = HttpOptions.builder().host(host).port(port).stateless(stateless);
        String passthroughHeader = tokenPassthroughHeader();
        http.tokenPassthroughHeader(passthroughHeader);
        McpProxyServer.Builder builder = configure(McpProxyServer.builder(catalog)).environment(environment);
        String token = authToken != null ? authToken : nonBlank(environment.get(AUTH_TOKEN_VARIABLE));
        if (unsafeDisableAuth) {
          if (authToken != null) {
            throw new ConfigurationException("--auth-token and --unsafe-disable-auth contradict each other; give one.");
          }
          http.unsafeDisableAuth();
        } else if (token != null) {
          http.authToken(token);
        } else {
          generatedToken = AuthTokenFile.create(catalog.serverName(), environment);
          http.authToken(generatedToken.token());
        }
        server = builder.http(http.build()).build();
      } catch (IllegalArgumentException e) {
        // ConfigurationException and HttpOptions' checks: one sentence naming the flag or variable.
        err.println(e.getMessage());
        deleteQuietly(generatedToken);
        return EXIT_USAGE;
      } catch (IOException e) {
        err.println("Cannot write the generated auth token to a file: " + e.getMessage());
        return EXIT_FAILURE;
      }
      AuthTokenFile tokenFile = generatedToken;
      Thread stopOnSignal = new Thread(() -> {
        server.close();
        deleteQuietly(tokenFile);
      }, catalog.serverName() + "-shutdown");
      try (server) {
        server.start();
        printHttpNotes(tokenFile);
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        server.awaitTermination();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException e) {
          // Already shutting down: the hook is doing the work.
        }
      }
      return EXIT_OK;
    } finally {
      deleteQuietly(generatedToken);
      System.setOut(previous);
    }
  }

  /** The passthrough header when passthrough is on, else {@code null}. */
  private String tokenPassthroughHeader() {
    boolean enabled = enableTokenPassthrough || tokenPassthroughHeader != null
        || "true".equalsIgnoreCase(nonBlank(environment.get(TOKEN_PASSTHROUGH_VARIABLE)));
    if (!enabled) {
      return null;
    }
    return tokenPassthroughHeader != null
        ? tokenPassthroughHeader
        : HttpOptions.defaultTokenPassthroughHeader(catalog.tokenVariable());
  }

  /** What HTTP users must know, on stderr; never the token itself. */
  private void printHttpNotes(AuthTokenFile tokenFile) {
    if (unsafeDisableAuth) {
      err.println("WARNING: --unsafe-disable-auth turns authentication off: any program that can reach this port"
          + " can call the API with this server's credentials. Host and Origin are still checked against DNS"
          + " rebinding. Use it only on an isolated network.");
      if (!HttpTransportServer.isLoopback(host)) {
        err.println("WARNING: unauthenticated HTTP is bound to " + host + "; prefer the default 127.0.0.1 unless"
            + " this network is isolated.");
      }
    } else if (tokenFile != null) {
      err.println("Generated a bearer token for HTTP clients; read it from " + tokenFile.path()
          + (tokenFile.ownerOnly() ? " (only you can read it;" : " (restrict who can read it: this file system has"
              + " no POSIX permissions;") + " it is deleted when the server stops). Clients send 'Authorization:"
          + " Bearer <token>'.");
    }
    String header = tokenPassthroughHeader();
    if (header != null) {
      err.println("Token passthrough is on: a client may send its own API token in the " + header
          + " header; that request then uses it instead of the configured credentials.");
    }
  }

  private static void deleteQuietly(AuthTokenFile file) {
    if (file != null) {
      file.delete();
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * The server's own defaults, then the call limits from the command line.
   *
   * @throws ConfigurationException naming the flag when a value is out of range
   */
  private McpProxyServer.Builder configure(McpProxyServer.Builder builder) {
    defaults.accept(builder);
    if (rateLimit != null) {
      if (!(rateLimit >= 0) || rateLimit.isInfinite()) {
        throw new ConfigurationException(
            "--rate-limit must be 0 (no limit) or a positive number of requests per second.");
      }
      builder.rateLimit(rateLimit);
    }
    builder.connectTimeout(seconds("--connect-timeout", connectTimeout));
    builder.requestTimeout(seconds("--request-timeout", requestTimeout));
    if (maxTextBytes < 1 || maxBinaryBytes < 1) {
      throw new ConfigurationException("--max-text-bytes and --max-binary-bytes must be at least 1.");
    }
    builder.maxTextBytes(maxTextBytes).maxBinaryBytes(maxBinaryBytes);
    if (uploadRoot != null) {
      builder.uploadRoot(uploadRoot);
    }
    if (toolMode == ToolMode.dynamic) {
      builder.discovery(exposed);
    } else if (!exposed.isEmpty()) {
      throw new ConfigurationException("--expose needs --tools dynamic: with all tools listed there is nothing to add.");
    }
    return builder;
  }

  /** A positive number of seconds, up to a day, as a duration with millisecond precision. */
  private static Duration seconds(String flag, double seconds) {
    if (!(seconds >= 0.001 && seconds <= 86_400)) {
      throw new ConfigurationException(flag + " must be a number of seconds from 0.001 to 86400.");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static String describe(Exception exception) {
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }
}
