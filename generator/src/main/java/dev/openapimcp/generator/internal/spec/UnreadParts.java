package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes out of an OpenAPI 3.0 document, before swagger-parser builds its model of it, what no tool is
 * made of and swagger-parser would spend time on:
 *
 * <ul>
 *   <li>the {@code example} of every schema: no tool shows one (SchemaNormalizer drops it), and
 *       swagger-parser converts each to the schema's type, parsing a {@code date} or {@code date-time}
 *       example with a date format that loads the names of every time zone. In a first {@code serve}
 *       of GitHub's 13 MB description those conversions were 14 of the deserializer's 67 samples
 *       (async-profiler, 2 ms) and loaded 40 classes of the JDK's time-zone data;
 *   <li>the extensions of the document, its path items and operations but {@code x-mcp} (the one the
 *       converter reads there) and those whose names OpenAPI reserves ({@code x-oai-}, {@code x-oas-},
 *       which swagger-parser reports): swagger-parser copies each one's JSON into maps and lists
 *       (GitHub's {@code x-webhooks}, 8 % of its description, and an {@code x-github} object on each
 *       of its 1,100 operations: 12 of those 67 samples).
 * </ul>
 *
 * <p>Only schemas are visited, down the keywords that hold schemas (SpecBundler's), so a property
 * named {@code example} stays: a key of {@code properties} names a property, it is no keyword.
 */
final class UnreadParts {

  /** The extension the converter reads on the document, a path item or an operation. */
  private static final String READ_EXTENSION = "x-mcp";
  /** Extension prefixes OpenAPI reserves, which swagger-parser reports. */
  private static final List<String> RESERVED = List.of("x-oai-", "x-oas-");

  private UnreadParts() {}

  /** Removes those parts of {@code document} (OpenAPI 3.0). */
  static void drop(ObjectNode document) {
    extensions(document);
    JsonNode components = document.path("components");
    for (JsonNode schema : components.path("schemas")) {
      schema(schema);
    }
    for (JsonNode parameter : components.path("parameters")) {
      parameter(parameter);
    }
    for (JsonNode body : components.path("requestBodies")) {
      content(body.path("content"));
    }
    for (JsonNode response : components.path("responses")) {
      response(response);
    }
    for (JsonNode header : components.path("headers")) {
      parameter(header);
    }
    for (JsonNode pathItem : document.path("paths")) {
      extensions(pathItem);
      parameters(pathItem.path("parameters"));
      for (String method : SpecBundler.METHODS) {
        JsonNode operation = pathItem.path(method);
        extensions(operation);
        parameters(operation.path("parameters"));
        content(operation.path("requestBody").path("content"));
        for (JsonNode response : operation.path("responses")) {
          response(response);
        }
      }
    }
  }

  private static void extensions(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> unread = new ArrayList<>();
      object.fieldNames().forEachRemaining(name -> {
        if (name.startsWith("x-") && !name.equals(READ_EXTENSION) && RESERVED.stream().noneMatch(name::startsWith)) {
          unread.add(name);
        }
      });
      object.remove(unread);
    }
  }

  private static void parameters(JsonNode parameters) {
    for (JsonNode parameter : parameters) {
      parameter(parameter);
    }
  }

  /** A parameter or a header: a schema, or content. */
  private static void parameter(JsonNode parameter) {
    schema(parameter.path("schema"));
    content(parameter.path("content"));
  }

  private static void response(JsonNode response) {
    content(response.path("content"));
    for (JsonNode header : response.path("headers")) {
      parameter(header);
    }
  }

  private static void content(JsonNode content) {
    for (JsonNode media : content) {
      schema(media.path("schema"));
    }
  }

  private static void schema(JsonNode node) {
    if (!(node instanceof ObjectNode schema)) {
      return;
    }
    schema.remove("example");
    // Down the keywords SpecBundler follows into subschemas.
    for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
      String key = keyword.getKey();
      JsonNode value = keyword.getValue();
      if (SpecBundler.SCHEMA_MAPS.contains(key) || SpecBundler.SCHEMA_LISTS.contains(key)
          || key.equals("items") && value.isArray()) {
        for (JsonNode member : value) {
          schema(member);
        }
      } else if (SpecBundler.SCHEMA_SINGLES.contains(key) || key.equals("items")) {
        schema(value);
      }
    }
  }
}
