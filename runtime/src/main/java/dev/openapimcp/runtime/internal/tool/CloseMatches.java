package dev.openapimcp.runtime.internal.tool;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a call of a tool this server does not have is told, in either protocol lane: {@code Unknown
 * tool: NAME.} and up to three of the server's tool names closest to it (issue 12: the SDK's answer
 * named neither, so a model could not correct a typo).
 */
public final class CloseMatches {

  private static final int MATCHES = 3;

  /** Longer names are no typo of a tool name (at most 128 characters): quoted cut, matched with nothing. */
  private static final int LONGEST_NAME = 128;

  private CloseMatches() {}

  /** {@code Unknown tool: NAME.} and the closest of {@code known}, closest first. */
  public static String unknownTool(String asked, Collection<String> known) {
    if (asked.length() > LONGEST_NAME) {
      return "Unknown tool: " + asked.substring(0, LONGEST_NAME) + "…. Ask tools/list for the tools of this server.";
    }
    List<String> close = known.stream()
        .map(candidate -> Map.entry(candidate, distance(asked, candidate)))
        .filter(entry -> entry.getValue() <= Math.max(2, asked.length() / 4) || contains(entry.getKey(), asked))
        .sorted(Comparator.comparing((Map.Entry<String, Integer> entry) -> entry.getValue())
            .thenComparing(Map.Entry::getKey))
        .limit(MATCHES)
        .map(Map.Entry::getKey)
        .toList();
    return "Unknown tool: " + asked + "." + (close.isEmpty()
        ? " Ask tools/list for the tools of this server."
        : " Did you mean " + String.join(", ", close) + "?");
  }

  /** Levenshtein distance, ignoring case. */
  public static int distance(String a, String b) {
    String s = a.toLowerCase(Locale.ROOT);
    String t = b.toLowerCase(Locale.ROOT);
    int[] previous = new int[t.length() + 1];
    int[] current = new int[t.length() + 1];
    for (int j = 0; j <= t.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= s.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= t.length(); j++) {
        int substitution = previous[j - 1] + (s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[t.length()];
  }

  /** Whether one name holds the other, ignoring case: a name without its prefix, or with a word more. */
  private static boolean contains(String candidate, String asked) {
    String a = candidate.toLowerCase(Locale.ROOT);
    String b = asked.toLowerCase(Locale.ROOT);
    return b.length() >= 4 && (a.contains(b) || b.contains(a));
  }
}
