package dev.openapimcp.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The JSON Schema definitions a catalog's tools share, each written once: a tool's schema names the
 * definitions it references, and {@link #schema} gives it back self-contained, with the {@code $defs}
 * it reaches, exactly as if they had been written into it. Code generated for the largest APIs
 * (Microsoft Graph beta: 21,807 tools, which repeated their definitions in 303 MB of sources that
 * javac could not compile) keeps each definition once this way.
 */
public final class SharedDefinitions {

  /**
   * One definition.
   *
   * @param json compact JSON text of its schema
   * @param refs the definitions its schema references directly
   */
  private record Definition(String json, String[] refs) {}

  private final Map<String, Definition> byName;

  /** Room for {@code expected} definitions. */
  public SharedDefinitions(int expected) {
    this.byName = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
  }

  /**
   * Adds the definition {@code name}: its schema and the definitions that schema references
   * directly (by name, as in {@code "$ref": "#/$defs/<name>"}).
   *
   * @return this, for the next definition
   */
  public SharedDefinitions define(String name, String schema, String... refs) {
    Objects.requireNonNull(name, "name");
    if (byName.putIfAbsent(name, new Definition(JsonTexts.compact(schema), refs.clone())) != null) {
      throw new IllegalArgumentException("Definition '" + name + "' is defined twice");
    }
    return this;
  }

  /** How many definitions there are. */
  public int size() {
    return byName.size();
  }

  /**
   * {@code root}, a JSON object schema without {@code $defs}, with the {@code $defs} it reaches from
   * {@code refs} (the definitions it references directly) added as its last member, sorted by name;
   * {@code root} itself when {@code refs} is empty. The definitions each reference are followed to the
   * end, so recursive definitions are each written once.
   *
   * @throws IllegalArgumentException when a name is not defined here
   */
  public String schema(String root, String... refs) {
    String compact = JsonTexts.compact(root);
    if (refs.length == 0) {
      return compact;
    }
    TreeSet<String> reached = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>();
    for (String ref : refs) {
      pending.push(ref);
    }
    int bytes = 0;
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!reached.add(name)) {
        continue;
      }
      Definition definition = byName.get(name);
      if (definition == null) {
        throw new IllegalArgumentException("No definition '" + name + "'");
      }
      bytes += name.length() + definition.json().length() + 4;
      for (String next : definition.refs()) {
        pending.push(next);
      }
    }
    if (!compact.endsWith("}")) {
      throw new IllegalArgumentException("The root schema is not a JSON object");
    }
    StringBuilder out = new StringBuilder(compact.length() + bytes + 12)
        .append(compact, 0, compact.length() - 1)
        .append(compact.equals("{}") ? "" : ",").append("\"$defs\":{");
    boolean first = true;
    for (String name : reached) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(name, out).append(':').append(byName.get(name).json());
    }
    return out.append("}}").toString();
  }

  /**
   * {@code text} as a JSON string, escaped as Jackson writes it (the generator converts with
   * Jackson, and a converted catalog must equal a compiled one byte for byte): quotes, backslashes
   * and control characters only, {@code \b \t \n \f \r} short, other controls as {@code \}{@code
   * u00XX} in upper case.
   */
  static StringBuilder quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
