package dev.openapimcp.runtime.internal.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call brings besides its arguments, from the request that carried it. Today: upstream
 * headers that apply to this call alone (a client's own API token with token passthrough). This is
 * where a call learns what else its request says, such as the protocol version it speaks and the
 * client's capabilities, when a lane needs them: today, whether the user can be asked to confirm it.
 *
 * <p>Header values are secrets: {@link #toString()} shows their names only.
 *
 * @param requestHeaders headers that replace the configured ones for this call (empty over stdio)
 * @param confirmer asks the user through the request's client, or {@code null} when the client
 *     declared no way to ask (no elicitation capability)
 * @param cancellation says when the client has given up on the call ({@link Cancellation#NEVER} where
 *     it cannot)
 */
public record CallContext(Map<String, String> requestHeaders, Confirmer confirmer, Cancellation cancellation) {

  /** A call with nothing beyond its arguments: stdio, the command line, discovery's own tools. */
  public static final CallContext NONE = new CallContext(Map.of());

  public CallContext {
    requestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
    cancellation = cancellation == null ? Cancellation.NEVER : cancellation;
  }

  /** A call whose client can neither be asked anything nor cancel it. */
  public CallContext(Map<String, String> requestHeaders) {
    this(requestHeaders, null, Cancellation.NEVER);
  }

  /** This context with {@code confirmer} asking the user. */
  public CallContext withConfirmer(Confirmer confirmer) {
    return new CallContext(requestHeaders, confirmer, cancellation);
  }

  /** This context with {@code cancellation} saying when the client gives up. */
  public CallContext withCancellation(Cancellation cancellation) {
    return new CallContext(requestHeaders, confirmer, cancellation);
  }

  @Override
  public String toString() {
    return "CallContext[requestHeaders=" + requestHeaders.keySet() + ", confirmer=" + (confirmer != null)
        + ", cancelled=" + cancellation.isCancelled() + "]";
  }
}
