package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.openapimcp.testing.RepoFiles;

/**
 * Pins {@code specs/notion-openapi.json} to the spec bundled in npm {@code @notionhq/notion-mcp-server} 2.5.2
 * (vendored as {@code specs/reference/notion-mcp-server-2.5.2/notion-openapi.json}): our server must be a drop-in replacement, so only the
 * descriptions (ours, written for an assistant) and the {@code x-mcp} hints may differ.
 */
class NotionSpecMatchesReferenceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  /** POST operations that only read, so they are marked read-only for MCP clients. */
  private static final Set<String> READ_ONLY_POSTS = Set.of("post-search", "query-data-source");

  private static JsonNode ours;
  private static JsonNode reference;

  @BeforeAll
  static void load() throws IOException {
    Path root = repoRoot();
    Path referenceFile = RepoFiles.referenceNotionSpec();
    assertThat(referenceFile)
        .as("reference spec of npm @notionhq/notion-mcp-server 2.5.2 is missing at %s", referenceFile)
        .isRegularFile();
    ours = JSON.readTree(root.resolve("specs/notion-openapi.json").toFile());
    reference = JSON.readTree(referenceFile.toFile());
  }

  @Test
  void sameOperations() {
    List<String> expected = operations(reference).keySet().stream().toList();
    assertThat(operations(ours).keySet())
        .as("(method, path, operationId) of every operation")
        .containsExactlyInAnyOrderElementsOf(expected)
        .hasSize(24);
  }

  @Test
  void sameParameters() {
    Map<String, JsonNode> theirs = operations(reference);
    operations(ours).forEach((key, operation) -> {
      JsonNode expected = theirs.get(key);
      assertThat(expected).as("operation %s in the reference", key).isNotNull();
      assertThat(parameters(ours, operation)).as("parameters of %s", key).isEqualTo(parameters(reference, expected));
    });
  }

  @Test
  void sameRequestBodies() {
    Map<String, JsonNode> theirs = operations(reference);
    operations(ours).forEach((key, operation) -> {
      JsonNode expected = theirs.get(key);
      assertThat(expected).as("operation %s in the reference", key).isNotNull();
      assertThat(requestBody(operation)).as("request body of %s", key).isEqualTo(requestBody(expected));
    });
  }

  @Test
  void sameApiFactsOnceTextAndHintsAreRemoved() {
    Optional<String> difference = firstDifference("", withoutText(reference, false), withoutText(ours, false));
    assertThat(difference).as("first difference from the reference, ignoring description/summary/x-mcp").isEmpty();
  }

  @Test
  void onlyTheReadingPostsCarryReadOnlyHint() {
    Map<String, JsonNode> hints = new LinkedHashMap<>();
    forEachKey(ours, "x-mcp", (pointer, value) -> hints.put(pointer, value));
    // The root's x-mcp carries Notion's documented rate limit (3 requests per second), not a hint.
    assertThat(hints.remove("/x-mcp")).as("x-mcp at the root").isEqualTo(JSON.createObjectNode().put("rateLimit", 3));
    Map<String, String> expectedPointers = new LinkedHashMap<>();
    operations(ours).forEach((key, operation) -> {
      String id = operation.path("operationId").asText();
      if (READ_ONLY_POSTS.contains(id)) {
        expectedPointers.put(pointerOf(key) + "/x-mcp", id);
      }
    });
    assertThat(expectedPointers).as("operations that should be read-only").hasSize(READ_ONLY_POSTS.size());
    // x-mcp is stripped by the facts comparison, so pin exactly where it may appear and what it says.
    assertThat(hints.keySet()).as("where x-mcp appears").containsExactlyInAnyOrderElementsOf(expectedPointers.keySet());
    hints.forEach((pointer, hint) -> assertThat(hint)
        .as("x-mcp of %s", expectedPointers.get(pointer))
        .isEqualTo(JSON.createObjectNode().put("readOnlyHint", true)));
  }

  @Test
  void operationTextsAreOurOwn() {
    Map<String, JsonNode> theirs = operations(reference);
    List<String> problems = new ArrayList<>();
    operations(ours).forEach((key, operation) -> {
      String summary = operation.path("summary").asText("");
      String description = operation.path("description").asText("");
      if (summary.isBlank()) {
        problems.add(key + ": empty summary");
      }
      if (description.isBlank()) {
        problems.add(key + ": empty description");
      }
      JsonNode original = theirs.getOrDefault(key, JSON.missingNode()).path("description");
      if (original.isTextual() && original.asText().equals(description)) {
        problems.add(key + ": description copied from the reference");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void descriptionsStayWithinTheBudget() {
    // tools/list must stay small: short summaries, operation texts up to 300 characters, the rest up to 100.
    List<String> problems = new ArrayList<>();
    forEachKey(ours, "summary", (pointer, text) -> check(problems, pointer, text, 60));
    forEachKey(ours, "description", (pointer, text) -> {
      boolean wide = pointer.equals("/info/description") || pointer.matches("/paths/[^/]+/[a-z]+/description");
      check(problems, pointer, text, wide ? 300 : 100);
    });
    assertThat(problems).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The nearest directory upwards from the working directory that holds our spec. */
  private static Path repoRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("specs/notion-openapi.json"))) {
        return dir;
      }
    }
    throw new AssertionError("no specs/notion-openapi.json above " + Path.of("").toAbsolutePath());
  }

  /** Operations keyed by "METHOD path operationId", in document order. */
  private static Map<String, JsonNode> operations(JsonNode spec) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        String key = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + op.getValue().path("operationId").asText();
        result.put(key, op.getValue());
      }
    }));
    return result;
  }

  /** JSON pointer of the operation named by an {@link #operations} key. */
  private static String pointerOf(String operationKey) {
    String[] parts = operationKey.split(" ");
    return "/paths/" + escape(parts[1]) + "/" + parts[0].toLowerCase(Locale.ROOT);
  }

  /** Parameters keyed by "in:name", each reduced to its facts: required (absent means false) and schema. */
  private static Map<String, JsonNode> parameters(JsonNode spec, JsonNode operation) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    for (JsonNode parameter : operation.path("parameters")) {
      JsonNode resolved = parameter.has("$ref") ? spec.at(parameter.get("$ref").asText().substring(1)) : parameter;
      ObjectNode facts = JSON.createObjectNode();
      facts.put("required", resolved.path("required").asBoolean(false));
      facts.set("schema", withoutText(resolved.path("schema"), false));
      result.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), facts);
    }
    return result;
  }

  /** The request body's facts: whether it is required and its media types with their schemas. */
  private static JsonNode requestBody(JsonNode operation) {
    JsonNode body = operation.path("requestBody");
    if (body.isMissingNode()) {
      return body;
    }
    ObjectNode facts = JSON.createObjectNode();
    facts.put("required", body.path("required").asBoolean(false));
    facts.set("content", withoutText(body.path("content"), false));
    return facts;
  }

  /**
   * A copy without the keys that are ours to write: text {@code description}/{@code summary} and {@code x-mcp}.
   * Inside a {@code properties} map keys are property names (the data-source body has a property called
   * "description"), so they are kept.
   */
  private static JsonNode withoutText(JsonNode node, boolean propertyMap) {
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      node.fields().forEachRemaining(field -> {
        if (!propertyMap && isOurs(field.getKey(), field.getValue())) {
          return;
        }
        boolean childIsPropertyMap = !propertyMap && field.getKey().equals("properties");
        copy.set(field.getKey(), withoutText(field.getValue(), childIsPropertyMap));
      });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      node.forEach(item -> copy.add(withoutText(item, false)));
      return copy;
    }
    return node;
  }

  private static boolean isOurs(String key, JsonNode value) {
    return key.equals("x-mcp") || ((key.equals("description") || key.equals("summary")) && value.isTextual());
  }

  /** Calls back with the pointer and value of every {@code key} that is a keyword, not a property name. */
  private static void forEachKey(JsonNode spec, String key, BiConsumer<String, JsonNode> action) {
    walk(spec, "", false, key, action);
  }

  private static void walk(JsonNode node, String pointer, boolean propertyMap, String key,
      BiConsumer<String, JsonNode> action) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        String at = pointer + "/" + escape(field.getKey());
        if (!propertyMap && field.getKey().equals(key) && (key.equals("x-mcp") || field.getValue().isTextual())) {
          action.accept(at, field.getValue());
        }
        walk(field.getValue(), at, !propertyMap && field.getKey().equals("properties"), key, action);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, false, key, action);
      }
    }
  }

  private static void check(List<String> problems, String pointer, JsonNode text, int limit) {
    if (text.asText().length() > limit) {
      problems.add(pointer + " has " + text.asText().length() + " characters (limit " + limit + ")");
    }
  }

  /** The JSON pointer of the first place where the documents differ, with both values; empty when equal. */
  private static Optional<String> firstDifference(String pointer, JsonNode expected, JsonNode actual) {
    if (expected.isObject() && actual.isObject()) {
      for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String at = pointer + "/" + escape(name);
        if (!actual.has(name)) {
          return Optional.of(at + ": missing, the reference has " + brief(expected.get(name)));
        }
        Optional<String> inner = firstDifference(at, expected.get(name), actual.get(name));
        if (inner.isPresent()) {
          return inner;
        }
      }
      for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!expected.has(name)) {
          return Optional.of(pointer + "/" + escape(name) + ": not in the reference: " + brief(actual.get(name)));
        }
      }
      return Optional.empty();
    }
    if (expected.isArray() && actual.isArray()) {
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        Optional<String> inner = firstDifference(pointer + "/" + i, expected.get(i), actual.get(i));
        if (inner.isPresent()) {
          return inner;
        }
      }
      return expected.size() == actual.size() ? Optional.empty()
          : Optional.of(pointer + ": " + actual.size() + " items, the reference has " + expected.size());
    }
    return expected.equals(actual) ? Optional.empty()
        : Optional.of(pointer + ": " + brief(actual) + ", the reference has " + brief(expected));
  }

  private static String brief(JsonNode node) {
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
