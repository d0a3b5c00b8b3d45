package dev.openapimcp.generator;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which operations become tools. A pattern is {@code tag:<glob>}, {@code method:<METHOD>},
 * {@code path:<glob>} or a bare {@code <glob>} matched against the operation id. In globs {@code *}
 * matches within a path segment, {@code **} across segments and {@code ?} one character. An
 * operation is kept when it matches an include (or there are none) and no exclude. Operations marked
 * {@code x-mcp: false} are always left out; deprecated ones unless {@code includeDeprecated}.
 *
 * @param includes patterns of operations to keep; empty keeps all
 * @param excludes patterns of operations to leave out
 * @param includeDeprecated whether deprecated operations become tools
 */
public record OperationFilter(List<String> includes, List<String> excludes, boolean includeDeprecated) {

  /** Every operation that is neither deprecated nor marked {@code x-mcp: false}. */
  public static final OperationFilter ALL = new OperationFilter(List.of(), List.of(), false);

  public OperationFilter {
    includes = includes == null ? List.of() : List.copyOf(includes);
    excludes = excludes == null ? List.of() : List.copyOf(excludes);
    for (String pattern : includes) {
      validate(pattern);
    }
    for (String pattern : excludes) {
      validate(pattern);
    }
  }

  /** Whether the operation {@code METHOD path} with {@code operationId} and {@code tags} is kept. */
  public boolean accepts(String method, String path, String operationId, List<String> tags) {
    if (!includes.isEmpty() && includes.stream().noneMatch(p -> matches(p, method, path, operationId, tags))) {
      return false;
    }
    return excludes.stream().noneMatch(p -> matches(p, method, path, operationId, tags));
  }

  private static boolean matches(String pattern, String method, String path, String operationId, List<String> tags) {
    int colon = pattern.indexOf(':');
    String kind = colon < 0 ? "" : pattern.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = colon < 0 ? pattern : pattern.substring(colon + 1);
    switch (kind) {
      case "tag":
        return tags != null && tags.stream().anyMatch(tag -> glob(value, false).matcher(tag).matches());
      case "method":
        return method.equalsIgnoreCase(value);
      case "path":
        return glob(value, true).matcher(path).matches();
      default:
        return operationId != null && glob(pattern, false).matcher(operationId).matches();
    }
  }

  private static void validate(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("An operation filter pattern is empty");
    }
    int colon = pattern.indexOf(':');
    if (colon >= 0) {
      String kind = pattern.substring(0, colon).toLowerCase(Locale.ROOT);
      if (!List.of("tag", "method", "path").contains(kind)) {
        throw new IllegalArgumentException("Unknown operation filter '" + pattern
            + "': use tag:<glob>, method:<METHOD>, path:<glob> or an operation id glob");
      }
    }
  }

  /** {@code *} within a segment (paths) or anything (names), {@code **} anything, {@code ?} one char. */
  private static Pattern glob(String glob, boolean segments) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append(segments ? "[^/]*" : ".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }
}
