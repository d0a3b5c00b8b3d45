package dev.openapimcp.runtime.internal.capacity;

import java.io.IOException;

/**
 * A call stopped by one of this server's own limits (calls at once, memory for answers, the rate
 * limit) rather than by the API. The message is a whole sentence for the model: which limit, and
 * whether the request reached the API. It is never retried by the retry policy.
 */
public class LocalLimitException extends IOException {

  private static final long serialVersionUID = 1L;

  public LocalLimitException(String message) {
    super(message);
  }
}
