package dev.openapimcp.runtime.internal.request;

/**
 * The arguments cannot become a request (a missing path variable, a header value with a line
 * break). The message is shown to the model as the tool result, so it names the argument and the
 * fix.
 */
public final class InvalidCallException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidCallException(String message) {
    super(message);
  }
}
