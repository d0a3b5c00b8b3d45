package dev.openapimcp.generator.internal.model;

import dev.openapimcp.model.Names;
import java.util.regex.Pattern;

/**
 * Input property names strict clients accept: {@code ^[a-zA-Z0-9_.-]{1,64}$}. Anthropic's API
 * refuses a whole tool list when one property is named otherwise, and APIs often are
 * ({@code filter[status]}, {@code page size}). Such an argument is offered under a cleaned name and
 * still sent under its own: the binding keeps both.
 */
final class ArgumentNames {

  static final int MAX_LENGTH = Names.MAX_LENGTH;
  private static final Pattern VALID = Names.PROPERTY_NAME;
  private static final Pattern INVALID_RUN = Names.NOT_PROPERTY_NAME_CHARACTERS;

  private ArgumentNames() {}

  /** {@code wanted} when strict clients accept it; else each run of other characters becomes {@code _}. */
  static String clean(String wanted) {
    if (VALID.matcher(wanted).matches()) {
      return wanted;
    }
    String cleaned = INVALID_RUN.matcher(wanted).replaceAll("_").replaceAll("^_+|_+$", "");
    // A name of symbols only keeps nothing readable: its hash tells such names apart.
    return fit(cleaned.isEmpty() ? "arg_" + ToolNames.hash(wanted) : cleaned, wanted);
  }

  /** {@code name} cut to the limit, with a stable hash of {@code identity} so cut names stay distinct. */
  static String fit(String name, String identity) {
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String suffix = "_" + ToolNames.hash(identity);
    return name.substring(0, MAX_LENGTH - suffix.length()) + suffix;
  }
}
