package dev.openapimcp.runtime.server;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link McpProxyServer} serves Streamable HTTP instead of stdio:
 *
 * <pre>{@code
 * McpProxyServer.builder(catalog)
 *     .http(HttpOptions.builder().port(3000).authToken(token).tokenPassthroughHeader("Notion-Token").build())
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>Authentication must be decided explicitly: {@link Builder#authToken} or {@link
 * Builder#unsafeDisableAuth}. {@link #toString()} never shows the token.
 */
public final class HttpOptions {

  /** Listens on loopback only unless told otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The npm server's default port. */
  public static final int DEFAULT_PORT = 3000;

  /** Larger request bodies are refused with 413. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  /** How long stopping waits for running calls. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final String host;
  private final int port;
  private final boolean stateless;
  private final String authToken;
  private final String tokenPassthroughHeader;
  private final int maxRequestBytes;
  private final Duration drainTimeout;

  private HttpOptions(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.stateless = builder.stateless;
    this.authToken = builder.authToken;
    this.tokenPassthroughHeader = builder.tokenPassthroughHeader;
    this.maxRequestBytes = builder.maxRequestBytes;
    this.drainTimeout = builder.drainTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The token passthrough header for an API whose token variable is {@code tokenVariable}: {@code
   * NOTION_TOKEN} → {@code Notion-Token}, {@code MY_API_TOKEN} → {@code My-Api-Token}; {@code
   * Api-Token} when the API has none.
   */
  public static String defaultTokenPassthroughHeader(String tokenVariable) {
    String base = tokenVariable == null || tokenVariable.isBlank() ? "API" : tokenVariable.strip();
    if (base.toUpperCase(Locale.ROOT).endsWith("_TOKEN")) {
      base = base.substring(0, base.length() - "_TOKEN".length());
    }
    StringBuilder name = new StringBuilder();
    for (String word : base.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0)))
            .append(word.substring(1).toLowerCase(Locale.ROOT))
            .append('-');
      }
    }
    return name.append("Token").toString();
  }

  public String host() {
    return host;
  }

  /** The configured port; 0 means any free port ({@link McpProxyServer#httpPort()} tells which). */
  public int port() {
    return port;
  }

  public boolean stateless() {
    return stateless;
  }

  /** The bearer token clients must present, or {@code null} when authentication is disabled. */
  public String authToken() {
    return authToken;
  }

  /** The header clients may send their own API token in, or {@code null} when passthrough is off. */
  public String tokenPassthroughHeader() {
    return tokenPassthroughHeader;
  }

  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  public Duration drainTimeout() {
    return drainTimeout;
  }

  @Override
  public String toString() {
    return "HttpOptions[host=" + host + ", port=" + port + ", stateless=" + stateless + ", auth="
        + (authToken == null ? "disabled" : "bearer") + ", tokenPassthroughHeader=" + tokenPassthroughHeader
        + ", maxRequestBytes=" + maxRequestBytes + ", drainTimeout=" + drainTimeout + "]";
  }

  /** Builds {@link HttpOptions}; every setter checks its value and throws {@link IllegalArgumentException}. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private boolean stateless;
    private String authToken;
    private boolean authDisabled;
    private String tokenPassthroughHeader;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

    private Builder() {}

    /** Address to listen on; {@value HttpOptions#DEFAULT_HOST} by default. */
    public Builder host(String host) {
      if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
        throw new IllegalArgumentException("--host must be a host name or IP address such as 127.0.0.1.");
      }
      this.host = host.strip();
      return this;
    }

    /** Port to listen on, 0 for any free one; {@value HttpOptions#DEFAULT_PORT} by default. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port must be from 0 to 65535.");
      }
      this.port = port;
      return this;
    }

    /**
     * The SDK's stateless transport: no sessions, every request stands alone, so any instance
     * behind a load balancer can answer it. Off by default.
     */
    public Builder stateless(boolean stateless) {
      this.stateless = stateless;
      return this;
    }

    /** Clients must send {@code Authorization: Bearer <token>}. */
    public Builder authToken(String token) {
      if (token == null || token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
        throw new IllegalArgumentException(
            "The auth token (--auth-token or AUTH_TOKEN) must be visible ASCII without spaces, and without"
                + " 'Bearer '.");
      }
      this.authToken = token;
      this.authDisabled = false;
      return this;
    }

    /**
     * No authentication: anyone who can reach the port can call the API with the server's
     * credentials. Host and Origin checks stay on.
     */
    public Builder unsafeDisableAuth() {
      this.authToken = null;
      this.authDisabled = true;
      return this;
    }

    /**
     * Lets each client send its own API token in header {@code name} (such as {@code Notion-Token});
     * that request's call then uses {@code Authorization: Bearer <token>}. {@code null} turns it off.
     */
    public Builder tokenPassthroughHeader(String name) {
      if (name != null) {
        if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
          throw new IllegalArgumentException(
              "--token-passthrough-header must be an HTTP header name such as Notion-Token.");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("authorization") || lower.equals("host") || lower.equals("origin")
            || lower.startsWith("mcp-")) {
          throw new IllegalArgumentException(
              "--token-passthrough-header cannot be " + name + ", which the HTTP transport itself reads.");
        }
      }
      this.tokenPassthroughHeader = name;
      return this;
    }

    /** Larger request bodies are refused with 413; {@value HttpOptions#DEFAULT_MAX_REQUEST_BYTES} by default. */
    public Builder maxRequestBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("The request size limit must be at least 1024 bytes.");
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /** How long stopping lets running calls finish; 30 s by default. */
    public Builder drainTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("The drain timeout must not be negative.");
      }
      this.drainTimeout = timeout;
      return this;
    }

    /**
     * @throws IllegalStateException when neither {@link #authToken} nor {@link #unsafeDisableAuth}
     *     was called
     */
    public HttpOptions build() {
      if (authToken == null && !authDisabled) {
        throw new IllegalStateException("Set an auth token or disable authentication explicitly.");
      }
      return new HttpOptions(this);
    }

    /** RFC 9110 {@code tchar}. */
    private static boolean isTokenChar(int c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }
}
