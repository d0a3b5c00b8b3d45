package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tool's output schema: what its operation answers on success, when the spec promises a JSON
 * object for every success. MCP requires an object at the root, and a server that declares an
 * output schema must answer with structured content (the MCP Java SDK's server turns a result
 * without it into an error), so an operation with a success answer that may be anything else (a
 * {@code 204} without content, a second media type, another schema, an array) gets none.
 *
 * <p>The schema is normalized as input schemas are, with the definitions it reaches and no others;
 * a {@code $ref} at its root is replaced by what it names, so the root says {@code "type":"object"}.
 */
final class ToolOutput {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SchemaNormalizer normalizer;
  private final ComponentSchemas components;
  private final ComponentResolver resolver;
  private final SchemaJson json;
  private final SchemaCheck check = new SchemaCheck();

  ToolOutput(SchemaNormalizer normalizer, ComponentSchemas components, ComponentResolver resolver, SchemaJson json) {
    this.normalizer = normalizer;
    this.components = components;
    this.resolver = resolver;
    this.json = json;
  }

  /** An output schema, not yet checked against the meta-schema ({@link #problem}), and where the spec gives it. */
  record Promised(SchemaParts schema, String pointer) {}

  /**
   * The output schema of {@code op}, or empty. A success answer described by a schema this cannot
   * publish (one that does not resolve or contains itself) yields empty and a remark: the tool itself
   * does not depend on it. Whether it passes the meta-schema is {@link #problem}'s to say.
   */
  Optional<Promised> of(OperationRef op, String name, List<ConvertedApi.Remark> remarks) {
    if (op.operation().getResponses() == null) {
      return Optional.empty();
    }
    JsonNode promised = null;
    String promisedAt = null;
    boolean anySuccess = false;
    for (Map.Entry<String, ApiResponse> entry : new TreeMap<>(op.operation().getResponses()).entrySet()) {
      String code = entry.getKey().toUpperCase(Locale.ROOT);
      if (!code.startsWith("2")) {
        continue;
      }
      anySuccess = true;
      String at = op.pointer() + "/responses/" + SchemaNormalizer.escape(entry.getKey());
      ApiResponse response;
      try {
        response = resolver.response(entry.getValue(), at);
      } catch (GenerationException e) {
        return Optional.empty();
      }
      String mediaType = onlyJson(response == null ? null : response.getContent());
      if (mediaType == null) {
        return Optional.empty();
      }
      JsonNode schema = json.of(response.getContent().get(mediaType).getSchema());
      if (schema == null || promised != null && !promised.equals(schema)) {
        return Optional.empty();
      }
      promised = schema;
      promisedAt = at + "/content/" + SchemaNormalizer.escape(mediaType) + "/schema";
    }
    if (!anySuccess || promised == null) {
      return Optional.empty();
    }
    try {
      SchemaParts schema = objectRooted(promised, promisedAt);
      return schema == null ? Optional.empty() : Optional.of(new Promised(schema, promisedAt));
    } catch (GenerationException e) {
      remarks.add(new ConvertedApi.Remark(name, op.method(), op.path(), e.pointer().orElse(promisedAt) + ": "
          + e.reason() + ", so the tool has no outputSchema", false));
      return Optional.empty();
    }
  }

  /**
   * Empty when {@code output}, given at {@code pointer}, passes the JSON Schema 2020-12 meta-schema with
   * the definitions it reaches; else the remark that the tool {@code op} is served without it.
   */
  Optional<ConvertedApi.Remark> problem(SchemaParts output, String pointer, OperationRef op, String name) {
    return check.problem(output, components::parts, "output").map(problem -> new ConvertedApi.Remark(name,
        op.method(), op.path(), pointer + ": the " + problem + ", so the tool has no outputSchema", false));
  }

