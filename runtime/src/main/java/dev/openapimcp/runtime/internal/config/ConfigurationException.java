package dev.openapimcp.runtime.internal.config;

/**
 * The environment cannot work. The message is one plain sentence meant for the user's terminal or
 * the MCP client's log; it never contains a credential or any part of a variable's value.
 */
public final class ConfigurationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
