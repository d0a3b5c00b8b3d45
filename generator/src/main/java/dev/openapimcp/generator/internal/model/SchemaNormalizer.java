package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.internal.spec.SpecLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rewrites one OpenAPI schema (3.0 or 3.1 dialect, as JSON) into JSON Schema 2020-12, the dialect
 * MCP requires: {@code nullable} becomes a {@code null} type, boolean {@code exclusiveMinimum}
 * becomes numeric, {@code $ref}s to components point into {@code $defs}, patterns are written as
 * clients and the server both read them ({@link PatternDialect}), and keywords that only document
 * (examples, XML hints, extensions) are dropped to keep tool lists small.
 */
final class SchemaNormalizer {

  static final String COMPONENT_PREFIX = "#/components/schemas/";
  static final String DEFS_PREFIX = "#/$defs/";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Keywords whose value is one schema. */
  private static final Set<String> SCHEMA_KEYWORDS = Set.of(
      "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
      "unevaluatedItems", "unevaluatedProperties", "additionalItems");
  /** Keywords whose value is an array of schemas. */
  private static final Set<String> SCHEMA_ARRAY_KEYWORDS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  /** Keywords whose value maps names to schemas. */
  private static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of(
      "properties", "patternProperties", "dependentSchemas", "$defs", "definitions");
  /** The type names of JSON Schema 2020-12. */
  private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "null", "number", "object", "string");
  /** {@link #TYPES} as lint names them, in alphabetical order. */
  private static final String TYPE_NAMES = String.join(", ", new TreeSet<>(TYPES));
  /** Documentation-only keywords that cost tokens and validate nothing. */
  private static final Set<String> DROPPED = Set.of(
      "example", "examples", "xml", "externalDocs", "discriminator", "nullable", "$schema", "$id",
      "exampleSetFlag", "$comment");

  /**
   * A keyword left out that would have restricted values: a {@code pattern} (or {@code
   * patternProperties} key) clients and the server cannot both read, a {@code type} that names no
   * JSON type, or an {@code enum} swagger-parser could not read.
   *
   * @param pointer where it is in the spec
   * @param keyword {@code pattern}, {@code type} or {@code enum}
   * @param value the pattern as the spec writes it, or the type or enum as JSON
   * @param problem why it is left out
   */
  record Dropped(String pointer, String keyword, String value, String problem) {

    /** What lint says of it. */
    String sentence() {
      // A pattern in full, for its author to find; of a type that is a whole schema or a long enum, the beginning.
      String shown = !keyword.equals("pattern") && value.length() > 80 ? value.substring(0, 77) + "..." : value;
      return pointer + ": the " + keyword + " '" + shown + "' is left out, since " + problem
          + (keyword.equals("pattern") ? " (clients check patterns as ECMA-262, the server as Java)" : "")
          + "; the API still checks the value";
    }
  }

  private final boolean openApi31;
  private final PatternDialect patterns = new PatternDialect();
  private final List<Dropped> dropped = new ArrayList<>();

  SchemaNormalizer(boolean openApi31) {
    this.openApi31 = openApi31;
  }

  /** How many keywords were left out so far. */
  int droppedCount() {
    return dropped.size();
  }

  /** The keywords left out since {@code droppedCount()} was {@code mark}, no longer kept here. */
  List<Dropped> takeDropped(int mark) {
    List<Dropped> taken = new ArrayList<>(dropped.subList(mark, dropped.size()));
    dropped.subList(mark, dropped.size()).clear();
    return taken;
  }

  /**
   * Returns a normalised copy of {@code schema}.
   *
   * @param pointer JSON pointer of the schema in the spec, for error messages
   * @param refs receives the component schemas referenced directly, each with the pointer of its
   *     first {@code $ref}
   */
  JsonNode normalize(JsonNode schema, String pointer, Map<String, String> refs) throws GenerationException {
    if (schema == null || schema.isNull()) {
      return NODES.objectNode();
    }
    if (!schema.isObject()) {
      // Boolean schemas (3.1) are already 2020-12.
      return schema.deepCopy();
    }
    ObjectNode out = NODES.objectNode();
    boolean loosened = false;
    Iterator<Map.Entry<String, JsonNode>> fields = schema.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      String at = pointer + "/" + escape(key);
      if (DROPPED.contains(key) || key.startsWith("x-")) {
        continue;
      }
      if (key.equals("$ref")) {
        out.put("$ref", rewriteRef(value.asText(), at, refs));
      } else if (key.equals("pattern") && value.isTextual()) {
        String pattern = pattern(value.asText(), at);
        if (pattern != null) {
          out.put(key, pattern);
        }
      } else if (key.equals("type")) {
        JsonNode type = type(value);
        if (type != null) {
          out.set("type", type);
        } else {
          dropped.add(new Dropped(at, "type", value.isTextual() ? value.textValue() : value.toString(),
              "it names no JSON type (" + TYPE_NAMES + ")"));
        }
      } else if (SCHEMA_KEYWORDS.contains(key) && value.isObject()) {
        out.set(key, normalize(value, at, refs));
      } else if (SCHEMA_ARRAY_KEYWORDS.contains(key) && value.isArray()) {
        ArrayNode items = out.putArray(key);
        for (int i = 0; i < value.size(); i++) {
          items.add(normalize(value.get(i), at + "/" + i, refs));
        }
      } else if (SCHEMA_MAP_KEYWORDS.contains(key) && value.isObject()) {
        ObjectNode map = out.putObject(key);
        Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
        while (entries.hasNext()) {
          Map.Entry<String, JsonNode> entry = entries.next();
          String entryAt = at + "/" + escape(entry.getKey());
          String name = key.equals("patternProperties") ? pattern(entry.getKey(), entryAt) : entry.getKey();
          if (name == null) {
            // Its properties now fall to additionalProperties: lest they be refused, that goes too.
            loosened = true;
            continue;
          }
          map.set(name, normalize(entry.getValue(), entryAt, refs));
        }
      } else {
        out.set(key, value.deepCopy());
      }
    }
    if (loosened) {
      out.remove("additionalProperties");
      out.remove("unevaluatedProperties");
    }
    if (!openApi31) {
      convertExclusiveBound(out, "exclusiveMinimum", "minimum");
      convertExclusiveBound(out, "exclusiveMaximum", "maximum");
    }
    if ("string".equals(out.path("type").asText()) && "binary".equals(out.path("format").asText())) {
      // The server uploads the file's content; the model only names the file, as with the npm server.
      String said = out.path("description").asText("").strip();
      out.put("description", (said.isEmpty() ? "" : said + (said.endsWith(".") ? " " : ". "))
          + "Give the path of a local file; the server uploads its content.");
    }
    JsonNode declared = schema.get(SpecLoader.DECLARED_TYPE);
    if (declared != null && declared.isTextual() && "object".equals(out.path("type").asText(null))
        && TYPES.contains(declared.textValue())) {
      // A type beside additionalProperties, which made swagger-parser call the schema an object: the spec
      // says both, and either may be what the API takes (Spotify's position_ms is an integer, DocuSign's
      // customParameters a "string" of string values).
      out.set("type", NODES.arrayNode().add(declared.textValue()).add("object"));
    }
    boolean nullable = schema.path("nullable").asBoolean(false);
    if (!openApi31 && !nullable && out.get("enum") instanceof ArrayNode values && values.size() > 1
        && onlyNulls(values)) {
      // swagger-parser reads a 3.0 enum value it cannot make of the schema's type as null (Google Cloud
      // Identity's integer page size lists ["BASIC", "FULL"], Firebrowse's dates are numbers): the values
      // are lost, and nulls alone would refuse every call the API takes. No spec lists null twice; one
      // null may be the spec's own (drf-spectacular's NullEnum, [null], a branch of a oneOf that any
      // string would make ambiguous), and a null beside other values too (YNAB's ["TB", ..., null]).
      out.remove("enum");
      dropped.add(new Dropped(pointer + "/enum", "enum", values.toString(),
          "swagger-parser could not read its values as the schema's type (it made them null)"));
    }
    ObjectNode result = isJsonTextString(out) ? jsonValue(out) : out;
    return nullable ? makeNullable(result) : result;
  }

  /** {@code pattern} as clients and the server both read it, or {@code null} (recorded) when left out. */
  private String pattern(String pattern, String pointer) {
    PatternDialect.Translation translation = patterns.translate(pattern);
    if (translation.pattern() == null) {
      dropped.add(new Dropped(pointer, "pattern", pattern, translation.problem()));
    }
    return translation.pattern();
  }

  /** {@code type: string, format: json}: the API means a JSON value the spec could only call text. */
  private static boolean isJsonTextString(ObjectNode schema) {
    return "string".equals(schema.path("type").asText()) && "json".equals(schema.path("format").asText());
  }

  /**
   * A JSON object or array, or JSON text of one (which the runtime decodes before sending): what
   * the npm server sends for such properties, and what the API expects.
   */
  private static ObjectNode jsonValue(ObjectNode schema) {
    ObjectNode value = NODES.objectNode();
    JsonNode description = schema.get("description");
    if (description != null) {
      value.set("description", description);
    }
    ArrayNode anyOf = value.putArray("anyOf");
    anyOf.addObject().putArray("type").add("object").add("array");
    anyOf.addObject().put("type", "string").put("contentMediaType", "application/json");
    return value;
  }

  private static String rewriteRef(String ref, String pointer, Map<String, String> refs) throws GenerationException {
    if (!ref.startsWith(COMPONENT_PREFIX)) {
      // The loader makes every reference it can follow one to a component schema.
      throw GenerationException.at(null, pointer, "$ref '" + ref + "' does not resolve to a schema of the spec");
    }
    String rest = ref.substring(COMPONENT_PREFIX.length());
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    refs.putIfAbsent(unescape(name), pointer);
    return DEFS_PREFIX + rest;
  }

  /**
   * The {@code type} keyword as 2020-12 takes it: one of its seven type names, or several (a list of
   * one is written as that one); {@code null} when {@code value} names none, so the schema no longer
   * restricts the type, as a type it cannot check should not refuse a value the API would accept.
   * Codat's accounting API has a {@code type} that is a schema (kept under that name in an object that
   * is no schema); 2020-12 refuses any tool that carries it.
   */
  private static JsonNode type(JsonNode value) {
    if (value.isTextual()) {
      return TYPES.contains(value.textValue()) ? value : null;
    }
    if (!value.isArray()) {
      return null;
    }
    ArrayNode known = NODES.arrayNode();
    for (JsonNode name : value) {
      if (!name.isTextual() || !TYPES.contains(name.textValue())) {
        return null;
      }
      if (!containsText(known, name.textValue())) {
        known.add(name);
      }
    }
    return known.isEmpty() ? null : known.size() == 1 ? known.get(0) : known;
  }

  /** OpenAPI 3.0: {@code exclusiveMinimum: true} qualifies {@code minimum}; 2020-12 wants the number. */
  private static void convertExclusiveBound(ObjectNode schema, String exclusiveKey, String boundKey) {
    JsonNode exclusive = schema.get(exclusiveKey);
    if (exclusive == null || !exclusive.isBoolean()) {
      return;
    }
    schema.remove(exclusiveKey);
    if (exclusive.booleanValue() && schema.has(boundKey)) {
      schema.set(exclusiveKey, schema.remove(boundKey));
    }
  }

  /** OpenAPI 3.0 {@code nullable: true}: also accept {@code null}. */
  private static JsonNode makeNullable(ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      ArrayNode types = NODES.arrayNode().add(type.asText()).add("null");
      schema.set("type", types);
      addNullToEnum(schema);
      return schema;
    }
    if (type != null && type.isArray()) {
      if (!containsText(type, "null")) {
        ((ArrayNode) type).add("null");
      }
      addNullToEnum(schema);
      return schema;
    }
    // No type to widen ($ref, allOf, ...): accept either the schema or null.
    ObjectNode either = NODES.objectNode();
    JsonNode description = schema.remove("description");
    if (description != null) {
      either.set("description", description);
    }
    either.putArray("anyOf").add(schema).add(NODES.objectNode().put("type", "null"));
    return either;
  }

  private static void addNullToEnum(ObjectNode schema) {
    JsonNode values = schema.get("enum");
    if (values != null && values.isArray() && !containsNull(values)) {
      ((ArrayNode) values).addNull();
    }
  }

  private static boolean onlyNulls(ArrayNode array) {
    for (JsonNode item : array) {
      if (!item.isNull()) {
        return false;
      }
    }
    return !array.isEmpty();
  }

  private static boolean containsNull(JsonNode array) {
    for (JsonNode item : array) {
      if (item.isNull()) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsText(JsonNode array, String text) {
    for (JsonNode item : array) {
      if (text.equals(item.asText())) {
        return true;
      }
    }
    return false;
  }

  /** An operation's JSON pointer in the spec, such as {@code #/paths/~1pets~1{id}/get}. */
  static String operationPointer(String path, String method) {
    return "#/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
  }

  /** JSON pointer escaping (RFC 6901). */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