  /** The one media type of {@code content} when it is JSON, else {@code null}. */
  private static String onlyJson(Content content) {
    if (content == null || content.size() != 1) {
      return null;
    }
    String mediaType = content.keySet().iterator().next();
    String type = mediaType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
    MediaType media = content.get(mediaType);
    return (type.equals("application/json") || type.endsWith("+json")) && media != null ? mediaType : null;
  }

  /**
   * The normalized schema without its definitions, when its root is an object schema; else {@code
   * null}. Its definitions are those {@code components} reaches from its references.
   */
  private SchemaParts objectRooted(JsonNode raw, String at) throws GenerationException {
    Map<String, String> refs = new LinkedHashMap<>();
    int mark = normalizer.droppedCount();
    JsonNode normalized = normalizer.normalize(raw, at, refs);
    // Keywords left out of an output schema restrict nothing a caller sends: no remark for them.
    normalizer.takeDropped(mark);
    String rootRef = rootReference(normalized);
    ObjectNode root;
    if (rootRef != null) {
      String component = SchemaNormalizer.unescape(rootRef.substring(SchemaNormalizer.DEFS_PREFIX.length()));
      components.check(Map.of(component, at));
      JsonNode named = components.get(component, at);
      if (!named.isObject()) {
        components.takeDropped();
        return null;
      }
      // The root is what it names, so its references are the definition's own: the definition
      // itself is among the root's $defs only when something it reaches refers back to it.
      root = ((ObjectNode) named).deepCopy();
      refs = components.refsOf(component, at);
    } else if (normalized.isObject()) {
      root = (ObjectNode) normalized;
    } else {
      return null;
    }
    components.check(refs);
    if (!root.has("type") && allOfAnObject(root)) {
      // allOf [NewPet, {properties: {id}}]: an object already; said at the root, as MCP wants it.
      ObjectNode typed = NODES.objectNode().put("type", "object");
      typed.setAll(root);
      root = typed;
    }
    components.takeDropped();
    if (!"object".equals(root.path("type").asText(null)) || root.has("$defs") || saysNothingMore(root)) {
      return null;
    }
    return new SchemaParts(root.toString(), List.copyOf(refs.keySet()));
  }

  /** {@code #/$defs/Page} for a schema that is only {@code {"$ref": "#/$defs/Page"}} (and words), else null. */
  private static String rootReference(JsonNode schema) {
    JsonNode ref = schema.path("$ref");
    if (!ref.isTextual() || !ref.asText().startsWith(SchemaNormalizer.DEFS_PREFIX)
        || ref.asText().indexOf('/', SchemaNormalizer.DEFS_PREFIX.length()) >= 0) {
      return null;
    }
    List<String> others = new ArrayList<>();
    schema.fieldNames().forEachRemaining(others::add);
    others.removeAll(List.of("$ref", "description", "title"));
    return others.isEmpty() ? ref.asText() : null;
  }

  /**
   * {@code {"type": "object"}} and words: it tells a model nothing it would not see in the answer, and
   * costs bytes in every list (17 of the 20 output schemas npm's Notion spec would give).
   */
  private static boolean saysNothingMore(JsonNode schema) {
    List<String> keywords = new ArrayList<>();
    schema.fieldNames().forEachRemaining(keywords::add);
    keywords.removeAll(List.of("type", "description", "title"));
    return keywords.isEmpty();
  }

  /** Whether one of {@code schema}'s {@code allOf} schemas is an object schema, itself or the definition it names. */
  private boolean allOfAnObject(JsonNode schema) throws GenerationException {
    for (JsonNode member : schema.path("allOf")) {
      String ref = member.path("$ref").asText("");
      String name = ref.startsWith(SchemaNormalizer.DEFS_PREFIX)
          ? SchemaNormalizer.unescape(ref.substring(SchemaNormalizer.DEFS_PREFIX.length())) : null;
      JsonNode named = name == null ? member : components.get(name, SchemaNormalizer.DEFS_PREFIX + name);
      if ("object".equals(named.path("type").asText(null))) {
        return true;
      }
    }
    return false;
  }
}
