package dev.openapimcp.runtime.server;

import dev.openapimcp.model.Credential;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.runtime.internal.capacity.OutOfMemoryExit;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.runtime.internal.http.AuthTokenFile;
import dev.openapimcp.runtime.internal.http.HttpTransportServer;
import dev.openapimcp.runtime.internal.http.TokenPassthrough;
import dev.openapimcp.runtime.internal.upstream.CommonPool;
import dev.openapimcp.runtime.settings.InvalidSettingException;
import dev.openapimcp.runtime.settings.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The command line of a generated server, with the same flags as npm {@code
 * @notionhq/notion-mcp-server}. A generated {@code main} is one line:
 *
 * <pre>{@code System.exit(ServerCommand.run(NotionTools.catalog(), args));}</pre>
 *
 * <p>The settings start from {@link ServerSettings}' defaults; a server with values of its own
 * applies them first, then the flags the user gave override them ({@link ServerFlags}).
 */
public final class ServerCommand {

  /** Exit code for success. */
  public static final int EXIT_OK = 0;

  /** Exit code when the server could not start or failed while running. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for a bad command line or environment. */
  public static final int EXIT_USAGE = 2;

  private static final List<String> DESCRIPTION = List.of(
      "Serves the API's operations as MCP tools over stdio or Streamable HTTP; each tool call is sent to the API"
          + " as one HTTP request.",
      "Only JSON-RPC is written to standard output; logs go to standard error.",
      "With --transport http the endpoint is http://<host>:<port>/mcp and /healthz answers 'ok'; SIGTERM stops"
          + " it gracefully, letting running calls finish.");

  private static final List<String> EXIT_CODES = List.of(
      "0   the client closed the connection (stdio), or --help / --version",
      "1   runtime failure: the server could not start, failed unexpectedly or ran out of memory",
      "2   usage or configuration error: an unknown option or value, or an unusable environment variable");

  private final ToolCatalog catalog;
  private final ServerSettings settings;
  private final Map<String, String> environment;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  private ServerCommand(ToolCatalog catalog, ServerSettings settings, Map<String, String> environment,
      InputStream in, PrintStream out, PrintStream err) {
    this.catalog = catalog;
    this.settings = settings;
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
    return run(catalog, settings -> {}, args);
  }

  /**
   * {@link #run(ToolCatalog, String...)} for a server with settings of its own, which the command
   * line can override, such as an API's documented rate limit:
   *
   * <pre>{@code
   * System.exit(ServerCommand.run(NotionTools.catalog(), settings -> settings.rateLimit(3), args));
   * }</pre>
   */
  public static int run(ToolCatalog catalog, Consumer<ServerSettings.Builder> defaults, String... args) {
    prepareJvm();
    // A process of its own: out of memory, it exits for its host to restart it rather than linger.
    OutOfMemoryExit.enable();
    return run(catalog, defaults, System.getenv(), System.in, System.out, System.err, args);
  }

  /**
   * What a server's {@code main} sets in its JVM before anything else runs; {@link #run(ToolCatalog,
   * Consumer, String...)} does it first. A {@code main} that does work before {@code run} (the command
   * line converts a spec first) calls this first: with one or two processors, the JDK would start a
   * thread per API call otherwise (half of a call's CPU under load on 2 processors; see {@link CommonPool}).
   */
  public static void prepareJvm() {
    CommonPool.keepThreads();
  }

  /** {@link #run(ToolCatalog, String...)} with the process's environment and streams made explicit. */
  static int run(
      ToolCatalog catalog,
      Map<String, String> environment,
      InputStream in,
      PrintStream out,
      PrintStream err,
      String... args) {
    return run(catalog, settings -> {}, environment, in, out, err, args);
  }

  /** {@link #run(ToolCatalog, Consumer, String...)} with the environment and streams made explicit. */
  static int run(
      ToolCatalog catalog,
      Consumer<ServerSettings.Builder> defaults,
      Map<String, String> environment,
      InputStream in,
      PrintStream out,
      PrintStream err,
      String... args) {
    Objects.requireNonNull(defaults, "defaults");
    ServerFlags flags;
    try {
      flags = ServerFlags.parse(args);
    } catch (ServerFlags.UsageException e) {
      err.println(e.getMessage() + " See '" + catalog.serverName() + " --help'.");
      return EXIT_USAGE;
    }
    if (flags.help()) {
      out.print(help(catalog));
      out.flush();
      return EXIT_OK;
    }
    if (flags.version()) {
      out.println(version(catalog));
      return EXIT_OK;
    }
    ServerSettings settings;
    try {
      ServerSettings.Builder builder = ServerSettings.builder();
      defaults.accept(builder);
      settings = flags.applyTo(builder, environment);
    } catch (ConfigurationException | InvalidSettingException e) {
      err.println(e instanceof InvalidSettingException invalid ? ServerFlags.describe(invalid) : e.getMessage());
      return EXIT_USAGE;
    }
    try {
      return new ServerCommand(catalog, settings, environment, in, out, err).serve();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(catalog.serverName() + " failed: interrupted");
      return EXIT_FAILURE;
    } catch (RuntimeException e) {
      err.println(catalog.serverName() + " failed: " + describe(e));
      return EXIT_FAILURE;
    }
  }

