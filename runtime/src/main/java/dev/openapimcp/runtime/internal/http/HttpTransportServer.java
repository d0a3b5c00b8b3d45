package dev.openapimcp.runtime.internal.http;

import dev.openapimcp.runtime.internal.capacity.MemoryBudget;
import dev.openapimcp.runtime.internal.mcp.PerRequestHeaders;
import dev.openapimcp.runtime.internal.mcp.SdkServers;
import dev.openapimcp.runtime.internal.mcp.SessionTools;
import dev.openapimcp.runtime.internal.modern.ModernLane;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.settings.ServerSettings.Confirm;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.modeler.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server on Streamable HTTP: the SDK's servlet transport in embedded Tomcat at {@value
 * #MCP_PATH}, behind, in order, the drain gate, the DNS-rebinding guard, bearer authentication,
 * token passthrough and the JSON-RPC error filter ({@link McpEndpointFilter}); {@code /healthz} (and
 * the npm server's {@code /health}) without any of them. Errors nothing else answered are one line
 * of plain text ({@link PlainTextErrorValve}).
 *
 * <p>{@link #close()} stops gracefully: new requests get 503 and no new connections are accepted,
 * calls already running get up to the drain timeout to finish, then sessions and Tomcat stop.
 */
public final class HttpTransportServer implements AutoCloseable {

  /** The MCP endpoint. */
  public static final String MCP_PATH = "/mcp";

  /** Liveness, plain {@code ok}. */
  public static final String HEALTH_PATH = "/healthz";

  /** The npm server's health path, answered with its JSON shape. */
  static final String NPM_HEALTH_PATH = "/health";

  /** Idle stateful sessions (no open stream, no request) are dropped after one to two of these. */
  static final Duration SESSION_SWEEP_INTERVAL = Duration.ofMinutes(30);

  private static final Logger LOG = LoggerFactory.getLogger(HttpTransportServer.class);

  /** Tomcat logs through java.util.logging; strong references keep these levels from being collected. */
  private static final List<java.util.logging.Logger> QUIET_LOGGERS = new ArrayList<>();

  static {
    for (String name : List.of("org.apache.catalina", "org.apache.coyote", "org.apache.tomcat", "org.apache.juli")) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
      logger.setLevel(Level.WARNING);
      QUIET_LOGGERS.add(logger);
    }
  }

  private final ServerSettings settings;
  private final Tomcat tomcat;
  private final Path baseDirectory;
  private final InFlightRequests inFlight;
  private final Runnable closeMcpServer;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private boolean closed;

  private HttpTransportServer(
      ServerSettings settings, Tomcat tomcat, Path baseDirectory, InFlightRequests inFlight, Runnable closeMcpServer) {
    this.settings = settings;
    this.tomcat = tomcat;
    this.baseDirectory = baseDirectory;
    this.inFlight = inFlight;
    this.closeMcpServer = closeMcpServer;
  }

  /**
   * Starts listening as {@code settings} say and returns once the port is bound. The servlet
   * thread that reads a request runs its call and writes the answer.
   *
   * @param tokenPassthroughHeader the header clients may send their own API token in, or {@code null}
   *     (see {@link TokenPassthrough#header})
   * @param sdk builds the SDK server that answers the MCP messages
   * @param memory the budget each MCP request's answers are counted against until written
   * @param modern answers MCP 2026-07-28 requests on the same endpoint (see {@link McpEndpointFilter})
   * @throws IOException when the address cannot be bound (in use, not local) or Tomcat fails
   */
  public static HttpTransportServer start(ServerSettings settings, String tokenPassthroughHeader, SdkServers sdk,
      List<PreparedTool> tools, MemoryBudget memory, ModernLane modern) throws IOException {
    // Host and Origin are checked on loopback always, elsewhere when there is no authentication.
    DnsRebindingGuard guard = DnsRebindingGuard.isLoopback(settings.host()) || settings.authToken() == null
        ? new DnsRebindingGuard(settings.host()) : null;
    ServerHttpHeaderValidator headerValidator = guard == null ? ServerHttpHeaderValidator.NOOP : guard.validator();
    TokenPassthrough passthrough = tokenPassthroughHeader == null ? null : new TokenPassthrough(tokenPassthroughHeader);
    McpTransportContextExtractor<HttpServletRequest> context =
        passthrough == null ? request -> McpTransportContext.EMPTY : passthrough;

    HttpServlet servlet;
    Runnable closeMcpServer;
    if (settings.stateless()) {
      HttpServletStatelessServerTransport transport =
          HttpServletStatelessServerTransport.builder()
              .jsonMapper(McpJsonDefaults.getMapper())
              .messageEndpoint(MCP_PATH)
              .contextExtractor(context)
              .httpHeaderValidator(headerValidator)
              .maxRequestSize(settings.maxRequestBytes())
              .build();
      var server = sdk.stateless(transport, tools);
      servlet = transport;
      closeMcpServer = () -> server.closeGracefully().block();
    } else {
      HttpServletStreamableServerTransportProvider transport =
          HttpServletStreamableServerTransportProvider.builder()
              .jsonMapper(McpJsonDefaults.getMapper())
              .mcpEndpoint(MCP_PATH)
              .contextExtractor(context)
              .httpHeaderValidator(headerValidator)
              .maxRequestSize(settings.maxRequestBytes())
              .sessionSweepInterval(SESSION_SWEEP_INTERVAL)
              .build();
      var server = sdk.sessions(transport, tools);
      servlet = transport;
      closeMcpServer = () -> server.closeGracefully().block();
    }

    List<NamedFilter> filters = new ArrayList<>();
    InFlightRequests inFlight = new InFlightRequests(memory);
    filters.add(new NamedFilter("drain", inFlight));
    if (guard != null) {
      filters.add(new NamedFilter("dns-rebinding-guard", guard));
    }
    if (settings.authToken() != null) {
      filters.add(new NamedFilter("bearer-auth", new BearerAuthFilter(settings.authToken())));
    }
    if (passthrough != null) {
      filters.add(new NamedFilter("token-passthrough", passthrough));
    }
    Function<HttpServletRequest, CallContext> callContext =
        request -> PerRequestHeaders.context(context.extract(request));
    filters.add(new NamedFilter("json-rpc-errors",
        new McpEndpointFilter(settings.stateless(), settings.maxRequestBytes(), modern, callContext,
            new DirectToolCalls(new SessionTools(tools, settings.confirm() != Confirm.OFF), callContext),
            new KnownSessions(SESSION_SWEEP_INTERVAL))));

    Path baseDirectory = Files.createTempDirectory("openapi-mcp-tomcat-");
    Tomcat tomcat = newTomcat(settings, baseDirectory, servlet, filters);
    try {
      tomcat.start();
    } catch (LifecycleException | RuntimeException e) {
      stopQuietly(tomcat);
      deleteRecursively(baseDirectory);
      closeMcpServer.run();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException(
          "Cannot listen on " + DnsRebindingGuard.hostLiteral(settings.host()) + ":" + settings.port() + ": "
              + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
          cause);
    }
    return new HttpTransportServer(settings, tomcat, baseDirectory, inFlight, closeMcpServer);
  }

  private record NamedFilter(String name, Filter filter) {}

  private static Tomcat newTomcat(
      ServerSettings settings, Path baseDirectory, HttpServlet servlet, List<NamedFilter> filters) {
    // No JMX beans: nothing manages them, and registering them costs start-up time.
    Registry.disableRegistry();
    Tomcat tomcat = new Tomcat();
    tomcat.setSilent(true);
    tomcat.setBaseDir(baseDirectory.toString());

    Connector connector = new Connector(Http11NioProtocol.class.getName());
    connector.setPort(settings.port());
    connector.setProperty("address", settings.host());
    // A bind failure must fail start(), not just be logged.
    connector.setThrowOnFailure(true);
    // Refused oversized bodies are not read to the end; the connection closes instead.
    connector.setProperty("maxSwallowSize", String.valueOf(settings.maxRequestBytes()));
    connector.setProperty("server", "openapi-mcp");
    // MCP clients hold a few long-lived connections. Tomcat's default closes one after 100 requests, and a
    // client that sends its next request on it at that moment (the JDK's HttpClient does) sees the connection
    // drop with no answer: HttpLoadTest failed that way. Keep connections for as many requests as they carry.
    connector.setProperty("maxKeepAliveRequests", "-1");
    tomcat.setConnector(connector);

    // Error pages as one line of text: no HTML, no exception message, no Tomcat version. Naming the
    // class keeps the host from adding Tomcat's own valve beside it.
    StandardHost host = (StandardHost) tomcat.getHost();
    host.setErrorReportValveClass(PlainTextErrorValve.class.getName());
    host.getPipeline().addValve(new PlainTextErrorValve());

    Context context = tomcat.addContext("", baseDirectory.toString());
    // Request threads keep the application's class loader: no per-webapp loader to stop or leak.
    context.setLoader(new ApplicationClassLoaderLoader());

    for (NamedFilter named : filters) {
      FilterDef definition = new FilterDef();
      definition.setFilterName(named.name());
      definition.setFilter(named.filter());
      definition.setAsyncSupported("true");
      context.addFilterDef(definition);
      FilterMap mapping = new FilterMap();
      mapping.setFilterName(named.name());
      mapping.addURLPattern(MCP_PATH);
      context.addFilterMap(mapping);
    }

    Wrapper mcp = Tomcat.addServlet(context, "mcp", servlet);
    // The SDK answers on an async context (Server-Sent Events).
    mcp.setAsyncSupported(true);
    context.addServletMapping(MCP_PATH, "mcp");
    Tomcat.addServlet(context, "health", new HealthServlet());
    context.addServletMapping(HEALTH_PATH, "health");
    context.addServletMapping(NPM_HEALTH_PATH, "health");
    return tomcat;
  }

  /** Whether {@code host} (a name or address to listen on) accepts connections from this machine only. */
  public static boolean isLoopback(String host) {
    return DnsRebindingGuard.isLoopback(host);
  }

  /** The port listened on (the chosen one when the configured port was 0). */
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  /** {@code http://host:port/mcp}, with an IPv6 host in brackets and a wildcard host as loopback. */
  public String endpoint() {
    String host = settings.host();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    } else if (host.equals("::") || host.equals("[::]")) {
      host = "::1";
    }
    return "http://" + DnsRebindingGuard.hostLiteral(host) + ":" + port() + MCP_PATH;
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Like {@link #awaitTermination()} with a limit; whether the server has stopped. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops gracefully (see the class comment). Idempotent; other callers wait until it is done. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        waitUntilTerminated();
        return;
      }
      closed = true;
    }
    try {
      inFlight.drain();
      // Stop accepting connections; established ones are answered (with 503 for new requests).
      tomcat.getConnector().getProtocolHandler().closeServerSocketGraceful();
      int running = inFlight.active();
      if (running > 0) {
        LOG.info("Stopping: waiting up to {} s for {} running request(s)", settings.drainTimeout().toSeconds(),
            running);
      }
      if (!inFlight.awaitIdle(settings.drainTimeout())) {
        LOG.warn("Stopping with {} request(s) still running after {} s", inFlight.active(),
            settings.drainTimeout().toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        closeMcpServer.run();
      } catch (RuntimeException e) {
        LOG.debug("Closing MCP sessions failed", e);
      }
      stopQuietly(tomcat);
      deleteRecursively(baseDirectory);
      terminated.countDown();
    }
  }

  private void waitUntilTerminated() {
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stopQuietly(Tomcat tomcat) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException | RuntimeException e) {
      LOG.debug("Stopping Tomcat failed", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // Leftovers in the temporary directory are harmless.
      LOG.debug("Could not delete {}", directory, e);
    }
  }
}
