package dev.openapimcp.generator;

/** The spec cannot be turned into tools; the message names the file, the location and the reason. */
public final class GenerationException extends Exception {
  private static final long serialVersionUID = 1L;

  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