  /**
   * What {@code --version} prints: the API's version (from its spec) and ours, so neither is taken for
   * the other ({@code notion-mcp-server 1.0.0} used to leave it open which one that was).
   */
  static String version(ToolCatalog catalog) {
    return catalog.serverName() + " " + catalog.serverVersion() + " (the API's version), served by openapi-mcp "
        + runtimeVersion();
  }

  /** Such as {@code 0.1.0}; {@code unknown} when run from unfiltered classes. */
  static String runtimeVersion() {
    Properties properties = new Properties();
    try (InputStream in = ServerCommand.class.getResourceAsStream("/dev/openapimcp/runtime/runtime.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String version = properties.getProperty("version", "unknown");
    return version.startsWith("${") ? "unknown" : version;
  }

  /** What {@code --help} prints: usage, flags, exit codes and the environment variables this API reads. */
  static String help(ToolCatalog catalog) {
    StringBuilder help = new StringBuilder(ServerFlags.help(catalog.serverName(), DESCRIPTION));
    help.append(System.lineSeparator()).append("Exit codes:").append(System.lineSeparator());
    for (String code : EXIT_CODES) {
      help.append("  ");
      ServerFlags.wrap(help, code, 2, 8);
    }
    help.append(System.lineSeparator()).append("Environment:").append(System.lineSeparator());
    return help.append(environmentHelp(catalog)).toString();
  }

  private static String environmentHelp(ToolCatalog catalog) {
    String token =
        catalog.tokenVariable() == null
            ? ""
            : String.format(
                "  %-20s API token, sent as 'Authorization: Bearer <token>' unless%n"
                    + "  %-20s OPENAPI_MCP_HEADERS sets Authorization.%n",
                catalog.tokenVariable(),
                "");
    return String.format(
            "  %-20s JSON object of headers for every request, such as%n"
                + "  %-20s {\"Authorization\":\"Bearer <token>\"}.%n",
            HeaderConfig.HEADERS_VARIABLE,
            "")
        + token
        + credentialHelp(catalog)
        + String.format("  %-20s API address instead of %s.%n", BaseUrl.VARIABLE, catalog.baseUrl())
        + String.format("  %-20s bearer token HTTP clients must present, as --auth-token.%n",
            ServerFlags.AUTH_TOKEN_VARIABLE)
        + String.format("  %s%n  %-20s true: as --enable-token-passthrough; clients send%n"
            + "  %-20s their own token in the %s header.%n", ServerFlags.TOKEN_PASSTHROUGH_VARIABLE, "", "",
            TokenPassthrough.defaultHeader(catalog.tokenVariable()))
        + String.format("  %s%n  %-20s key that signs confirmation questions, as --state-key.%n",
            ServerFlags.STATE_KEY_VARIABLE, "");
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

  /**
   * Serves until the client closes stdin (stdio) or the process is asked to stop (SIGTERM, Ctrl-C):
   * a shutdown hook then stops the server gracefully, answering every request read, and removes a
   * generated token file.
   */
  private int serve() throws InterruptedException {
    // Standard output carries JSON-RPC only (over HTTP nothing at all): anything else printing to it goes to stderr.
    PrintStream previous = System.out;
    System.setOut(err);
    AuthTokenFile generatedToken = null;
    try {
      McpProxyServer server;
      try {
        ServerSettings served = settings;
        if (isHttp() && settings.authToken() == null && !settings.authDisabled()) {
          generatedToken = AuthTokenFile.create(catalog.serverName(), environment);
          served = settings.toBuilder().authToken(generatedToken.token()).build();
        }
        server = McpProxyServer.builder(catalog).settings(served).environment(environment).input(in).output(out)
            .build();
      } catch (ConfigurationException | InvalidSettingException e) {
        // One sentence naming the variable, or the setting's flag.
        err.println(e instanceof InvalidSettingException invalid ? ServerFlags.describe(invalid) : e.getMessage());
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
        if (isHttp()) {
          printHttpNotes(tokenFile);
        }
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        server.awaitTermination();
      } finally {
        removeShutdownHook(stopOnSignal);
      }
      return EXIT_OK;
    } finally {
      deleteQuietly(generatedToken);
      System.setOut(previous);
    }
  }

  private boolean isHttp() {
    return settings.transport() == ServerSettings.Transport.HTTP;
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is doing the work.
    }
  }

  /** What HTTP users must know, on stderr; never the token itself. */
  private void printHttpNotes(AuthTokenFile tokenFile) {
    if (settings.authDisabled()) {
      err.println("WARNING: --unsafe-disable-auth turns authentication off: any program that can reach this port"
          + " can call the API with this server's credentials. Host and Origin are still checked against DNS"
          + " rebinding. Use it only on an isolated network.");
      if (!HttpTransportServer.isLoopback(settings.host())) {
        err.println("WARNING: unauthenticated HTTP is bound to " + settings.host() + "; prefer the default 127.0.0.1"
            + " unless this network is isolated.");
      }
    } else if (tokenFile != null) {
      err.println("Generated a bearer token for HTTP clients; read it from " + tokenFile.path()
          + (tokenFile.ownerOnly() ? " (only you can read it;" : " (restrict who can read it: this file system has"
              + " no POSIX permissions;") + " it is deleted when the server stops). Clients send 'Authorization:"
          + " Bearer <token>'.");
    }
    String header = TokenPassthrough.header(settings, catalog.tokenVariable());
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

  private static String describe(RuntimeException exception) {
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }
}
