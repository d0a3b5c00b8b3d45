package dev.openapimcp.runtime.internal.modern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.internal.resource.ToolResources;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.CloseMatches;
import dev.openapimcp.runtime.internal.tool.Confirmer;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers MCP 2026-07-28 requests: {@code server/discover}, {@code tools/list} and {@code
 * tools/call} (and the resource methods, {@link ModernResources}, when tools are resources too),
 * each on its own (no session, no state between requests), with the tool handlers the SDK's lane
 * serves. A transport hands over what {@link #claims} and gets the JSON-RPC response and
 * the HTTP status that goes with it.
 *
 * <p>A request is checked in the order conformance and the Python SDK's server agree on ("first
 * failure wins"): the {@code _meta} fields (-32602), on HTTP the headers against the body (-32020),
 * the version (-32022 naming the supported ones), the method (-32601, HTTP 404). Results carry
 * {@code resultType}; the cacheable ones {@code ttlMs} and {@code cacheScope}, which both SDK
 * clients require (a {@code tools/list} without them fails in Python and TypeScript alike).
 */
public final class ModernLane {

  private static final Logger LOG = LoggerFactory.getLogger(ModernLane.class);

  /** The {@code _meta} key of the protocol version a modern request speaks. */
  public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

  /** The method every modern server must answer, with or without a prior request. */
  public static final String DISCOVER = "server/discover";

  static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  static final String TOOLS_LIST = "tools/list";
  static final String TOOLS_CALL = "tools/call";

  /** Every version this server speaks, newest first: this lane's, then the SDK's handshake versions. */
  static final List<String> SUPPORTED;

  static {
    List<String> supported = new ArrayList<>(ProtocolVersions.STATELESS);
    for (int i = ProtocolVersions.HANDSHAKE.size() - 1; i >= 0; i--) {
      supported.add(ProtocolVersions.HANDSHAKE.get(i));
    }
    SUPPORTED = List.copyOf(supported);
  }

  /**
   * How long clients may reuse {@code server/discover} and {@code tools/list}: an hour. Both only
   * change with a new build of the server; the Python client caches by default and honours this.
   */
  static final long TTL_MILLIS = 3_600_000;

  /** The {@code inputRequests} key of the confirmation question. */
  static final String CONFIRM_KEY = "confirm";

  static final int INVALID_PARAMS = McpSchema.ErrorCodes.INVALID_PARAMS;
  static final int METHOD_NOT_FOUND = McpSchema.ErrorCodes.METHOD_NOT_FOUND;
  public static final int INTERNAL_ERROR = McpSchema.ErrorCodes.INTERNAL_ERROR;
  static final int HEADER_MISMATCH = -32020;
  static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  /** The methods whose {@code params.name} (or {@code params.uri}) HTTP clients mirror into {@code Mcp-Name}. */
  private static final Map<String, String> NAMED = Map.of(TOOLS_CALL, "name", "prompts/get", "name",
      "resources/read", "uri");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  /** Arguments as the confirmation's digest sees them: keys sorted at every level. */
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode serverInfo;
  private final String instructions;
  private final Map<String, PreparedTool> tools = new LinkedHashMap<>();
  /**
   * The listed tools, each written when an answer is (their schemas as the text they are kept in):
   * turning them into trees at start took 161 ms for GitHub's 1,186 tools.
   */
  private final ArrayNode toolList = NODES.arrayNode();
  private final RequestStates states;
  private final ModernResources resources;

  /** A request's HTTP headers, by case-insensitive name; absent over stdio. */
  @FunctionalInterface
  public interface Headers {
    /** The header's value, or {@code null}. */
    String get(String name);
  }

  /**
   * What to send back.
   *
   * @param status the HTTP status (200, or 400/404 for errors as the HTTP transport specification
   *     says; 202 for a notification)
   * @param body the JSON-RPC response, {@code null} for a notification
   */
  public record Answer(int status, ObjectNode body) {}

  /**
   * @param serverInfo the name and version {@code _meta} carries on every result
   * @param instructions what {@code server/discover} answers as instructions, or {@code null} for none
   * @param tools the tools, as {@code tools/list} shows them, with their handlers
   * @param unlisted tools that are callable (their handlers say why they refuse) but not listed
   * @param stateKey the key that signs {@code requestState}, or {@code null} for a random one
   * @param resources the tools offered as resources too ({@code resources/list}, ...), or none
   */
  public ModernLane(McpSchema.Implementation serverInfo, String instructions, List<PreparedTool> tools,
      Set<String> unlisted, byte[] stateKey, ToolResources resources) {
    this.serverInfo = NODES.objectNode().put("name", serverInfo.name()).put("version", serverInfo.version());
    this.instructions = instructions;
    for (PreparedTool tool : tools) {
      this.tools.put(tool.tool().name(), tool);
      if (!unlisted.contains(tool.tool().name())) {
        toolList.addPOJO(tool.tool());
      }
    }
    this.states = new RequestStates(stateKey, System::currentTimeMillis);
    this.resources = new ModernResources(resources);
  }

  /**
   * Whether {@code message} belongs to this lane: a request or notification whose {@code
   * params._meta} names a protocol version, or {@code server/discover} (which exists only here).
   */
  public static boolean claims(JsonNode message) {
    return DISCOVER.equals(message.path("method").asText(null)) || message.path("params").path("_meta")
        .has(PROTOCOL_VERSION);
  }

  /**
   * Answers {@code message} (one JSON-RPC request or notification this lane {@link #claims}).
   * The future completes once a tool call has; it never completes exceptionally.
   *
   * @param headers the HTTP request's headers, or {@code null} over stdio
   * @param context what the transport knows of the request (token passthrough headers)
   */
  public CompletableFuture<Answer> handle(JsonNode message, Headers headers, CallContext context) {
    JsonNode id = message.get("id");
    if (id == null) {
      // This revision defines no client notifications beyond cancellation; accepted, nothing to answer.
      return CompletableFuture.completedFuture(new Answer(202, null));
    }
    String method = message.path("method").asText("");
    JsonNode params = message.path("params");
    JsonNode meta = params.path("_meta");
    JsonNode version = meta.path(PROTOCOL_VERSION);
    if (!version.isTextual() || !meta.path(CLIENT_CAPABILITIES).isObject()) {
      return done(error(id, INVALID_PARAMS, "Invalid params: _meta must carry " + PROTOCOL_VERSION + " (a string) and "
          + CLIENT_CAPABILITIES + " (an object)", null));
    }
    if (headers != null) {
      String mismatch = headerMismatch(headers, method, version.asText(), params);
      if (mismatch != null) {
        return done(error(id, HEADER_MISMATCH, "Header mismatch: " + mismatch, null));
      }
    }
    if (!ProtocolVersions.STATELESS.contains(version.asText())) {
      ObjectNode data = NODES.objectNode();
      SUPPORTED.forEach(data.putArray("supported")::add);
      data.set("requested", version);
      return done(error(id, UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version", data));
    }
    return switch (method) {
      case DISCOVER -> done(result(id, discover()));
      case TOOLS_LIST -> done(listTools(id, params));
      case TOOLS_CALL -> callTool(id, params, meta.path(CLIENT_CAPABILITIES), context);
      default -> resources.answers(method) ? resources.handle(method, id, params, context, this::result)
          : done(error(id, METHOD_NOT_FOUND, "Method not found: " + method, null));
    };
  }

  /** What is wrong with the HTTP headers of a request, or {@code null} when they match its body. */
  private static String headerMismatch(Headers headers, String method, String version, JsonNode params) {
    String headerVersion = headers.get("MCP-Protocol-Version");
    if (headerVersion == null) {
      return "the MCP-Protocol-Version header is missing";
    }
    if (!headerVersion.strip().equals(version)) {
      return "the MCP-Protocol-Version header does not match _meta " + PROTOCOL_VERSION;
    }
    String headerMethod = headers.get("Mcp-Method");
    if (headerMethod == null) {
      return "the Mcp-Method header is missing";
    }
    if (!headerMethod.strip().equals(method)) {
      return "the Mcp-Method header does not match the request's method";
    }
    String field = NAMED.get(method);
    if (field != null) {
      String headerName = headers.get("Mcp-Name");
      if (headerName == null) {
        return "the Mcp-Name header is missing";
      }
      String name = decodeHeader(headerName.strip());
      if (name == null || !name.equals(params.path(field).asText(null))) {
        return "the Mcp-Name header does not match params." + field;
      }
    }
    return null;
  }

  /** A header value, decoded from the {@code =?base64?...?=} form clients use for what is not plain ASCII. */
  static String decodeHeader(String value) {
    if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
      try {
        return new String(Base64.getDecoder().decode(value.substring(9, value.length() - 2)), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return value;
  }

  private ObjectNode discover() {
    ObjectNode result = NODES.objectNode();
    SUPPORTED.forEach(result.putArray("supportedVersions")::add);
    // Lists that never change while the server runs: no listChanged (and no resource subscriptions).
    ObjectNode capabilities = result.putObject("capabilities");
    capabilities.putObject("tools");
    if (resources.offered()) {
      capabilities.putObject("resources");
    }
    if (instructions != null) {
      result.put("instructions", instructions);
    }
    return cacheable(result);
  }

  private Answer listTools(JsonNode id, JsonNode params) {
    if (params.has("cursor") && !params.get("cursor").isNull()) {
      // One page holds every tool, so no cursor was ever handed out.
      return error(id, INVALID_PARAMS, "Invalid params: unknown cursor", null);
    }
    ObjectNode result = NODES.objectNode();
    result.set("tools", toolList);
    return result(id, cacheable(result));
  }

  /** The same list for every client: public, for an hour. */
  static ObjectNode cacheable(ObjectNode result) {
    result.put("ttlMs", TTL_MILLIS);
    result.put("cacheScope", "public");
    return result;
  }

  private CompletableFuture<Answer> callTool(JsonNode id, JsonNode params, JsonNode capabilities,
      CallContext context) {
    JsonNode name = params.path("name");
    PreparedTool tool = name.isTextual() ? tools.get(name.asText()) : null;
    if (tool == null) {
      // tools.mdx (2026-07-28), "Error Handling": an unknown tool is a protocol error, "-32602", message
      // "Unknown tool: NAME"; ours names the closest tools too. (The 2025-11-25 lane answers an isError
      // result instead, issue 12: UnknownTools.)
      return done(error(id, INVALID_PARAMS, name.isTextual() ? CloseMatches.unknownTool(name.asText(), tools.keySet())
          : "Invalid params: name must be a tool's name", null));
    }
    JsonNode arguments = params.path("arguments");
    if (!arguments.isMissingNode() && !arguments.isNull() && !arguments.isObject()) {
      return done(error(id, INVALID_PARAMS, "Invalid params: arguments must be an object", null));
    }
    Map<String, Object> values = arguments.isObject() ? JSON.convertValue(arguments, OBJECT) : Map.of();
    byte[] canonical = canonical(values);
    RequestStates.State state = null;
    JsonNode requestState = params.path("requestState");
    if (!requestState.isMissingNode() && !requestState.isNull()) {
      state = requestState.isTextual() ? states.verify(requestState.asText(), name.asText(), canonical) : null;
      if (state == null) {
        return done(error(id, INVALID_PARAMS, "Invalid params: requestState is invalid, expired or already used;"
            + " call the tool again without it", null));
      }
    }
    QuestionRound round = new QuestionRound(state, params.path("inputResponses").path(CONFIRM_KEY));
    CallContext asking = formElicitation(capabilities) ? context.withConfirmer(round) : context;
    CompletableFuture<CallToolResult> call;
    try {
      call = tool.handler().call(values, asking);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    return call.handle((result, failure) -> {
      if (failure != null) {
        LOG.warn("A tool call failed outside its handler: {}", failure.toString());
        return result(id, complete(ToolResults.error("The server failed while handling this call.")));
      }
      if (round.question != null) {
        return result(id, inputRequired(round.question, states.issue(name.asText(), canonical)));
      }
      return result(id, complete(result));
    });
  }

  /**
   * Whether the client can be asked a form question: it declared {@code elicitation}, with form mode
   * or no mode at all ("an empty capabilities object is equivalent to declaring support for form
   * mode only", client/elicitation.mdx).
   */
  private static boolean formElicitation(JsonNode capabilities) {
    JsonNode elicitation = capabilities.path("elicitation");
    return elicitation.isObject() && (elicitation.isEmpty() || elicitation.has("form"));
  }

  /**
   * The confirmation of one request: the user's answer when the client retried with one (and a state
   * this process issued for this very call), else the question to send back.
   */
  private final class QuestionRound implements Confirmer {

    private final RequestStates.State state;
    private final JsonNode response;
    private volatile String question;

    QuestionRound(RequestStates.State state, JsonNode response) {
      this.state = state;
      this.response = response;
    }

    @Override
    public Answer confirm(String message) {
      if (state == null || !response.isObject()) {
        // No answer yet, or one without the question's state: ask (again), as MRTR says a server SHOULD.
        question = message;
        return Answer.ASKED;
      }
      boolean yes = Confirmer.approves(response.path("action").asText(),
          JSON.convertValue(response.path("content"), Object.class));
      if (yes && !states.spend(state)) {
        return Answer.REFUSED;
      }
      return yes ? Answer.CONFIRMED : Answer.REFUSED;
    }
  }

  /** The response to a tool call that will not run, such as one refused as busy: an error result with {@code text}. */
  public ObjectNode refused(JsonNode id, String text) {
    return result(id, complete(ToolResults.error(text))).body();
  }

  private static ObjectNode inputRequired(String message, String requestState) {
    ObjectNode result = NODES.objectNode();
    result.put("resultType", "input_required");
    result.putObject("inputRequests").putObject(CONFIRM_KEY)
        .put("method", "elicitation/create")
        .putObject("params")
        .put("mode", "form")
        .put("message", message)
        .set("requestedSchema", JSON.valueToTree(Confirmer.FORM));
    result.put("requestState", requestState);
    return result;
  }

  private static ObjectNode complete(CallToolResult result) {
    ObjectNode json = JSON.valueToTree(result);
    json.put("resultType", "complete");
    return json;
  }

  private static byte[] canonical(Map<String, Object> arguments) {
    try {
      return CANONICAL.writeValueAsBytes(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Arguments read from JSON write as JSON", e);
    }
  }

  /** A result with this server's name in {@code _meta}, as every result SHOULD carry it. */
  private Answer result(JsonNode id, ObjectNode result) {
    ObjectNode meta = result.has("_meta") && result.get("_meta").isObject()
        ? (ObjectNode) result.get("_meta") : result.putObject("_meta");
    meta.set(SERVER_INFO, serverInfo);
    if (!result.has("resultType")) {
      result.put("resultType", "complete");
    }
    ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
    response.set("id", id);
    response.set("result", result);
    return new Answer(200, response);
  }

  /** An error, with the HTTP status the Streamable HTTP transport gives it (never a 5xx). */
  public static Answer error(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode response = NODES.objectNode().put("jsonrpc", "2.0");
    response.set("id", id);
    ObjectNode error = response.putObject("error").put("code", code).put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    int status = switch (code) {
      case METHOD_NOT_FOUND -> 404;
      case INTERNAL_ERROR -> 200;
      default -> 400;
    };
    return new Answer(status, response);
  }

  private static CompletableFuture<Answer> done(Answer answer) {
    return CompletableFuture.completedFuture(answer);
  }
}
