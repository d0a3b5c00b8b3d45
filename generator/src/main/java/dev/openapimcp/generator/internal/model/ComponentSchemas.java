package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.generator.GenerationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The spec's component schemas, normalised once each, so every tool can pick the definitions it
 * reaches without normalising them again.
 */
final class ComponentSchemas {

  /**
   * Keywords that apply their schemas to the value itself rather than to a part of it: a schema
   * that reaches itself through these alone ({@code A: {allOf: [{$ref: A}]}}) never ends, for us
   * and for every validator (it overflowed the stack).
   */
  private static final List<String> IN_PLACE_LISTS = List.of("allOf", "anyOf", "oneOf");
  private static final List<String> IN_PLACE_SINGLES = List.of("not", "if", "then", "else");

  /**
   * One normalised component.
   *
   * @param inPlace the definitions it applies to its value itself, each with the pointer of its
   *     {@code $ref} inside the component
   */
  private record Normalized(JsonNode schema, Map<String, String> refs, Map<String, String> inPlace,
      List<SchemaNormalizer.Dropped> dropped, String json) {}

  /** A component's schema as the spec gives it, made when first asked for; {@code null} for none. */
  private final Function<String, JsonNode> raw;
  private final SchemaNormalizer normalizer;
  private final Map<String, Normalized> cache = new HashMap<>();
  /** Definitions known not to contain themselves. */
  private final Set<String> wellFounded = new HashSet<>();
  /** Definitions whose every reachable definition is normalised and checked. */
  private final Set<String> checked = new HashSet<>();
  /** Components looked at since {@link #takeDropped} last ran. */
  private final Set<String> used = new LinkedHashSet<>();

  ComponentSchemas(Function<String, JsonNode> raw, SchemaNormalizer normalizer) {
    this.raw = raw;
    this.normalizer = normalizer;
  }

  /** The normalised schema of component {@code name}. */
  JsonNode get(String name, String referencedFrom) throws GenerationException {
    return normalized(name, referencedFrom).schema();
  }

  /**
   * The names of every definition reachable from {@code roots} (name to the pointer of its first
   * {@code $ref}), transitively, sorted. Cycles end when a name is already collected, so recursive
   * schemas stay {@code $ref}s; a definition that contains itself without describing any part of
   * the value is refused.
   */
  SortedSet<String> closure(Map<String, String> roots) throws GenerationException {
    return closure(roots, Set.of());
  }

  /** {@link #closure(Map)}, not going beyond the names in {@code known}. */
  private SortedSet<String> closure(Map<String, String> roots, Set<String> known) throws GenerationException {
    SortedSet<String> names = new TreeSet<>();
    Deque<Map.Entry<String, String>> pending = new ArrayDeque<>(roots.entrySet());
    while (!pending.isEmpty()) {
      Map.Entry<String, String> ref = pending.pop();
      if (names.contains(ref.getKey()) || known.contains(ref.getKey())) {
        continue;
      }
      Normalized def = normalized(ref.getKey(), ref.getValue());
      names.add(ref.getKey());
      pending.addAll(def.refs().entrySet());
    }
    for (String name : names) {
      checkNotContainingItself(name);
    }
    return names;
  }

  /**
   * Normalises and checks ({@link #closure}) every definition reachable from {@code roots}, skipping
   * what an earlier call reached (Microsoft Graph beta's output schemas reach hundreds of definitions
   * each, the same for thousands of tools). What it skips is not looked at again, so the keywords
   * left out of it are not among the next {@link #takeDropped}: for output schemas, which
   * report none.
   */
  void check(Map<String, String> roots) throws GenerationException {
    Map<String, String> open = new LinkedHashMap<>();
    roots.forEach((name, pointer) -> {
      if (!checked.contains(name)) {
        open.put(name, pointer);
      }
    });
    if (!open.isEmpty()) {
      checked.addAll(closure(open, checked));
    }
  }

  /**
   * The definition {@code name}, normalised, as compact JSON text and with the definitions it
   * references directly; only for a name {@link #closure} has returned.
   */
  SchemaParts parts(String name) {
    Normalized def = cache.get(name);
    if (def.json() == null) {
      def = new Normalized(def.schema(), def.refs(), def.inPlace(), def.dropped(), def.schema().toString());
      cache.put(name, def);
    }
    return new SchemaParts(def.json(), List.copyOf(def.refs().keySet()));
  }

