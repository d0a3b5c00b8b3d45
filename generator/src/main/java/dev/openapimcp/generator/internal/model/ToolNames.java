package dev.openapimcp.generator.internal.model;

import dev.openapimcp.model.Names;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tool names strict MCP clients accept: {@code ^[A-Za-z0-9_-]{1,64}$} and unique. Shortening and
 * de-duplication append a stable hash of the operation, never a counter, so adding an operation
 * never renames another one.
 */
final class ToolNames {

  static final int MAX_LENGTH = Names.MAX_LENGTH;
  private static final int HASH_LENGTH = 8;
  private static final Pattern INVALID = Names.NOT_TOOL_NAME_CHARACTER;

  private ToolNames() {}

  /** The name for an operation before de-duplication. */
  static String candidate(String prefix, String operationId, String method, String path) {
    String base = operationId == null || operationId.isBlank() ? fromMethodAndPath(method, path) : operationId;
    String name = INVALID.matcher(prefix + base).replaceAll("_");
    return name.length() <= MAX_LENGTH ? name : withHash(name, name);
  }

  /** {@code GET /v1/users/{user_id}} → {@code get_v1_users_user_id}. */
  static String fromMethodAndPath(String method, String path) {
    String words = path.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return method.toLowerCase(Locale.ROOT) + (words.isEmpty() ? "" : "_" + words);
  }

  /**
   * Makes {@code candidates} unique. Each entry is a candidate name and the operation's identity
   * ({@code METHOD path}); a name shared by several operations is kept by the first identity in
   * sorted order, and the others get their identity's hash appended.
   */
  static List<String> unique(List<String> candidates, List<String> identities) {
    Map<String, List<Integer>> byName = new HashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      byName.computeIfAbsent(candidates.get(i), k -> new ArrayList<>()).add(i);
    }
    List<String> result = new ArrayList<>(candidates);
    Set<String> taken = new HashSet<>(candidates);
    for (List<Integer> group : byName.values()) {
      if (group.size() < 2) {
        continue;
      }
      group.sort((a, b) -> identities.get(a).compareTo(identities.get(b)));
      for (int i = 1; i < group.size(); i++) {
        int index = group.get(i);
        String renamed = withHash(candidates.get(index), identities.get(index));
        if (!taken.add(renamed)) {
          throw new IllegalStateException("Tool name hash collision for " + identities.get(index));
        }
        result.set(index, renamed);
      }
    }
    return result;
  }

  private static String withHash(String name, String identity) {
    String suffix = "-" + hash(identity);
    int keep = Math.min(name.length(), MAX_LENGTH - suffix.length());
    return name.substring(0, keep) + suffix;
  }

  static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
