package dev.openapimcp.model;

import java.util.regex.Pattern;

/**
 * The names strict MCP clients accept, in one place for the generator (which makes names fit),
 * its lint (which says why a name changed) and the model (which refuses a tool name that does not
 * fit). A client that meets one name outside these rules may refuse the whole tool list: Anthropic's
 * API does so for input property names.
 */
public final class Names {

  /** The longest tool or property name strict clients accept. */
  public static final int MAX_LENGTH = 64;

  /** Tool names: {@code ^[A-Za-z0-9_-]{1,64}$}. */
  public static final Pattern TOOL_NAME = Pattern.compile("^[A-Za-z0-9_-]{1," + MAX_LENGTH + "}$");

  /** One character a tool name may not hold. */
  public static final Pattern NOT_TOOL_NAME_CHARACTER = Pattern.compile("[^A-Za-z0-9_-]");

  /** Input property (argument) names: {@code ^[a-zA-Z0-9_.-]{1,64}$}. */
  public static final Pattern PROPERTY_NAME = Pattern.compile("^[a-zA-Z0-9_.-]{1," + MAX_LENGTH + "}$");

  /** A run of characters a property name may not hold. */
  public static final Pattern NOT_PROPERTY_NAME_CHARACTERS = Pattern.compile("[^A-Za-z0-9_.-]+");

  private Names() {}

  /** Whether strict clients accept {@code name} as a tool name. */
  public static boolean isToolName(String name) {
    return name != null && TOOL_NAME.matcher(name).matches();
  }

  /** Whether every character of {@code name} may stand in a tool name, whatever its length. */
  public static boolean hasToolNameCharacters(String name) {
    return !NOT_TOOL_NAME_CHARACTER.matcher(name).find();
  }

  /** Whether strict clients accept {@code name} as an input property name. */
  public static boolean isPropertyName(String name) {
    return name != null && PROPERTY_NAME.matcher(name).matches();
  }
}
