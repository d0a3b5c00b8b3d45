package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.HttpBinding;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An operation's request body as tool arguments: the top-level properties of an object body
 * become arguments beside the parameters; any other body (an array, a scalar, a union, a free-form
 * map) travels whole under {@code body}.
 */
final class BodyArguments {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> PREFERRED_MEDIA_TYPES = List.of(
      "application/json", "application/x-www-form-urlencoded", "multipart/form-data");
  /**
   * Schemas looked at to decide whether a body can be flattened: schemas whose allOf includes the
   * next one four times over twenty levels were 4^16 looks (7 s) without a limit.
   */
  private static final int MAX_FLATTEN_VISITS = 10_000;

  private final SchemaNormalizer normalizer;
  private final ComponentSchemas components;
  private final JsonTextFallback textFallback;
  private final ComponentResolver resolver;
  private final SchemaJson json;
  /** Schemas {@link #flattenable} looked at for the current body. */
  private int flattenVisits;

  BodyArguments(SchemaNormalizer normalizer, ComponentSchemas components, JsonTextFallback textFallback,
      ComponentResolver resolver, SchemaJson json) {
    this.normalizer = normalizer;
    this.components = components;
    this.textFallback = textFallback;
    this.resolver = resolver;
    this.json = json;
  }

  /** Adds {@code op}'s request body, if it has one, to {@code input} and {@code http}. */
  void add(OperationRef op, ToolInput input, HttpBinding.Builder http) throws GenerationException {
    RequestBody body = resolver.requestBody(op.operation().getRequestBody(), op.pointer() + "/requestBody");
    if (body == null || body.getContent() == null || body.getContent().isEmpty()) {
      return;
    }
    String mediaType = chooseMediaType(body.getContent().keySet());
    http.mediaType(mediaType);
    String at = op.pointer() + "/requestBody/content/" + SchemaNormalizer.escape(mediaType) + "/schema";
    MediaType media = body.getContent().get(mediaType);
    Map<String, String> bodyRefs = new LinkedHashMap<>();
    JsonNode schema = normalizer.normalize(json.of(media.getSchema()), at, bodyRefs);
    boolean bodyRequired = Boolean.TRUE.equals(body.getRequired());

    ObjectNode flat = flattenable(schema, at);
    if (flat == null) {
      bodyRefs.forEach(input.refs()::putIfAbsent);
      String property = input.freeName("body", "request");
      input.add(property, textFallback.wrap(ToolInput.withDescription(schema, body.getDescription()), at),
          bodyRequired);
      http.argument(Argument.body(property));
      return;
    }
    // Refs of the flattened properties only: the body's own component is no longer referenced.
    Set<String> flatRefs = new LinkedHashSet<>();
    collectRefs(flat.path("properties"), flatRefs);
    for (String name : flatRefs) {
      input.refs().putIfAbsent(name, bodyRefs.getOrDefault(name, at));
    }
    Set<String> bodyRequiredProperties = new LinkedHashSet<>();
    flat.path("required").forEach(n -> bodyRequiredProperties.add(n.asText()));
    for (Map.Entry<String, JsonNode> field : flat.path("properties").properties()) {
      String property = input.freeName(field.getKey(), "body");
      // Required even when the spec leaves the body optional (OpenAPI's default, often an
      // oversight): a model that sends a body must send these, and the npm server asks for them too.
      input.add(property, textFallback.wrap(field.getValue(),
          at + "/properties/" + SchemaNormalizer.escape(field.getKey())),
          bodyRequiredProperties.contains(field.getKey()));
      http.argument(Argument.bodyProperty(field.getKey()).as(property));
    }
  }

  private static String chooseMediaType(Set<String> mediaTypes) {
    for (String preferred : PREFERRED_MEDIA_TYPES) {
      for (String candidate : mediaTypes) {
        if (candidate.toLowerCase(Locale.ROOT).startsWith(preferred)) {
          return candidate;
        }
      }
    }
    for (String candidate : mediaTypes) {
      if (candidate.toLowerCase(Locale.ROOT).endsWith("+json")) {
        return candidate;
      }
    }
    return mediaTypes.iterator().next();
  }

  /**
   * The body as one object schema whose properties can become top-level arguments, or
   * {@code null} when it must travel whole (arrays, scalars, unions, free-form maps).
   */
  private ObjectNode flattenable(JsonNode schema, String pointer) throws GenerationException {
    flattenVisits = 0;
    return flattenable(schema, pointer, 0);
  }

  /** {@code depth} counts nested {@code allOf}s: a schema whose {@code allOf} includes itself never ends. */
  private ObjectNode flattenable(JsonNode schema, String pointer, int depth) throws GenerationException {
    JsonNode resolved = depth > ComponentResolver.MAX_REF_CHAIN || ++flattenVisits > MAX_FLATTEN_VISITS ? null
        : resolveRef(schema, pointer);
    if (resolved == null || !resolved.isObject()) {
      return null;
    }
    if (resolved.has("allOf") && !resolved.has("properties") && !resolved.has("oneOf") && !resolved.has("anyOf")) {
      ObjectNode merged = NODES.objectNode();
      ObjectNode props = merged.putObject("properties");
      ArrayNode req = merged.putArray("required");
      for (JsonNode part : resolved.get("allOf")) {
        ObjectNode flat = flattenable(part, pointer + "/allOf", depth + 1);
        if (flat == null) {
          return null;
        }
        props.setAll((ObjectNode) flat.path("properties"));
        flat.path("required").forEach(req::add);
      }
      return merged;
    }
    JsonNode type = resolved.get("type");
    boolean objectType = type == null || (type.isTextual() && type.asText().equals("object"));
    if (!objectType || !resolved.has("properties") || resolved.has("oneOf") || resolved.has("anyOf")) {
      return null;
    }
    JsonNode properties = resolved.get("properties");
    if (!properties.isObject() || properties.isEmpty()) {
      return null;
    }
    return (ObjectNode) resolved;
  }

  private JsonNode resolveRef(JsonNode schema, String pointer) throws GenerationException {
    JsonNode current = schema;
    for (int depth = 0; current != null && current.has("$ref"); depth++) {
      String ref = current.get("$ref").asText();
      if (depth > 32 || !ref.startsWith(SchemaNormalizer.DEFS_PREFIX) || ref.indexOf('/', 8) >= 0) {
        return null;
      }
      current = components.get(SchemaNormalizer.unescape(ref.substring(SchemaNormalizer.DEFS_PREFIX.length())),
          pointer);
    }
    return current;
  }

  private static void collectRefs(JsonNode node, Set<String> refs) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(SchemaNormalizer.DEFS_PREFIX)) {
        String rest = ref.asText().substring(SchemaNormalizer.DEFS_PREFIX.length());
        int slash = rest.indexOf('/');
        refs.add(SchemaNormalizer.unescape(slash < 0 ? rest : rest.substring(0, slash)));
      }
      node.elements().forEachRemaining(child -> collectRefs(child, refs));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }
  }
}
