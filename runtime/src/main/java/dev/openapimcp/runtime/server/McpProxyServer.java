package dev.openapimcp.runtime.server;

import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolMode;
import dev.openapimcp.runtime.internal.call.CatalogTools;
import dev.openapimcp.runtime.internal.capacity.CallLimiter;
import dev.openapimcp.runtime.internal.capacity.MemoryBudget;
import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.confirm.ConfirmingTools;
import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.runtime.internal.discovery.ToolDiscovery;
import dev.openapimcp.runtime.internal.http.HttpTransportServer;
import dev.openapimcp.runtime.internal.http.TokenPassthrough;
import dev.openapimcp.runtime.internal.mcp.DeferredSchemaValidator;
import dev.openapimcp.runtime.internal.mcp.SdkServers;
import dev.openapimcp.runtime.internal.mcp.SessionTools;
import dev.openapimcp.runtime.internal.mcp.StartupWarmup;
import dev.openapimcp.runtime.internal.modern.ModernLane;
import dev.openapimcp.runtime.internal.request.Credentials;
import dev.openapimcp.runtime.internal.resource.ToolResources;
import dev.openapimcp.runtime.internal.request.FileUploads;
import dev.openapimcp.runtime.internal.request.HeaderPrecedence;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ErrorHints;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.retry.TimeSource;
import dev.openapimcp.runtime.internal.stdio.JsonRpcInputFilter;
import dev.openapimcp.runtime.internal.stdio.StdioServerTransport;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ReadOnlyTools;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.settings.InvalidSettingException;
import dev.openapimcp.runtime.settings.ServerSettings;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server over stdio, or Streamable HTTP when its {@link ServerSettings} say so, that offers
 * the catalog's tools and forwards each call to the API as an HTTP request.
 *
 * <pre>{@code
 * try (McpProxyServer server = McpProxyServer.builder(catalog).environment(System.getenv()).build()) {
 *   server.start();
 *   server.awaitTermination(); // until the client closes the connection
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} reads the environment once and fails fast with an {@link
 * IllegalArgumentException} whose message is one sentence safe to show the user (it never contains
 * a header value or token).
 *
 * <p>An application that embeds the server on a machine of one or two processors calls {@link
 * ServerCommand#prepareJvm()} first in its {@code main} (or starts the JVM with {@code
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism=2}): otherwise the JDK starts a thread for
 * every API call.
 */
