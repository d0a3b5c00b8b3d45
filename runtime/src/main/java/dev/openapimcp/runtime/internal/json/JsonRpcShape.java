package dev.openapimcp.runtime.internal.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What makes a JSON value a JSON-RPC 2.0 message the MCP SDK can read, for the transports that
 * answer unreadable messages themselves (stdio lines, HTTP bodies) instead of leaving them to the
 * SDK, which stops reading stdin at one and answers HTTP with its internals.
 */
public final class JsonRpcShape {

  /** JSON-RPC: the text is not JSON. */
  public static final int PARSE_ERROR = -32700;

  /** JSON-RPC: JSON, but not a usable message. */
  public static final int INVALID_REQUEST = -32600;

  private JsonRpcShape() {}

  /**
   * What is wrong with {@code message} as a JSON-RPC 2.0 message, as a sentence fragment ({@code
   * "jsonrpc" must be "2.0"}), or {@code null} when nothing is.
   *
   * @param unit what carries one message: {@code line} on stdio, {@code request} over HTTP
   */
  public static String problem(JsonNode message, String unit) {
    if (message == null || message.isMissingNode()) {
      return "the " + unit + " holds no JSON value";
    }
    if (message.isArray()) {
      return "batches (JSON arrays) are not supported; send one message per " + unit;
    }
    if (!message.isObject()) {
      return "a JSON-RPC message is a JSON object";
    }
    JsonNode version = message.get("jsonrpc");
    if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
      return "\"jsonrpc\" must be \"2.0\"";
    }
    if (message.has("id") && !usableId(message.get("id"))) {
      return "\"id\" must be a string or an integer";
    }
    JsonNode method = message.get("method");
    if (method != null) {
      if (!method.isTextual()) {
        return "\"method\" must be a string";
      }
      JsonNode params = message.get("params");
      if (params != null && !params.isObject() && !params.isNull()) {
        return "\"params\" must be an object";
      }
      return null;
    }
    if (!message.has("result") && !message.has("error")) {
      return "a message needs a \"method\", or a \"result\" or \"error\" when it answers a request";
    }
    if (!message.has("id")) {
      return "an answer needs the \"id\" of the request it answers";
    }
    return null;
  }

  /** The message's id when it is one JSON-RPC allows (a string or an integer), else {@code null}. */
  public static JsonNode id(JsonNode message) {
    JsonNode id = message != null && message.isObject() ? message.get("id") : null;
    return usableId(id) ? id : null;
  }

  private static boolean usableId(JsonNode id) {
    return id != null && (id.isTextual() || id.isIntegralNumber());
  }
}
