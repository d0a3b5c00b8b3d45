package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How much copying swagger-parser's OpenAPI 3.1 resolver would do for a document read from a file.
 * Given a location, it keeps a reference to a component schema as a {@code $ref}, but copies in
 * every schema that a referenced schema references, and again below: a 1 KB spec of six levels of
 * schemas each referencing the next four times took 18 s and 318 MB, eight levels 115 s and 1 GB,
 * GitHub's REST description declared as 3.1 144 s and 1.5 GB (49 s without the copying).
 *
 * <p>The estimate is an upper bound: the values of every component schema a reference names, with
 * the schemas it references counted in wherever they occur (a cycle counts once).
 */
final class Oas31Inlining {

  /**
   * Estimated values above which the copying is not done. Our Notion spec estimates 429, the
   * largest OpenAPI 3.1 example of {@code @readme/oas-examples} 1,284; the six-level spec above
   * 66,842.
   */
  static final long MAX_COPIED_VALUES = 20_000;
  private static final String PREFIX = "#/components/schemas/";
  /**
   * References followed one inside the other before the estimate gives up (and says: too costly);
   * each level recurses through up to {@link DocumentParser#MAX_DEPTH} levels of nesting.
   */
  private static final int MAX_CHAIN = 32;

  private final JsonNode schemas;
  private final Map<String, Long> sizes = new HashMap<>();
  private final Set<String> open = new HashSet<>();

  private Oas31Inlining(JsonNode document) {
    this.schemas = document.path("components").path("schemas");
  }

  /** Whether swagger-parser would copy more than {@link #MAX_COPIED_VALUES} values resolving {@code document}. */
  static boolean tooCostly(JsonNode document) {
    Oas31Inlining estimate = new Oas31Inlining(document);
    return estimate.referenced(document, 0) > MAX_COPIED_VALUES;
  }

  /** The values the component schemas referenced in {@code node} hold, each counted with its references. */
  private long referenced(JsonNode node, int chain) {
    long total = 0;
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(PREFIX)) {
        total = add(total, size(SpecBundler.unescape(ref.asText().substring(PREFIX.length())), chain));
      }
      for (JsonNode child : node) {
        total = add(total, referenced(child, chain));
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        total = add(total, referenced(child, chain));
      }
    }
    return total;
  }

  /** The values of component {@code name} with the values of what it references. */
  private long size(String name, int chain) {
    Long known = sizes.get(name);
    if (known != null) {
      return known;
    }
    JsonNode schema = schemas.get(name);
    if (schema == null || !open.add(name)) {
      return 1;
    }
    long size = chain >= MAX_CHAIN ? MAX_COPIED_VALUES + 1 : add(values(schema), referenced(schema, chain + 1));
    open.remove(name);
    sizes.put(name, size);
    return size;
  }

  private static long values(JsonNode node) {
    long count = 1;
    for (JsonNode child : node) {
      count += values(child);
    }
    return count;
  }

  /** Addition that stops just above the limit instead of overflowing. */
  private static long add(long a, long b) {
    return Math.min(a + b, MAX_COPIED_VALUES + 1);
  }
}
