package dev.openapimcp.generator.internal.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.generator.ServedApi;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ParameterStyle;
import dev.openapimcp.model.ResourceBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a cached catalog, as Jackson wrote it from the records, from its JSON tree by hand. Jackson's
 * data binding first inspects every record type it builds, which took more than half of reading
 * GitHub's 2.6 MB catalog at a cached start (JFR: 17 of the 30 samples in {@code readValue}, of 74 in
 * all). Every object must have exactly its record's components, so a component added to a record
 * (which Jackson then writes) makes every cached file a miss until this reads it too ({@code
 * CatalogCacheFormatTest} writes and reads every component).
 */
final class CatalogReader {

  private CatalogReader() {}

  static CatalogCache.Entry entry(JsonNode node) {
    fields(node, "files", "api");
    Map<String, String> files = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> source : object(node.get("files")).properties()) {
      files.put(source.getKey(), text(source.getValue()));
    }
    return new CatalogCache.Entry(files, api(node.get("api")));
  }

  private static ServedApi api(JsonNode node) {
    fields(node, "catalog", "rateLimit", "instructions", "notFoundHint");
    if (!node.get("rateLimit").isNumber()) {
      throw new IllegalArgumentException("rateLimit is not a number");
    }
    return new ServedApi(catalog(node.get("catalog")), node.get("rateLimit").doubleValue(),
        optionalText(node.get("instructions")), optionalText(node.get("notFoundHint")));
  }

  private static ToolCatalog catalog(JsonNode node) {
    fields(node, "serverName", "serverVersion", "baseUrl", "tokenVariable", "tools", "credentials");
    return new ToolCatalog(text(node.get("serverName")), text(node.get("serverVersion")), text(node.get("baseUrl")),
        optionalText(node.get("tokenVariable")), list(node.get("tools"), CatalogReader::tool),
        list(node.get("credentials"), CatalogReader::credential));
  }

  private static ToolDefinition tool(JsonNode node) {
    fields(node, "name", "title", "description", "inputSchema", "outputSchema", "hints", "http", "resource");
    return new ToolDefinition(text(node.get("name")), optionalText(node.get("title")),
        text(node.get("description")), text(node.get("inputSchema")), optionalText(node.get("outputSchema")),
        hints(node.get("hints")), http(node.get("http")), resource(node.get("resource")));
  }

  private static ResourceBinding resource(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    // Jackson also writes isTemplate() as "template", which the URI implies.
    fields(node, "uri", "mimeType", "template");
    return new ResourceBinding(text(node.get("uri")), optionalText(node.get("mimeType")));
  }

  private static ToolHints hints(JsonNode node) {
    fields(node, "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint");
    return new ToolHints(optionalBoolean(node.get("readOnlyHint")), optionalBoolean(node.get("destructiveHint")),
        optionalBoolean(node.get("idempotentHint")), optionalBoolean(node.get("openWorldHint")));
  }

  private static HttpBinding http(JsonNode node) {
    fields(node, "method", "pathTemplate", "arguments", "mediaType", "fixedHeaders", "security");
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> header : object(node.get("fixedHeaders")).properties()) {
      headers.put(header.getKey(), text(header.getValue()));
    }
    return new HttpBinding(text(node.get("method")), text(node.get("pathTemplate")),
        list(node.get("arguments"), CatalogReader::argument), optionalText(node.get("mediaType")), headers,
        list(node.get("security"), set -> list(set, CatalogReader::text)));
  }

  private static Argument argument(JsonNode node) {
    fields(node, "property", "wireName", "location", "style", "explode");
    if (!node.get("explode").isBoolean()) {
      throw new IllegalArgumentException("explode is not a boolean");
    }
    return new Argument(text(node.get("property")), text(node.get("wireName")),
        ArgumentLocation.valueOf(text(node.get("location"))), ParameterStyle.valueOf(text(node.get("style"))),
        node.get("explode").booleanValue());
  }

  private static Credential credential(JsonNode node) {
    fields(node, "scheme", "kind", "parameterName", "variable", "passwordVariable");
    return new Credential(text(node.get("scheme")), Credential.Kind.valueOf(text(node.get("kind"))),
        optionalText(node.get("parameterName")), text(node.get("variable")),
        optionalText(node.get("passwordVariable")));
  }

  /** Checks that {@code node} is an object with exactly these fields. */
  private static void fields(JsonNode node, String... names) {
    object(node);
    if (node.size() != names.length || !Set.of(names).containsAll(iterable(node.fieldNames()))) {
      throw new IllegalArgumentException("not the fields " + String.join(", ", names));
    }
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  private static JsonNode object(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    return node;
  }

  private static <T> List<T> list(JsonNode node, Function<JsonNode, T> element) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException("not an array");
    }
    List<T> list = new ArrayList<>(node.size());
    node.forEach(item -> list.add(element.apply(item)));
    return list;
  }

  private static String text(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("not a text");
    }
    return node.textValue();
  }

  private static String optionalText(JsonNode node) {
    return node == null || node.isNull() ? null : text(node);
  }

  private static Boolean optionalBoolean(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw new IllegalArgumentException("not a boolean");
    }
    return node.booleanValue();
  }
}
