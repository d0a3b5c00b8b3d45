package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a tool's input (or output) schema is one MCP clients take: a JSON object schema that passes the JSON
 * Schema 2020-12 meta-schema. The generator checks every tool when it builds them, so generated
 * servers need not check again each time they start.
 */
public final class SchemaCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

  /**
   * The 2020-12 meta-schema, checked with the validator the MCP SDK uses at run time (networknt),
   * so a schema passes here exactly when the SDK would take it.
   */
  private final Schema metaSchema = metaSchema();

  /** What each root checked so far has wrong (empty when nothing), by "input" or "output", then by text. */
  private final Map<String, Map<String, Optional<String>>> checkedRoots = new HashMap<>();
  /** What each definition checked so far has wrong (empty when nothing), by name. */
  private final Map<String, Optional<String>> checkedDefinitions = new HashMap<>();
  /**
   * Definitions whose every reachable definition was found fine: a later tool reaching one needs no
   * walk below it. Graph beta's 21,807 tools reach the same definitions again and again: walking them for
   * each tool was a seventh of checking its tools (JFR of {@code serve}; the meta-schema checks of the
   * tools' roots are the rest).
   */
  private final Set<String> cleanClosures = new HashSet<>();

  /** Empty when {@code inputSchema} is fine, else what is wrong, as a phrase. */
  public Optional<String> problem(String inputSchema) {
    return problem(inputSchema, "input");
  }

  /** Empty when {@code schema}, a tool's {@code which} ("input", "output") schema, is fine. */
  public Optional<String> problem(String schema, String which) {
    return problem(schema, which, metaSchema);
  }

  private static Schema metaSchema() {
    return SchemaRegistry.withDefaultDialect(Dialects.getDraft202012()).getSchema(SchemaLocation.of(META_SCHEMA));
  }

  private static Optional<String> problem(String schema, String which, Schema metaSchema) {
    JsonNode tree;
    try {
      tree = JSON.readTree(schema);
    } catch (IOException e) {
      return Optional.of(which + " schema is not JSON: " + e.getMessage());
    }
    if (!tree.path("type").asText().equals("object")) {
      return Optional.of(which + " schema is not of type object, as MCP requires");
    }
    return invalid(metaSchema, tree, which, "");
  }

  /**
   * Checks the distinct {@code roots}, tools' {@code which} schemas without their definitions, on
   * every core, so that {@link #problem(SchemaParts, Function, String)} finds them checked.
   */
  public void checkRoots(List<String> roots, String which) {
    Map<String, Optional<String>> checked = checkedRoots.computeIfAbsent(which, key -> new HashMap<>());
    // A meta-schema for each thread: networknt builds a schema's validators on first use, and has raced
    // doing so from several threads at once (networknt/json-schema-validator#335).
    ThreadLocal<Schema> metaSchemas = ThreadLocal.withInitial(SchemaCheck::metaSchema);
    Map<String, Optional<String>> found = roots.stream().distinct().filter(root -> !checked.containsKey(root))
        .toList().parallelStream()
        .collect(Collectors.toMap(Function.identity(), root -> problem(root, which, metaSchemas.get())));
    checked.putAll(found);
  }

  /**
   * {@link #problem(String, String)} for the schema {@code parts} with the definitions it reaches,
   * looked up in {@code definitions}. The meta-schema checks each member of {@code $defs} on its own,
   * so each definition is checked once however many tools reach it (Microsoft Graph beta: 21,807
   * tools whose schemas repeat the same definitions in 1.2 GB of JSON; checking them whole took
   * most of the conversion's time).
   */
  public Optional<String> problem(SchemaParts parts, Function<String, SchemaParts> definitions, String which) {
    // Many tools have the same schema (Graph beta's answers name the same few hundred definitions).
    Optional<String> root = checkedRoots.computeIfAbsent(which, key -> new HashMap<>())
        .computeIfAbsent(parts.root(), text -> problem(text, which));
    if (root.isPresent()) {
      return root;
    }
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(parts.refs());
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!seen.add(name) || cleanClosures.contains(name)) {
        continue;
      }
      Optional<String> problem = checkedDefinitions.get(name);
      SchemaParts definition = definitions.apply(name);
      if (problem == null) {
        try {
          problem = invalid(metaSchema, JSON.readTree(definition.root()), which, "$defs/" + name + ": ");
        } catch (IOException e) {
          problem = Optional.of(which + " schema is not JSON: " + e.getMessage());
        }
        checkedDefinitions.put(name, problem);
      }
      if (problem.isPresent()) {
        return problem;
      }
      pending.addAll(definition.refs());
    }
    // The walk reached everything below each of these and found nothing wrong.
    cleanClosures.addAll(seen);
    return Optional.empty();
  }

  private static Optional<String> invalid(Schema metaSchema, JsonNode tree, String which, String where) {
    List<Error> errors = metaSchema.validate(tree);
    if (!errors.isEmpty()) {
      return Optional.of(which + " schema is not valid JSON Schema 2020-12: " + where + errors);
    }
    return Optional.empty();
  }
}
