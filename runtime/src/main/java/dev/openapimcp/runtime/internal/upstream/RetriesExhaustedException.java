package dev.openapimcp.runtime.internal.upstream;

import java.io.IOException;

/**
 * No answer came back although the request was sent more than once, or retrying was stopped for
 * a reason worth telling. The cause is the last attempt's failure.
 */
public final class RetriesExhaustedException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int attempts;
  private final String reason;

  RetriesExhaustedException(int attempts, String reason, IOException lastFailure) {
    super("no answer after " + attempts + (attempts == 1 ? " attempt" : " attempts"), lastFailure);
    this.attempts = attempts;
    this.reason = reason;
  }

  /** How many times the request was sent. */
  public int attempts() {
    return attempts;
  }

  /** Why no further attempt was made, or how often the call was tried; a sentence fragment. */
  public String reason() {
    return reason;
  }

  /** The last attempt's failure. */
  public IOException lastFailure() {
    return (IOException) getCause();
  }
}
