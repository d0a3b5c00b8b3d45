package dev.openapimcp.runtime.settings;

import dev.openapimcp.model.ToolMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Every setting of a server, immutable: its transport, its limits and how it talks to the API.
 * Each setting's default is defined once, by {@link Builder}, and each setter checks its value,
 * throwing an {@link InvalidSettingException} that names the setting. A generated server applies
 * its own values to the builder first, then its command line overrides those the user gave:
 *
 * <pre>{@code
 * ServerSettings settings = ServerSettings.builder()
 *     .transport(ServerSettings.Transport.HTTP).port(0).authToken(token)
 *     .rateLimit(3)
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows the auth token.
 */
public final class ServerSettings {

  private static final ServerSettings DEFAULTS = builder().build();

  /** What the settings are: a private copy of the builder that made them, never changed again. */
  private final Builder values;

  private ServerSettings(Builder values) {
    this.values = values;
  }

  /** A builder holding every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every setting at its default: stdio, no rate limit, all tools. */
  public static ServerSettings defaults() {
    return DEFAULTS;
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return values.copy();
  }

  /** How clients reach the server. */
  public enum Transport {
    /** Newline-delimited JSON-RPC on standard input and output, one client. */
    STDIO,
    /** Streamable HTTP at {@code /mcp}. */
    HTTP;

    /** The name as users write it: {@code stdio}, {@code http}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How tool arguments are checked against a tool's input schema before anything is sent. The API
   * is the authority: a spec may lag it, so only {@link #STRICT} refuses what the schema does not
   * describe.
   */
  public enum Validation {
    /**
     * Full JSON Schema validation, and arguments the schema does not declare are refused: for
     * testing a spec, not for serving.
     */
    STRICT,
    /**
     * Refuses only what is certainly wrong (a missing required argument, a path, query, header or
     * cookie value of the wrong JSON type, malformed JSON text); properties the schema does not list
     * pass through to the API unchanged, and undeclared top-level arguments of a tool whose body is
     * a JSON object go into the body. The default.
     */
    LENIENT,
    /** Nothing beyond what building the request needs (path parameters, decodable JSON text). */
    OFF;

    /** The name as users write it: {@code strict}, {@code lenient}, {@code off}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which tool calls the user is asked to confirm before they are sent. */
  public enum Confirm {
    /** None (the default): the client's own confirmation, if any, is all there is. */
    OFF,
    /** Calls of tools marked destructive ({@code destructiveHint}), such as DELETE operations. */
    DESTRUCTIVE,
    /** Calls of every tool not marked read-only ({@code readOnlyHint}). */
    WRITES;

    /** The name as users write it: {@code off}, {@code destructive}, {@code writes}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Transport transport() {
    return values.transport;
  }

  /** How arguments are checked before a call is sent. */
  public Validation validation() {
    return values.validation;
  }

  /** Whether only tools that only read ({@code readOnlyHint}) are listed and callable. */
  public boolean readOnly() {
    return values.readOnly;
  }

  /**
   * What {@code initialize} tells clients about using this server, or {@code null} for a short text
   * the server builds from its catalog.
   */
  public String instructions() {
    return values.instructions;
  }

  /** What an API's 404 answer adds for the model, or {@code null} for nothing. */
  public String notFoundHint() {
    return values.notFoundHint;
  }

  /** The address HTTP listens on. */
  public String host() {
    return values.host;
  }

  /** The port HTTP listens on; 0 means any free port. */
  public int port() {
    return values.port;
  }

  /** Whether HTTP serves without sessions. */
  public boolean stateless() {
    return values.stateless;
  }

  /** The bearer token HTTP clients must present, or {@code null} when none is set. */
  public String authToken() {
    return values.authToken;
  }

  /**
   * The key that signs the modern lane's {@code requestState} (a confirmation's question), or {@code
   * null} for one drawn at random when the server starts; a copy. Replicas that share it verify each
   * other's states. Never print it.
   */
  public byte[] stateKey() {
    return values.stateKey == null ? null : values.stateKey.clone();
  }

  /** Whether HTTP clients may connect without a token ({@link Builder#unsafeDisableAuth()}). */
  public boolean authDisabled() {
    return values.authDisabled;
  }

  /** Whether an HTTP client may send its own API token for its calls. */
  public boolean tokenPassthrough() {
    return values.tokenPassthrough;
  }

  /**
   * The header that carries a client's own API token, or {@code null} for the API's token variable
   * as a header name ({@code NOTION_TOKEN}: {@code Notion-Token}).
   */
  public String tokenPassthroughHeader() {
    return values.tokenPassthroughHeader;
  }

  /** Larger HTTP request bodies are refused with 413. */
  public int maxRequestBytes() {
    return values.maxRequestBytes;
  }

  /** How long stopping HTTP lets running calls finish. */
  public Duration drainTimeout() {
    return values.drainTimeout;
  }

  /** Requests per second to the API for each credential; 0 for no limit. */
  public double rateLimit() {
    return values.rateLimit;
  }

  /**
   * Where the rate limit's buckets are kept so that replicas share them ({@code
   * redis://host:port[/db]}), or {@code null} for this process alone. It may hold a password: show
   * it with {@link #describeStore(URI)}.
   */
  public URI rateLimitStore() {
    return values.rateLimitStore;
  }

  /** {@code store} without its user and password, for logs and messages. */
  public static String describeStore(URI store) {
    return store.getScheme() + "://" + store.getHost() + ":" + (store.getPort() < 0 ? 6379 : store.getPort())
        + (store.getRawPath() == null || store.getRawPath().isEmpty() ? "" : store.getRawPath());
  }

  /** How long to wait for a connection to the API. */
  public Duration connectTimeout() {
    return values.connectTimeout;
  }

  /** How long one attempt of a call may take, to the last byte of the answer. */
  public Duration requestTimeout() {
    return values.requestTimeout;
  }

  /** Longer text answers are cut, with a note. */
  public int maxTextBytes() {
    return values.maxTextBytes;
  }

  /** Longer images and other binary answers are not passed on. */
  public int maxBinaryBytes() {
    return values.maxBinaryBytes;
  }

  /** The directory tools may upload files from, or {@code null} for none. */
  public Path uploadRoot() {
    return values.uploadRoot;
  }

  /** Which calls are confirmed by the user first, through the client (MCP elicitation). */
  public Confirm confirm() {
    return values.confirm;
  }

  /** Which tools {@code tools/list} shows. */
  public ToolMode toolMode() {
    return values.toolMode;
  }

  /** With {@link ToolMode#DYNAMIC}: the tools listed directly beside the three discovery tools. */
  public List<String> exposedTools() {
    return values.exposedTools;
  }

  /** Attempts per call, the first included; 1 means no retries. */
  public int retryAttempts() {
    return values.retryAttempts;
  }

  /** Time from a call's first attempt after which no retry starts. */
  public Duration retryDeadline() {
    return values.retryDeadline;
  }

  /** Tool calls each transport runs at once. */
  public int maxConcurrentCalls() {
    return values.maxConcurrentCalls;
  }

  /** Heap bytes the answers of each transport's calls may hold. */
  public long memoryBudget() {
    return values.memoryBudget;
  }

  /** How long a call may wait for a slot, or for memory for its answer, before it is answered as busy. */
  public Duration maxQueueWait() {
    return values.maxQueueWait;
  }

  @Override
  public String toString() {
    Builder v = values;
    // The token is a secret: say only whether there is one.
    String auth = v.authToken != null ? "bearer" : v.authDisabled ? "disabled" : "none";
    return "ServerSettings[transport=" + v.transport.label() + ", host=" + v.host + ", port=" + v.port
        + ", stateless=" + v.stateless + ", auth=" + auth + ", stateKey=" + (v.stateKey == null ? "random" : "given")
        + ", tokenPassthrough=" + v.tokenPassthrough
        + ", tokenPassthroughHeader=" + v.tokenPassthroughHeader + ", maxRequestBytes=" + v.maxRequestBytes
        + ", drainTimeout=" + v.drainTimeout + ", rateLimit=" + v.rateLimit + ", rateLimitStore="
        + (v.rateLimitStore == null ? "local" : describeStore(v.rateLimitStore)) + ", connectTimeout=" + v.connectTimeout
        + ", requestTimeout=" + v.requestTimeout + ", maxTextBytes=" + v.maxTextBytes + ", maxBinaryBytes="
        + v.maxBinaryBytes + ", uploadRoot=" + v.uploadRoot + ", confirm=" + v.confirm.label()
        + ", toolMode=" + v.toolMode.label() + ", exposedTools="
        + v.exposedTools + ", retryAttempts=" + v.retryAttempts + ", retryDeadline=" + v.retryDeadline
        + ", maxConcurrentCalls=" + v.maxConcurrentCalls + ", memoryBudget=" + v.memoryBudget + ", maxQueueWait="
        + v.maxQueueWait + ", validation=" + v.validation.label() + ", readOnly=" + v.readOnly + ", instructions="
        + (v.instructions == null ? "default" : v.instructions.length() + " chars") + ", notFoundHint="
        + (v.notFoundHint == null ? "none" : v.notFoundHint.length() + " chars") + "]";
  }

  /**
   * Builds {@link ServerSettings}. Each field's initial value is the setting's default, defined
   * here only; each setter throws an {@link InvalidSettingException} for a value out of range.
   */
  public static final class Builder implements Cloneable {

    private static final long MEGABYTE = 1024 * 1024;
    /** HMAC-SHA256's output length; a shorter key is weaker than the signature (RFC 2104, section 3). */
    private static final int MIN_STATE_KEY_BYTES = 32;
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private Transport transport = Transport.STDIO;
    /** Loopback only unless told otherwise. */
    private String host = "127.0.0.1";
    /** The npm server's port. */
    private int port = 3000;
    private boolean stateless;
    private String authToken;
    private byte[] stateKey;
    private boolean authDisabled;
    private boolean tokenPassthrough;
    private String tokenPassthroughHeader;
    private int maxRequestBytes = (int) (4 * MEGABYTE);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private double rateLimit;
    private URI rateLimitStore;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    /** A megabyte of text is already more than a model's context holds comfortably. */
    private int maxTextBytes = (int) MEGABYTE;
    /** Base64 makes this about 7 MB in the tool result. */
    private int maxBinaryBytes = (int) (5 * MEGABYTE);
    private Path uploadRoot;
    private Confirm confirm = Confirm.OFF;
    private ToolMode toolMode = ToolMode.ALL;
    private List<String> exposedTools = List.of();
    private int retryAttempts = 4;
    private Duration retryDeadline = Duration.ofSeconds(60);
    /**
     * One call per 16 MB of the heap the JVM may grow to, from 4 to 64: 8 with {@code -Xmx128m}, 32
     * with {@code -Xmx512m}, 64 from 1 GB on. The memory budget, not this, is what keeps large
     * answers from filling the heap; this keeps threads and API connections in proportion.
     */
    private int maxConcurrentCalls =
        (int) Math.max(4, Math.min(64, Runtime.getRuntime().maxMemory() / (16 * MEGABYTE)));
    /**
     * Half of the heap the JVM may grow to ({@code -Xmx}): the other half is the server itself
     * (tools, the SDK, Tomcat; some 30 MB) and room for the collector to work.
     */
    private long memoryBudget = Runtime.getRuntime().maxMemory() / 2;
    /**
     * Short: a client gives up on a call after its own time-out (the Java SDK's is 20 s), and hearing
     * "busy" in time is better than hearing nothing. With 60 HTTP clients asking for 5 MB images and
     * {@code -Xmx512m}, waits up to the 60 s request timeout had 18 of them time out in the client
     * instead.
     */
    private Duration maxQueueWait = Duration.ofSeconds(10);
    private Validation validation = Validation.LENIENT;
    private boolean readOnly;
    private String instructions;
    private String notFoundHint;

    private Builder() {}

    /** How arguments are checked before a call is sent; {@link Validation#LENIENT} by default. */
    public Builder validation(Validation validation) {
      this.validation = Objects.requireNonNull(validation, "validation");
      return this;
    }

    /**
     * Only tools whose {@code readOnlyHint} is true are listed and callable (also through {@code
     * invoke_operation}); calling another answers that the server runs read-only. Off by default.
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * The instructions {@code initialize} returns, advice for the model on using this API; by default
     * ({@code null}) a short text built from the catalog.
     */
    public Builder instructions(String instructions) {
      if (instructions != null && instructions.isBlank()) {
        throw new InvalidSettingException("instructions", "must not be blank; leave it unset for the default");
      }
      this.instructions = instructions;
      return this;
    }

    /**
     * A sentence added to the API's 404 answers, such as Notion's advice to share the page with the
     * integration; none by default, since the fix differs from API to API.
     */
    public Builder notFoundHint(String hint) {
      if (hint != null && hint.isBlank()) {
        throw new InvalidSettingException("notFoundHint", "must not be blank; leave it unset for none");
      }
      this.notFoundHint = hint;
      return this;
    }

    /** Stdio (the default) or Streamable HTTP. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Address HTTP listens on; 127.0.0.1 by default. */
    public Builder host(String host) {
      if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
        throw new InvalidSettingException("host", "must be a host name or IP address such as 127.0.0.1");
      }
      this.host = host.strip();
      return this;
    }

    /** Port HTTP listens on, 0 for any free one; 3000 by default. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new InvalidSettingException("port", "must be from 0 to 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * The SDK's stateless HTTP transport: no sessions, every request stands alone, so any instance
     * behind a load balancer can answer it. Off by default.
     */
    public Builder stateless(boolean stateless) {
      this.stateless = stateless;
      return this;
    }

    /**
     * HTTP clients must send {@code Authorization: Bearer <token>}. Serving HTTP needs this or {@link
     * #unsafeDisableAuth()}: authentication is never off by accident.
     */
    public Builder authToken(String token) {
      if (token == null || token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
        throw new InvalidSettingException("authToken", "must be visible ASCII without spaces, and without 'Bearer '");
      }
      this.authToken = token;
      this.authDisabled = false;
      return this;
    }

    /**
     * The key that signs the modern lane's {@code requestState}: at least 32 bytes, as hex or Base64
     * (standard or URL-safe, padding optional), such as {@code openssl rand -base64 32} prints. Give
     * every replica behind a load balancer the same key so a confirmation asked by one is accepted by
     * another; {@code null} draws one at random when the server starts.
     */
    public Builder stateKey(String encoded) {
      if (encoded == null) {
        this.stateKey = null;
        return this;
      }
      byte[] key = decodeKey(encoded.strip());
      if (key == null || key.length < MIN_STATE_KEY_BYTES) {
        throw new InvalidSettingException("stateKey", "must be at least " + MIN_STATE_KEY_BYTES
            + " random bytes written as hex or Base64, such as 'openssl rand -base64 32' prints");
      }
      this.stateKey = key;
      return this;
    }

    /** Hex when it is only hex digits (an even number of them), else Base64 of either alphabet; {@code null} if neither. */
    private static byte[] decodeKey(String text) {
      if (text.matches("(?:[0-9a-fA-F]{2})+")) {
        return HexFormat.of().parseHex(text);
      }
      if (!text.matches("[A-Za-z0-9+/_-]+={0,2}")) {
        return null;
      }
      try {
        return Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/').replace("=", ""));
      } catch (IllegalArgumentException e) {
        return null;
      }
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
     * Lets each HTTP client send its own API token in {@link #tokenPassthroughHeader}; that request's
     * call then uses {@code Authorization: Bearer <token>}. Off by default.
     */
    public Builder tokenPassthrough(boolean enabled) {
      this.tokenPassthrough = enabled;
      return this;
    }

    /**
     * The header for {@link #tokenPassthrough}, such as {@code Notion-Token}; {@code null} (the
     * default) for the API's token variable as a header name.
     */
    public Builder tokenPassthroughHeader(String name) {
      if (name != null) {
        if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
          throw new InvalidSettingException("tokenPassthroughHeader",
              "must be an HTTP header name such as Notion-Token");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("authorization") || lower.equals("host") || lower.equals("origin")
            || lower.startsWith("mcp-")) {
          throw new InvalidSettingException("tokenPassthroughHeader",
              "cannot be " + name + ", which the HTTP transport itself reads");
        }
      }
      this.tokenPassthroughHeader = name;
      return this;
    }

    /** Larger HTTP request bodies are refused with 413; 4 MB by default. */
    public Builder maxRequestBytes(int bytes) {
      if (bytes < 1024) {
        throw new InvalidSettingException("maxRequestBytes", "must be at least 1024 bytes");
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /** How long stopping HTTP lets running calls finish; 30 s by default. */
    public Builder drainTimeout(Duration timeout) {
      if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
        throw new InvalidSettingException("drainTimeout", "must not be negative");
      }
      this.drainTimeout = timeout;
      return this;
    }

    /**
     * Requests per second to the API for each credential, 0 (the default) for no limit; for APIs
     * that document one, such as Notion's 3 per second.
     */
    public Builder rateLimit(double perSecond) {
      if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
        throw new InvalidSettingException("rateLimit", "must be 0 (no limit) or a positive number of requests"
            + " per second");
      }
      this.rateLimit = perSecond;
      return this;
    }

    /**
     * Keeps the rate limit's buckets in Redis, so replicas behind a load balancer jointly send at most
     * {@link #rateLimit(double)} per credential: {@code redis://[[user]:password@]host[:port][/db]}
     * ({@code rediss://} for TLS), or {@code null} (the default) for a limit of this process alone.
     */
    public Builder rateLimitStore(String uri) {
      if (uri == null) {
        this.rateLimitStore = null;
        return this;
      }
      String problem = "must be redis://host:port or redis://host:port/db, such as redis://127.0.0.1:6379/0";
      URI parsed;
      try {
        parsed = new URI(uri.strip());
      } catch (URISyntaxException e) {
        throw new InvalidSettingException("rateLimitStore", problem);
      }
      String path = parsed.getRawPath();
      if (!("redis".equals(parsed.getScheme()) || "rediss".equals(parsed.getScheme())) || parsed.getHost() == null
          || parsed.getRawQuery() != null || parsed.getRawFragment() != null
          || !(path == null || path.isEmpty() || path.matches("/\\d{1,5}"))) {
        throw new InvalidSettingException("rateLimitStore", problem);
      }
      this.rateLimitStore = parsed;
      return this;
    }

    /** How long to wait for a connection to the API, 1 ms to a day; 10 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout("connectTimeout", timeout);
      return this;
    }

    /** How long one attempt of a call may take, to the last byte of the answer, 1 ms to a day; 60 s by default. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout("requestTimeout", timeout);
      return this;
    }

    private static Duration timeout(String setting, Duration timeout) {
      if (timeout == null || timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(ONE_DAY) > 0) {
        throw new InvalidSettingException(setting, "must be a number of seconds from 0.001 to 86400");
      }
      return timeout;
    }

    /** Text answers longer than this many bytes are cut, with a note; 1 MB by default. */
    public Builder maxTextBytes(int bytes) {
      this.maxTextBytes = atLeastOne("maxTextBytes", bytes);
      return this;
    }

    /** Images and other binary answers longer than this many bytes are not passed on; 5 MB by default. */
    public Builder maxBinaryBytes(int bytes) {
      this.maxBinaryBytes = atLeastOne("maxBinaryBytes", bytes);
      return this;
    }

    /**
     * The directory multipart uploads may read files from (with everything below it). None by
     * default: arguments that take a file ({@code format: binary}) are then refused.
     */
    public Builder uploadRoot(Path directory) {
      this.uploadRoot = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Which calls the user confirms first ({@link Confirm#OFF} by default). A client that declared
     * no elicitation capability cannot ask: its calls of those tools are refused, nothing sent.
     */
    public Builder confirm(Confirm confirm) {
      this.confirm = Objects.requireNonNull(confirm, "confirm");
      return this;
    }

    /**
     * {@link ToolMode#ALL} (the default): one tool per operation. {@link ToolMode#DYNAMIC}: {@code
     * search_operations}, {@code describe_operation} and {@code invoke_operation} instead, plus the
     * {@link #exposedTools}; for APIs whose full tool list would not fit a model's context.
     */
    public Builder toolMode(ToolMode mode) {
      if (Objects.requireNonNull(mode, "mode") == ToolMode.AUTO) {
        // AUTO needs the size of the tool list, which the generator measures; it never reaches a server.
        throw new IllegalArgumentException("A server runs with all or dynamic tools; the generator resolves auto.");
      }
      this.toolMode = mode;
      return this;
    }

    /** The tools listed beside the discovery tools with {@link ToolMode#DYNAMIC}, in order; none by default. */
    public Builder exposedTools(Collection<String> tools) {
      this.exposedTools = List.copyOf(tools);
      return this;
    }

    /** At most this many attempts per call, 1 turning retries off; 4 by default. */
    public Builder retryAttempts(int attempts) {
      this.retryAttempts = atLeastOne("retryAttempts", attempts);
      return this;
    }

    /** No retry starts later than this after a call's first attempt; 60 s by default. */
    public Builder retryDeadline(Duration deadline) {
      if (Objects.requireNonNull(deadline, "deadline").isNegative()) {
        throw new InvalidSettingException("retryDeadline", "must not be negative");
      }
      this.retryDeadline = deadline;
      return this;
    }

    /**
     * Tool calls each transport runs at once; more wait for a slot, up to {@link #maxQueueWait}, and
     * beyond that are answered as busy. By default one per 16 MB of the maximum heap, from 4 to 64.
     */
    public Builder maxConcurrentCalls(int calls) {
      this.maxConcurrentCalls = atLeastOne("maxConcurrentCalls", calls);
      return this;
    }

    /**
     * Heap bytes the answers of each transport's calls may hold, counted at what mapping and writing
     * them costs; a call whose answer does not fit is answered as busy. Half the maximum heap by
     * default.
     */
    public Builder memoryBudget(long bytes) {
      if (bytes < 1) {
        throw new InvalidSettingException("memoryBudget", "must be at least 1 byte");
      }
      this.memoryBudget = bytes;
      return this;
    }

    /**
     * How long a call may wait for a free slot, or for memory for its answer, before it is answered
     * as busy, up to a day; 10 s by default, less than clients wait for an answer.
     */
    public Builder maxQueueWait(Duration wait) {
      if (wait == null || wait.isNegative() || wait.compareTo(ONE_DAY) > 0) {
        throw new InvalidSettingException("maxQueueWait", "must be a number of seconds from 0 to 86400");
      }
      this.maxQueueWait = wait;
      return this;
    }

    private static int atLeastOne(String setting, int value) {
      if (value < 1) {
        throw new InvalidSettingException(setting, "must be at least 1");
      }
      return value;
    }

    /** RFC 9110 {@code tchar}. */
    private static boolean isTokenChar(int c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** The settings as they are now; the builder may go on changing without affecting them. */
    public ServerSettings build() {
      return new ServerSettings(copy());
    }

    private Builder copy() {
      try {
        // Every field is a primitive or an immutable value, so a shallow copy is a full one.
        return (Builder) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError("Builder is Cloneable", e);
      }
    }
  }
}