  /** The definitions component {@code name} references directly, each with the pointer of its first {@code $ref}. */
  Map<String, String> refsOf(String name, String referencedFrom) throws GenerationException {
    return normalized(name, referencedFrom).refs();
  }

  /** The keywords left out of the components looked at since the last call. */
  List<SchemaNormalizer.Dropped> takeDropped() {
    List<SchemaNormalizer.Dropped> dropped = new ArrayList<>();
    for (String name : used) {
      Normalized component = cache.get(name);
      if (component != null) {
        dropped.addAll(component.dropped());
      }
    }
    used.clear();
    return dropped;
  }

  private Normalized normalized(String name, String referencedFrom) throws GenerationException {
    used.add(name);
    Normalized found = cache.get(name);
    if (found != null) {
      return found;
    }
    JsonNode schema = raw.apply(name);
    String pointer = SchemaNormalizer.COMPONENT_PREFIX + SchemaNormalizer.escape(name);
    if (schema == null) {
      throw GenerationException.at(null, referencedFrom, "$ref '" + pointer
          + "' does not resolve: no such component schema");
    }
    Map<String, String> refs = new LinkedHashMap<>();
    int mark = normalizer.droppedCount();
    JsonNode normalized = normalizer.normalize(schema, pointer, refs);
    Map<String, String> inPlace = new LinkedHashMap<>();
    collectInPlace(normalized, pointer, inPlace);
    Normalized result = new Normalized(normalized, refs, inPlace, normalizer.takeDropped(mark), null);
    cache.put(name, result);
    return result;
  }

  /** Definitions {@code schema} applies to its value itself, with the pointer of each {@code $ref}. */
  private static void collectInPlace(JsonNode schema, String pointer, Map<String, String> into) {
    if (!schema.isObject()) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isTextual() && ref.asText().startsWith(SchemaNormalizer.DEFS_PREFIX)) {
      String rest = ref.asText().substring(SchemaNormalizer.DEFS_PREFIX.length());
      // A pointer into a definition names a part of it, not the definition itself.
      if (rest.indexOf('/') < 0) {
        into.putIfAbsent(SchemaNormalizer.unescape(rest), pointer);
      }
    }
    for (String keyword : IN_PLACE_LISTS) {
      JsonNode list = schema.get(keyword);
      if (list != null && list.isArray()) {
        for (int i = 0; i < list.size(); i++) {
          collectInPlace(list.get(i), pointer + "/" + keyword + "/" + i, into);
        }
      }
    }
    for (String keyword : IN_PLACE_SINGLES) {
      JsonNode single = schema.get(keyword);
      if (single != null) {
        collectInPlace(single, pointer + "/" + keyword, into);
      }
    }
    JsonNode dependent = schema.get("dependentSchemas");
    if (dependent != null && dependent.isObject()) {
      for (Map.Entry<String, JsonNode> entry : dependent.properties()) {
        collectInPlace(entry.getValue(), pointer + "/dependentSchemas/" + SchemaNormalizer.escape(entry.getKey()),
            into);
      }
    }
  }

  /** Refuses {@code start} when following in-place references from it comes back to it. */
  private void checkNotContainingItself(String start) throws GenerationException {
    if (wellFounded.contains(start)) {
      return;
    }
    // Depth-first over in-place references; each path is a list of names, first being start.
    Deque<List<String>> paths = new ArrayDeque<>();
    paths.push(List.of(start));
    Set<String> seen = new HashSet<>();
    while (!paths.isEmpty()) {
      List<String> path = paths.pop();
      String last = path.get(path.size() - 1);
      Normalized def = cache.get(last);
      if (def == null || !seen.add(last)) {
        continue;
      }
      for (String next : def.inPlace().keySet()) {
        if (next.equals(start)) {
          List<String> cycle = new ArrayList<>(path);
          cycle.add(start);
          String at = cache.get(path.get(0)).inPlace().get(path.size() > 1 ? path.get(1) : start);
          throw GenerationException.at(null, at, "schema '" + start + "' contains itself (" + String.join(" -> ", cycle)
              + ") through allOf, anyOf, oneOf, not, if or $ref without describing any part of the value, so no"
              + " validator could ever finish checking it");
        }
        List<String> longer = new ArrayList<>(path);
        longer.add(next);
        paths.push(longer);
      }
    }
    wellFounded.add(start);
  }
}
