package dev.openapimcp.runtime.internal.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call brings besides its arguments, from the request that carried it. Today: upstream
 * headers that apply to this call alone (a client's own API token with token passthrough). This is
 * where a call learns what else its request says, such as the protocol version it speaks and the
 * client's capabilities, when a lane needs them.
 *
 * <p>Header values are secrets: {@link #toString()} shows their names only.
 *
 * @param requestHeaders headers that replace the configured ones for this call (empty over stdio)
 */
public record CallContext(Map<String, String> requestHeaders) {

  /** A call with nothing beyond its arguments: stdio, the command line, discovery's own tools. */
  public static final CallContext NONE = new CallContext(Map.of());

  public CallContext {
    requestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
  }

  @Override
  public String toString() {
    return "CallContext[requestHeaders=" + requestHeaders.keySet() + "]";
  }
}
