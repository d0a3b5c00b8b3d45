package dev.openapimcp.runtime.server;

import dev.openapimcp.runtime.internal.capacity.CallLimiter;
import dev.openapimcp.runtime.internal.capacity.MemoryBudget;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.runtime.internal.discovery.ToolDiscovery;
import dev.openapimcp.runtime.internal.http.HttpTransportServer;
import dev.openapimcp.runtime.internal.mcp.DeferredSchemaValidator;
import dev.openapimcp.runtime.internal.mcp.StartupWarmup;
import dev.openapimcp.runtime.internal.mcp.ToolSpecificationFactory;
import dev.openapimcp.runtime.internal.mcp.ToolSpecificationFactory.PreparedTool;
import dev.openapimcp.runtime.internal.request.HeaderPrecedence;
import dev.openapimcp.runtime.internal.request.Credentials;
import dev.openapimcp.runtime.internal.request.FileUploads;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ErrorHints;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.retry.RateLimiter;
import dev.openapimcp.runtime.internal.retry.RetryPolicy;
import dev.openapimcp.runtime.internal.retry.TimeSource;
import dev.openapimcp.runtime.internal.stdio.JsonRpcInputFilter;
import dev.openapimcp.runtime.internal.stdio.StdioServerTransport;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.internal.upstream.UpstreamSettings;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server over stdio, or Streamable HTTP with {@link Builder#http(HttpOptions)}, that offers
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
 */
public final class McpProxyServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(McpProxyServer.class);

  private final ToolCatalog catalog;
  private final BaseUrl baseUrl;
  private final HeaderConfig headers;
  private final Set<String> overriddenHeaders;
  private final List<PreparedTool> preparedTools;
  private final HttpOptions http;
  private final InputStream input;
  private final OutputStream output;
  private final RateLimiter rateLimiter;
  private final int maxConcurrentCalls;
  private final long memoryBudget;
  private final Duration maxQueueWait;
  private final Duration stdioDrainTimeout;
  private final DeferredSchemaValidator schemas = new DeferredSchemaValidator();

  private StdioServerTransport session;
  private McpSyncServer server;
  private HttpTransportServer httpServer;
  private boolean closed;

  private McpProxyServer(Builder builder) {
    this.catalog = builder.catalog;
    if (builder.http == null) {
      // First, so the warm-up overlaps the rest of the set-up: a stdio client asks at once.
      StartupWarmup.start(serverInfo());
    }
    this.input = builder.input == null ? System.in : builder.input;
    this.output = builder.output == null ? System.out : builder.output;
    this.baseUrl = BaseUrl.fromEnvironment(builder.environment, catalog.baseUrl());
    this.headers = HeaderConfig.fromEnvironment(builder.environment, catalog.tokenVariable());
    this.overriddenHeaders =
        HeaderPrecedence.overriddenByOperations(
            headers.headers(), catalog.tools().stream().map(ToolDefinition::http).toList());
    UpstreamSettings limits = new UpstreamSettings(
        builder.connectTimeout, builder.requestTimeout, builder.maxTextBytes, builder.maxBinaryBytes);
    this.rateLimiter = RateLimiter.perSecond(builder.effectiveRateLimit(), TimeSource.system());
    this.maxConcurrentCalls = builder.effectiveMaxConcurrentCalls();
    this.memoryBudget = builder.effectiveMemoryBudget();
    this.maxQueueWait = builder.maxQueueWait;
    // Each call is bounded by its own limits: waits for a slot and for memory, for the rate limit (a
    // request timeout), retries (their deadline) and the last attempt (one more request timeout); the
    // drain only guards against a hang.
    this.stdioDrainTimeout = maxQueueWait.multipliedBy(2).plus(builder.requestTimeout.multipliedBy(2))
        .plus(builder.retryDeadline).plusSeconds(5);
    this.http = builder.http;
    List<PreparedTool> operations =
        ToolSpecificationFactory.prepare(
            catalog,
            new RequestBuilder(baseUrl, headers.headers(),
                new Credentials(catalog.credentials(), builder.environment),
                FileUploads.forCatalog(catalog, builder.uploadRoot)),
            new UpstreamClient(builder.httpClient, limits,
                new RetryPolicy(builder.maxAttempts, builder.retryDeadline), rateLimiter, TimeSource.system()),
            new ResultMapper(limits, ErrorHints.forCatalog(catalog)),
            schemas);
    Set<String> curated = builder.effectiveDiscovery();
    this.preparedTools = curated == null ? operations : discovery(operations, curated);
  }

  /** The limits of one transport's calls: each transport has its own. */
  private CallLimiter newCallLimiter() {
    return new CallLimiter(maxConcurrentCalls, maxQueueWait, MemoryBudget.of(memoryBudget, maxQueueWait));
  }

  private static List<PreparedTool> discovery(List<PreparedTool> operations, Set<String> curated) {
    try {
      return ToolDiscovery.expose(operations, curated);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** Starts a builder for a server offering {@code catalog}'s tools. */
  public static Builder builder(ToolCatalog catalog) {
    return new Builder(catalog);
  }

  /**
   * Starts serving: reads JSON-RPC messages from the input on a background thread and answers on
   * the output, or with {@link Builder#http} listens for HTTP clients. Returns at once.
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
    if (http != null) {
      return startHttp();
    }
    CallLimiter limiter = newCallLimiter();
    session =
        new StdioServerTransport(
            // The SDK stops reading at a line it cannot parse; the filter answers those itself.
            McpJsonDefaults.getMapper(), new JsonRpcInputFilter(input, output), output, limiter, stdioDrainTimeout);
    server =
        McpServer.sync(session)
            // The SDK's defaults name the SDK itself; clients show this name.
            .serverInfo(serverInfo())
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .jsonSchemaValidator(schemas)
            // Validation runs in the tool handler, after JSON text arguments are decoded.
            .validateToolInputs(false)
            // The transport runs each call on one of its threads, and writes the answer there.
            .immediateExecution(true)
            .tools(ToolSpecificationFactory.stateful(limiter.limit(preparedTools)))
            .build();
    logStart();
    return this;
  }

  private McpProxyServer startHttp() {
    CallLimiter limiter = newCallLimiter();
    try {
      httpServer =
          HttpTransportServer.start(
              new HttpTransportServer.Config(
                  http.host(),
                  http.port(),
                  http.stateless(),
                  http.authToken(),
                  http.tokenPassthroughHeader(),
                  http.maxRequestBytes(),
                  http.drainTimeout()),
              serverInfo(),
              limiter.limit(preparedTools),
              schemas,
              limiter.memory());
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    logStart();
    return this;
  }

  private McpSchema.Implementation serverInfo() {
    return McpSchema.Implementation.builder(catalog.serverName(), catalog.serverVersion()).build();
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
        "{} {} serving {} tools over {} for {}",
        catalog.serverName(),
        catalog.serverVersion(),
        preparedTools.size(),
        httpServer == null
            ? "stdio"
            : (http.stateless() ? "stateless " : "") + "Streamable HTTP at " + httpServer.endpoint(),
        baseUrl.origin());
    if (rateLimiter.perSecond() > 0) {
      LOG.info("Sending at most {} requests per second to the API per credential", rateLimiter.perSecond());
    }
    LOG.debug("At most {} tool calls at once; answers may hold {} of the heap", maxConcurrentCalls,
        MemoryBudget.describe(memoryBudget));
    if (!headers.sendsCredentials()) {
      LOG.warn(
          "{} is not set{}; requests are sent without credentials{}.",
          HeaderConfig.HEADERS_VARIABLE,
          catalog.tokenVariable() == null ? "" : " and neither is " + catalog.tokenVariable(),
          http == null || http.tokenPassthroughHeader() == null
              ? ""
              : " unless the client sends its own token in " + http.tokenPassthroughHeader());
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
   * running calls get up to {@link HttpOptions#drainTimeout()} to finish. Over stdio it returns once
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
    if (listening != null) {
      // Outside the lock: draining takes a while, and HttpTransportServer.close is idempotent.
      listening.close();
      return;
    }
    closeStdio();
  }

  /**
   * Stops taking calls over stdio and returns once every request read has been answered: calls not
   * yet started are refused (nothing was sent for them), running ones finish.
   */
  private void closeStdio() {
    McpSyncServer running;
    synchronized (this) {
      running = server;
    }
    if (running != null) {
      // Outside the lock: draining takes as long as the running calls, and awaitTermination reads the session.
      try {
        running.closeGracefully();
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
    private HttpOptions http;
    private double defaultRateLimit;
    private Double rateLimit;
    private Duration connectTimeout = UpstreamSettings.DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = UpstreamSettings.DEFAULT_REQUEST_TIMEOUT;
    private int maxTextBytes = UpstreamSettings.DEFAULT_MAX_TEXT_BYTES;
    private int maxBinaryBytes = UpstreamSettings.DEFAULT_MAX_BINARY_BYTES;
    private Path uploadRoot;
    private Set<String> discovery;
    private boolean allTools;
    private Set<String> defaultDiscovery;
    private int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;
    private Duration retryDeadline = RetryPolicy.DEFAULT_DEADLINE;
    private int maxConcurrentCalls;
    private long memoryBudget;
    private Duration maxQueueWait = CallLimiter.DEFAULT_MAX_WAIT;

    private Builder(ToolCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * The environment to read {@code OPENAPI_MCP_HEADERS}, the token variable and {@code BASE_URL}
     * from; {@link System#getenv()} by default.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Where JSON-RPC messages come from; {@link System#in} by default. */
    public Builder input(InputStream input) {
      this.input = input;
      return this;
    }

    /**
     * Where JSON-RPC messages go; {@link System#out} at build time by default. Nothing else may
     * write to this stream.
     */
    public Builder output(OutputStream output) {
      this.output = output;
      return this;
    }

    /**
     * The client for API requests; by default one is created on the first call (HTTP/1.1, 10 s
     * connect timeout, redirects not followed).
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * The rate limit this server has unless {@link #rateLimit} sets one: requests per second to the
     * API, 0 for none (the default). For generated servers whose API documents a limit, such as
     * Notion's 3 per second.
     */
    public Builder defaultRateLimit(double perSecond) {
      this.defaultRateLimit = checkRate(perSecond);
      return this;
    }

    /** Requests per second to the API, 0 for no limit; wins over {@link #defaultRateLimit}. */
    public Builder rateLimit(double perSecond) {
      this.rateLimit = checkRate(perSecond);
      return this;
    }

    /** The rate limit the server will have: {@link #rateLimit}, else {@link #defaultRateLimit}. */
    double effectiveRateLimit() {
      return rateLimit != null ? rateLimit : defaultRateLimit;
    }

    private static double checkRate(double perSecond) {
      if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("The rate limit must be 0 (no limit) or a positive number per second.");
      }
      return perSecond;
    }

    /** How long to wait for a connection to the API; 10 s by default. Ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long one attempt of a call may take, to the last byte of the answer; 60 s by default. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Text answers longer than this many bytes are cut, with a note; 1 MB by default. */
    public Builder maxTextBytes(int bytes) {
      this.maxTextBytes = bytes;
      return this;
    }

    /** Images and other binary answers longer than this many bytes are not passed on; 5 MB by default. */
    public Builder maxBinaryBytes(int bytes) {
      this.maxBinaryBytes = bytes;
      return this;
    }

    /**
     * Discovery mode: list {@code search_operations}, {@code describe_operation} and
     * {@code invoke_operation} instead of one tool per operation, plus the tools named in
     * {@code curated} (in that order); for APIs whose full tool list would not fit a model's context.
     */
    public Builder discovery(Collection<String> curated) {
      this.discovery = new LinkedHashSet<>(curated);
      this.allTools = false;
      return this;
    }

    /** One tool per operation, whatever {@link #defaultDiscovery} says (the command line's {@code --tools all}). */
    public Builder allTools() {
      this.allTools = true;
      this.discovery = null;
      return this;
    }

    /**
     * The discovery mode this server has unless {@link #discovery} or {@link #allTools} says
     * otherwise: for generated servers of APIs too large to list.
     */
    public Builder defaultDiscovery(Collection<String> curated) {
      this.defaultDiscovery = new LinkedHashSet<>(curated);
      return this;
    }

    /** The tools listed beside the discovery tools in discovery mode, or {@code null} for all tools. */
    Set<String> effectiveDiscovery() {
      return allTools ? null : discovery != null ? discovery : defaultDiscovery;
    }

    /**
     * The directory multipart uploads may read files from (with everything below it). None by
     * default: arguments that take a file ({@code format: binary}) are then refused, naming {@code
     * --upload-root}.
     */
    public Builder uploadRoot(Path directory) {
      this.uploadRoot = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * At most {@code maxAttempts} attempts per call (1 turns retries off), none started later than
     * {@code deadline} after the first; 4 within 60 s by default.
     */
    public Builder retries(int maxAttempts, Duration deadline) {
      this.maxAttempts = maxAttempts;
      this.retryDeadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /**
     * Tool calls each transport runs at once; more wait for a slot, up to {@link #maxQueueWait}, and
     * beyond that are answered as busy. By default one per 16 MB of the maximum heap, from 4 to 64.
     *
     * @throws IllegalArgumentException when {@code calls} is less than 1
     */
    public Builder maxConcurrentCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("--max-concurrent-calls must be at least 1.");
      }
      this.maxConcurrentCalls = calls;
      return this;
    }

    /**
     * Heap bytes the answers of each transport's calls may hold, counted at what mapping and writing
     * them costs; a call whose answer does not fit is answered as busy. Half the maximum heap by
     * default.
     *
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Builder memoryBudget(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("--memory-budget must be at least 1 byte.");
      }
      this.memoryBudget = bytes;
      return this;
    }

    /**
     * How long a call may wait for a free slot, or for memory for its answer, before it is answered
     * as busy; 10 s by default, less than clients wait for an answer.
     */
    public Builder maxQueueWait(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("--max-queue-wait must not be negative.");
      }
      this.maxQueueWait = wait;
      return this;
    }

    /** {@link #maxConcurrentCalls}, else the default derived from the heap. */
    int effectiveMaxConcurrentCalls() {
      return maxConcurrentCalls > 0 ? maxConcurrentCalls : CallLimiter.defaultMaxConcurrentCalls();
    }

    /** {@link #memoryBudget}, else the default derived from the heap. */
    long effectiveMemoryBudget() {
      return memoryBudget > 0 ? memoryBudget : MemoryBudget.defaultBytes();
    }

    /**
     * Serves Streamable HTTP as {@code options} say instead of stdio; {@link #input} and {@link
     * #output} are then unused.
     */
    public Builder http(HttpOptions options) {
      this.http = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Reads the environment and prepares every tool.
     *
     * @throws IllegalArgumentException when the environment is unusable; the message is one
     *     sentence for the user and contains no secret
     */
    public McpProxyServer build() {
      return new McpProxyServer(this);
    }
  }
}
