package dev.openapimcp.runtime.internal.mcp;

import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.Cancellation;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upstream headers that one MCP request brings along (such as a client's own API token with
 * token passthrough). The HTTP transport puts them into the SDK's per-request {@link
 * McpTransportContext}; the call's {@link CallContext} is read back from the same request's context,
 * so they apply to that call alone and never to another client's.
 *
 * <p>Values are secrets: {@link #toString()} shows header names only.
 */
public final class PerRequestHeaders {

  /** The transport context key the headers travel under. */
  public static final String CONTEXT_KEY = "dev.openapimcp.per-request-headers";

  private final Map<String, String> headers;

  private PerRequestHeaders(Map<String, String> headers) {
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** {@code Authorization: Bearer <token>}. */
  public static PerRequestHeaders bearer(String token) {
    return new PerRequestHeaders(Map.of("Authorization", "Bearer " + token));
  }

  /** A transport context carrying these headers. */
  public McpTransportContext asContext() {
    return McpTransportContext.create(Map.of(CONTEXT_KEY, this));
  }

  /** The headers {@code context} carries; empty when it carries none (stdio, no passthrough). */
  public static Map<String, String> from(McpTransportContext context) {
    if (context != null && context.get(CONTEXT_KEY) instanceof PerRequestHeaders carried) {
      return carried.headers;
    }
    return Map.of();
  }

  /**
   * The transport context key under which a transport hands a call its {@link Cancellation} (stdio's
   * 2025-11-25 calls, which its {@code notifications/cancelled} can stop).
   */
  public static final String CANCELLATION_KEY = "dev.openapimcp.cancellation";

  /** The call context of a request whose transport context is {@code context}. */
  public static CallContext context(McpTransportContext context) {
    Map<String, String> headers = from(context);
    CallContext call = headers.isEmpty() ? CallContext.NONE : new CallContext(headers);
    return context != null && context.get(CANCELLATION_KEY) instanceof Cancellation cancellation
        ? call.withCancellation(cancellation) : call;
  }

  @Override
  public String toString() {
    return "PerRequestHeaders" + headers.keySet();
  }
}
