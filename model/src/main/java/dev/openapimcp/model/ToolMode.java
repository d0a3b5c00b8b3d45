package dev.openapimcp.model;

import java.util.Locale;

/**
 * Which tools a server lists: one per operation, or three that search, describe and invoke them
 * (or, when generating, whichever suits the API's size).
 */
public enum ToolMode {
  /** One tool per operation. */
  ALL,
  /**
   * Discovery mode: {@code search_operations}, {@code describe_operation} and {@code
   * invoke_operation}, so {@code tools/list} stays small for APIs too large for a model's context.
   */
  DYNAMIC,
  /**
   * For generators: {@link #DYNAMIC} when listing every tool would not fit a model's context,
   * otherwise {@link #ALL}; the generator resolves it before anything is written.
   */
  AUTO;

  /** The name as users write it: {@code all}, {@code dynamic}, {@code auto}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode a user wrote, in any case.
   *
   * @throws IllegalArgumentException naming the values, for anything else
   */
  public static ToolMode parse(String text) {
    for (ToolMode mode : values()) {
      if (mode.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("must be all, dynamic or auto, not '" + text + "'");
  }
}
