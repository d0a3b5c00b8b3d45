package dev.openapimcp.runtime.server;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.runtime.internal.mcp.SessionEndSignal;
import dev.openapimcp.runtime.internal.mcp.ToolSpecificationFactory;
import dev.openapimcp.runtime.internal.request.HeaderPrecedence;
import dev.openapimcp.runtime.internal.request.Credentials;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.tool.ToolCatalog;
import dev.openapimcp.runtime.tool.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server over stdio that offers the catalog's tools and forwards each call to the API as an
 * HTTP request.
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
  private final List<SyncToolSpecification> tools;
  private final InputStream input;
  private final OutputStream output;

  private SessionEndSignal session;
  private McpSyncServer server;
  private boolean closed;

  private McpProxyServer(Builder builder) {
    this.catalog = builder.catalog;
    this.input = builder.input == null ? System.in : builder.input;
    this.output = builder.output == null ? System.out : builder.output;
    this.baseUrl = BaseUrl.fromEnvironment(builder.environment, catalog.baseUrl());
    this.headers = HeaderConfig.fromEnvironment(builder.environment, catalog.tokenVariable());
    this.overriddenHeaders =
        HeaderPrecedence.overriddenByOperations(
            headers.headers(), catalog.tools().stream().map(ToolDefinition::http).toList());
    this.tools =
        ToolSpecificationFactory.create(
            catalog,
            new RequestBuilder(baseUrl, headers.headers(),
                new Credentials(catalog.credentials(), builder.environment)),
            new UpstreamClient(builder.httpClient),
            new ResultMapper(),
            McpJsonDefaults.getSchemaValidator());
  }

  /** Starts a builder for a server offering {@code catalog}'s tools. */
  public static Builder builder(ToolCatalog catalog) {
    return new Builder(catalog);
  }

  /**
   * Starts serving: reads JSON-RPC messages from the input on a background thread and answers on
   * the output. Returns at once.
   *
   * @throws IllegalStateException when already started or closed
   * @throws IllegalArgumentException when the SDK rejects a tool definition (invalid schema)
   */
  public synchronized McpProxyServer start() {
    if (server != null || closed) {
      throw new IllegalStateException(closed ? "The server is closed." : "The server is already running.");
    }
    session =
        new SessionEndSignal(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), input, output));
    server =
        McpServer.sync(session)
            // The SDK's defaults name the SDK itself; clients show this name.
            .serverInfo(catalog.serverName(), catalog.serverVersion())
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            // Validation runs in the tool handler, after JSON text arguments are decoded.
            .validateToolInputs(false)
            .tools(tools)
            .build();
    logStart();
    return this;
  }

  private void logStart() {
    LOG.info(
        "{} {} serving {} tools over stdio for {}",
        catalog.serverName(),
        catalog.serverVersion(),
        tools.size(),
        baseUrl.origin());
    if (!headers.sendsCredentials()) {
      LOG.warn(
          "{} is not set{}; requests are sent without credentials.",
          HeaderConfig.HEADERS_VARIABLE,
          catalog.tokenVariable() == null ? "" : " and neither is " + catalog.tokenVariable());
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

  /** Blocks until the client closes the connection (end of input) or {@link #close()} is called. */
  public void awaitTermination() throws InterruptedException {
    startedSession().await();
  }

  /** Like {@link #awaitTermination()} with a limit; {@code true} when the session has ended. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return startedSession().await(timeout);
  }

  private synchronized SessionEndSignal startedSession() {
    if (session == null) {
      throw new IllegalStateException("The server has not been started.");
    }
    return session;
  }

  /** Stops serving. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      try {
        server.closeGracefully();
      } catch (RuntimeException e) {
        LOG.debug("Closing the MCP session failed", e);
      }
      session.signal();
    }
  }

  /** Builds a {@link McpProxyServer}. */
  public static final class Builder {
    private final ToolCatalog catalog;
    private Map<String, String> environment = System.getenv();
    private InputStream input;
    private OutputStream output;
    private HttpClient httpClient;

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