public final class McpProxyServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(McpProxyServer.class);

  private final ToolCatalog catalog;
  private final ServerSettings settings;
  private final BaseUrl baseUrl;
  private final HeaderConfig headers;
  private final Credentials credentials;
  private final Set<String> overriddenHeaders;
  private final String tokenPassthroughHeader;
  private final List<PreparedTool> preparedTools;
  private final SdkServers sdk;
  private final McpSchema.Implementation serverInfo;
  /** What both protocol lanes tell clients about the server ({@code initialize}, {@code server/discover}). */
  private final String instructions;
  /** Tools callable (to say they are refused) but not listed: the write tools of a read-only server. */
  private final Set<String> unlisted;
  /** Every operation's tool (read-only refusals in their places) and the writes withheld: what resources read. */
  private final ReadOnlyTools operations;
  /** The rate limit of every tool's requests; closed with the server (its shared store's connections). */
  private final RateLimiter rateLimiter;
  private final InputStream input;
  private final OutputStream output;

  private StdioServerTransport session;
  private McpAsyncServer server;
  private HttpTransportServer httpServer;
  private boolean closed;

  private McpProxyServer(Builder builder) {
    this.catalog = builder.catalog;
    this.settings = builder.settings;
    if (settings.transport() == ServerSettings.Transport.HTTP && settings.authToken() == null
        && !settings.authDisabled()) {
      throw new IllegalStateException("Set an auth token or disable authentication explicitly.");
    }
    this.serverInfo = McpSchema.Implementation.builder(catalog.serverName(), catalog.serverVersion()).build();
    if (settings.transport() == ServerSettings.Transport.STDIO) {
      // Early, so the warm-up overlaps the rest of the set-up: a stdio client asks at once.
      StartupWarmup.start(serverInfo);
    }
    this.input = builder.input == null ? System.in : builder.input;
    this.output = builder.output == null ? System.out : builder.output;
    this.baseUrl = BaseUrl.fromEnvironment(builder.environment, catalog.baseUrl());
    this.headers = HeaderConfig.fromEnvironment(builder.environment, catalog.tokenVariable());
    this.overriddenHeaders =
        HeaderPrecedence.overriddenByOperations(
            headers.headers(), catalog.tools().stream().map(ToolDefinition::http).toList());
    this.tokenPassthroughHeader = TokenPassthrough.header(settings, catalog.tokenVariable());
    this.credentials = new Credentials(catalog.credentials(), builder.environment);
    RateLimiter limiter = RateLimiter.perSecond(settings.rateLimit(), TimeSource.system());
    this.rateLimiter = settings.rateLimitStore() == null ? limiter
        : limiter.sharedIn(settings.rateLimitStore(), baseUrl.origin());
    DeferredSchemaValidator schemas = new DeferredSchemaValidator();
    List<PreparedTool> operations =
        CatalogTools.prepare(
            catalog,
            new RequestBuilder(baseUrl, headers.headers(), credentials,
                FileUploads.forCatalog(catalog, settings.uploadRoot())),
            new UpstreamClient(builder.httpClient, settings, rateLimiter),
            new ResultMapper(settings, ErrorHints.forCatalog(catalog, settings.notFoundHint())),
            schemas,
            settings.validation());
    operations = ConfirmingTools.wrap(operations, catalog.tools(), settings.confirm());
    ReadOnlyTools readOnly = settings.readOnly() ? ReadOnlyTools.of(operations) : ReadOnlyTools.all(operations);
    this.preparedTools = settings.toolMode() == ToolMode.DYNAMIC
        ? discovery(readOnly.allowed(), readOnly.refusals())
        : readOnly.withRefusingTools();
    this.instructions =
        settings.instructions() != null ? settings.instructions() : Instructions.generic(catalog, settings);
    this.unlisted = settings.toolMode() == ToolMode.DYNAMIC ? Set.of() : readOnly.refusals().keySet();
    this.operations = readOnly;
    this.sdk = new SdkServers(serverInfo, schemas, instructions, unlisted);
  }

  private List<PreparedTool> discovery(List<PreparedTool> operations, Map<String, String> withheld) {
    try {
      return ToolDiscovery.expose(operations, settings.exposedTools(), withheld);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("exposedTools", e.getMessage());
    }
  }

  /** The limits of one transport's calls: each transport has its own. */
  private CallLimiter newCallLimiter() {
    return new CallLimiter(settings.maxConcurrentCalls(), settings.maxQueueWait(),
        MemoryBudget.of(settings.memoryBudget(), settings.maxQueueWait()));
  }

  /**
   * How long ending a stdio session waits for unanswered requests. Each call is bounded by its own
   * limits: waits for a slot and for memory, for the rate limit (a request timeout), retries (their
   * deadline) and the last attempt (one more request timeout); this only guards against a hang.
   */
  private Duration stdioDrainTimeout() {
    return settings.maxQueueWait().multipliedBy(2).plus(settings.requestTimeout().multipliedBy(2))
        .plus(settings.retryDeadline()).plusSeconds(5);
  }

  /** Starts a builder for a server offering {@code catalog}'s tools. */
  public static Builder builder(ToolCatalog catalog) {
    return new Builder(catalog);
  }

  /**
   * Starts serving: reads JSON-RPC messages from the input on a background thread and answers on
   * the output, or over HTTP listens for clients. Returns at once.
   *
   * @throws IllegalStateException when already started or closed
   * @throws IllegalArgumentException when the SDK rejects a tool definition (an invalid name); input
   *     schemas are not checked against the JSON Schema meta-schema here: the generator has done so
   * @throws UncheckedIOException when the HTTP address cannot be bound (the message says why)
   */
  public synchronized McpProxyServer start() {
    if (server != null || httpServer != null || closed) {
      throw new IllegalStateException(closed ? "The server is closed." : "The server is already running.");
    }
    CallLimiter limiter = newCallLimiter();
    List<PreparedTool> limited = limiter.limit(preparedTools);
    ToolResources resources =
        ToolResources.of(catalog, limiter.limit(operations.withRefusingTools()), operations.refusals().keySet());
    SdkServers servers = sdk.withResources(resources);
    ModernLane modern = new ModernLane(serverInfo, instructions, limited, unlisted, settings.stateKey(), resources);
    if (settings.transport() == ServerSettings.Transport.HTTP) {
      try {
        httpServer =
            HttpTransportServer.start(settings, tokenPassthroughHeader, servers, limited, limiter.memory(), modern);
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    } else {
      session =
          new StdioServerTransport(
              // The SDK stops reading at a line it cannot parse; the filter answers those itself.
              McpJsonDefaults.getMapper(), new JsonRpcInputFilter(input, output), output, limiter, stdioDrainTimeout(),
              modern, new SessionTools(limited, settings.confirm() != ServerSettings.Confirm.OFF));
      server = servers.sessions(session, limited);
    }
    logStart();
    return this;
  }

  /** The port the HTTP transport listens on (the chosen one when configured as 0). */
  public synchronized int httpPort() {
    if (httpServer == null) {
      throw new IllegalStateException("The server is not serving HTTP.");
    }
    return httpServer.port();
  }

  private void logStart() {
    LOG.info(
        "{} {} serving {} tools{} over {} for {}",
        catalog.serverName(),
        catalog.serverVersion(),
        settings.toolMode() == ToolMode.DYNAMIC ? preparedTools.size()
            : preparedTools.size() - sdk.unlistedCount(),
        settings.readOnly() ? " (read-only)" : "",
        httpServer == null
            ? "stdio"
            : (settings.stateless() ? "stateless " : "") + "Streamable HTTP at " + httpServer.endpoint(),
        baseUrl.origin());
    if (settings.rateLimit() > 0) {
      LOG.info("Sending at most {} requests per second to the API per credential{}", settings.rateLimit(),
          settings.rateLimitStore() == null ? ""
              : ", shared with the replicas using " + ServerSettings.describeStore(settings.rateLimitStore()));
    } else if (settings.rateLimitStore() != null) {
      LOG.warn("--rate-limit-store is set without --rate-limit: there is no limit to share");
    }
    LOG.debug("At most {} tool calls at once; answers may hold {} of the heap", settings.maxConcurrentCalls(),
        MemoryBudget.describe(settings.memoryBudget()));
    // Basic auth and API keys from their own variables are credentials too (they used to get this warning).
    if (!headers.sendsCredentials() && !credentials.anyGiven()) {
      LOG.warn(
          "{} is not set{}; requests are sent without credentials{}.",
          HeaderConfig.HEADERS_VARIABLE,
          catalog.tokenVariable() == null ? "" : " and neither is " + catalog.tokenVariable(),
          httpServer == null || tokenPassthroughHeader == null
              ? ""
              : " unless the client sends its own token in " + tokenPassthroughHeader);
    }
    for (String name : overriddenHeaders) {
      LOG.warn(
          "{} sets {}, which is ignored by every operation that declares its own {} in the spec: they send"
              + " the declared value they were written against.",
          HeaderConfig.HEADERS_VARIABLE,
          name,
          name);
    }
  }

  /**
   * Blocks until the client closes the connection (end of input) and every request it sent has
   * been answered, or {@link #close()} has done so; over HTTP, until {@link #close()} has stopped
   * the server.
   */
  public void awaitTermination() throws InterruptedException {
    HttpTransportServer listening = startedHttpServer();
    if (listening != null) {
      listening.awaitTermination();
    } else {
      startedSession().await();
    }
  }

  /** Like {@link #awaitTermination()} with a limit; {@code true} when the session has ended. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    HttpTransportServer listening = startedHttpServer();
    return listening != null ? listening.awaitTermination(timeout) : startedSession().await(timeout);
  }

  private synchronized HttpTransportServer startedHttpServer() {
    return httpServer;
  }

  private synchronized StdioServerTransport startedSession() {
    if (session == null) {
      throw new IllegalStateException("The server has not been started.");
    }
    return session;
  }

  /**
   * Stops serving. Idempotent. Over HTTP it stops gracefully: new requests are refused while
   * running calls get up to {@link ServerSettings#drainTimeout()} to finish. Over stdio it returns once
   * every request read has been answered: tool calls not yet started are answered as refused
   * (nothing was sent for them), running ones finish.
   */
  @Override
  public void close() {
    HttpTransportServer listening;
    synchronized (this) {
      listening = httpServer;
      if (closed && listening == null) {
        return;
      }
      closed = true;
    }
    try {
      if (listening != null) {
        // Outside the lock: draining takes a while, and HttpTransportServer.close is idempotent.
        listening.close();
      } else {
        closeStdio();
      }
    } finally {
      rateLimiter.close();
    }
  }

  /**
   * Stops taking calls over stdio and returns once every request read has been answered: calls not
   * yet started are refused (nothing was sent for them), running ones finish.
   */
  private void closeStdio() {
    McpAsyncServer running;
    synchronized (this) {
      running = server;
    }
    if (running != null) {
      // Outside the lock: draining takes as long as the running calls, and awaitTermination reads the session.
      try {
        running.closeGracefully().block();
      } catch (RuntimeException e) {
        LOG.debug("Closing the MCP session failed", e);
      }
    }
  }

  /** Builds a {@link McpProxyServer}. */
  public static final class Builder {
    private final ToolCatalog catalog;
    private Map<String, String> environment = System.getenv();
    private InputStream input;
    private OutputStream output;
    private HttpClient httpClient;
    private ServerSettings settings = ServerSettings.defaults();

    private Builder(ToolCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** How to serve: transport, limits, tools; {@link ServerSettings#defaults()} by default. */
    public Builder settings(ServerSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * The environment to read {@code OPENAPI_MCP_HEADERS}, the token variable and {@code BASE_URL}
     * from; {@link System#getenv()} by default.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Where JSON-RPC messages come from over stdio; {@link System#in} by default. */
    public Builder input(InputStream input) {
      this.input = input;
      return this;
    }

    /**
     * Where JSON-RPC messages go over stdio; {@link System#out} at build time by default. Nothing
     * else may write to this stream.
     */
    public Builder output(OutputStream output) {
      this.output = output;
      return this;
    }

    /**
     * The client for API requests; by default one is created on the first call (HTTP/1.1, the
     * settings' connect timeout, redirects not followed).
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Reads the environment and prepares every tool.
     *
     * @throws IllegalArgumentException when the environment or a setting is unusable with this
     *     catalog (an {@link InvalidSettingException} then); the message is one sentence for the user
     *     and contains no secret
     * @throws IllegalStateException when the settings serve HTTP without deciding on authentication
     *     ({@link ServerSettings.Builder#authToken} or {@link ServerSettings.Builder#unsafeDisableAuth})
     */
    public McpProxyServer build() {
      return new McpProxyServer(this);
    }
  }
}
