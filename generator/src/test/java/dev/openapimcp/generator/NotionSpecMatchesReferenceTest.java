package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.openapimcp.testing.RepoFiles;

/**
 * Pins {@code specs/notion-openapi.json} to the drop-in promise it makes for npm
 * {@code @notionhq/notion-mcp-server} 2.5.2 (whose spec is vendored as
 * {@code specs/reference/notion-mcp-server-2.5.2/notion-openapi.json}): the same 24 operations with the same
 * names, methods, paths, parameter names and {@code Notion-Version} values. Request bodies follow Notion's real API
 * instead of npm's spec; each deliberate correction of npm's spec has an assertion here.
 */
class NotionSpecMatchesReferenceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  /** POST operations that only read, so they are marked read-only for MCP clients. */
  private static final Set<String> READ_ONLY_POSTS = Set.of("post-search", "query-data-source");
  /** Operations npm's spec lacks: Notion's file uploads. */
  private static final Set<String> ADDED = Set.of(
      "POST /v1/file_uploads create-a-file-upload",
      "GET /v1/file_uploads list-file-uploads",
      "POST /v1/file_uploads/{file_upload_id}/send send-a-file-upload",
      "POST /v1/file_uploads/{file_upload_id}/complete complete-a-file-upload",
      "GET /v1/file_uploads/{file_upload_id} retrieve-a-file-upload");
  /** Every block type the API can create (Notion's block reference). */
  private static final List<String> CREATABLE_BLOCKS = List.of(
      "paragraph", "heading_1", "heading_2", "heading_3", "bulleted_list_item", "numbered_list_item", "to_do",
      "toggle", "quote", "callout", "code", "divider", "equation", "bookmark", "embed", "image", "video", "file",
      "pdf", "audio", "table", "table_row", "column_list", "column", "synced_block", "table_of_contents",
      "breadcrumb", "link_to_page");

  private static JsonNode ours;
  private static JsonNode reference;

  @BeforeAll
  static void load() throws IOException {
    ours = JSON.readTree(RepoFiles.notionSpec().toFile());
    reference = JSON.readTree(RepoFiles.referenceNotionSpec().toFile());
  }

  // ---- the drop-in promise ----------------------------------------------------------------------

  @Test
  void npmsOperationsPlusTheFileUploads() {
    Set<String> expected = new TreeSet<>(operations(reference).keySet());
    assertThat(expected).hasSize(24);
    expected.addAll(ADDED);
    assertThat(operations(ours).keySet()).as("(method, path, operationId) of every operation")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void sameParameterNamesAndLocations() {
    Map<String, JsonNode> theirs = operations(reference);
    theirs.forEach((key, operation) -> assertThat(parameterNames(ours, operations(ours).get(key)))
        .as("parameters of %s", key)
        .isEqualTo(parameterNames(reference, operation)));
  }

  @Test
  void sameNotionVersionPerOperation() {
    Map<String, JsonNode> mine = operations(ours);
    operations(reference).forEach((key, operation) -> assertThat(notionVersion(ours, mine.get(key)))
        .as("Notion-Version of %s", key)
        .isEqualTo(notionVersion(reference, operation)));
    assertThat(notionVersion(ours, mine.get("PATCH /v1/pages/{page_id}/markdown update-page-markdown")))
        .isEqualTo("2026-03-11");
    ADDED.forEach(key -> assertThat(notionVersion(ours, mine.get(key))).as(key).isEqualTo("2025-09-03"));
  }

  @Test
  void everyBodyPropertyOfNpmIsStillOneOfOurs() {
    Map<String, JsonNode> mine = operations(ours);
    operations(reference).forEach((key, operation) -> assertThat(bodyProperties(mine.get(key)).keySet())
        .as("body properties of %s", key)
        .containsAll(bodyProperties(operation).keySet()));
  }

  @Test
  void onlyTheReadingPostsCarryReadOnlyHint() {
    Map<String, JsonNode> hints = new LinkedHashMap<>();
    forEachKey(ours, "x-mcp", hints::put);
    // The root's x-mcp carries Notion's documented rate limit (3 requests per second) and the server's advice:
    // instructions on initialize and the hint for 404s (pages not shared with the integration).
    JsonNode root = hints.remove("/x-mcp");
    assertThat(root.path("rateLimit").asInt()).as("rate limit").isEqualTo(3);
    assertThat(root.path("instructions").asText()).contains("shared with", "API-post-search", "with or without dashes",
        "read-only");
    assertThat(root.path("notFoundHint").asText()).contains("not shared with the integration");
    assertThat(root.size()).as("x-mcp at the root").isEqualTo(3);
    Map<String, String> expected = new LinkedHashMap<>();
    operations(ours).forEach((key, operation) -> {
      String id = operation.path("operationId").asText();
      if (READ_ONLY_POSTS.contains(id)) {
        expected.put(pointerOf(key) + "/x-mcp", id);
      }
    });
    assertThat(expected).as("operations that should be read-only").hasSize(READ_ONLY_POSTS.size());
    assertThat(hints.keySet()).as("where x-mcp appears").containsExactlyInAnyOrderElementsOf(expected.keySet());
    hints.values().forEach(hint -> assertThat(hint).isEqualTo(JSON.createObjectNode().put("readOnlyHint", true)));
  }

  // ---- corrections of npm's spec (users hit them in npm's issues #282, #249, #342 and #202) ----

  @Test
  void postPageChildrenAreBlocksAndIconAndCoverAreObjects() {
    JsonNode body = body("POST /v1/pages post-page");
    // npm: children items {"type": "string"}; icon and cover {"type": "string", "format": "json"}.
    assertThat(body.at("/properties/children/items/$ref").asText()).isEqualTo("#/components/schemas/block");
    assertThat(nullableRef(body.at("/properties/icon"))).isEqualTo("#/components/schemas/icon");
    assertThat(nullableRef(body.at("/properties/cover"))).isEqualTo("#/components/schemas/cover");
    assertThat(schema("icon").path("type").asText()).isEqualTo("object");
    assertThat(textValues(body.path("required"))).as("a page needs only a parent").containsExactly("parent");
  }

  @Test
  void blocksTakeEveryCreatableTypeAndOptionalObjectAndType() {
    JsonNode block = schema("block").path("properties");
    // npm: only paragraph and bulleted_list_item, and `object` refused by additionalProperties false.
    assertThat(fieldNames(block)).contains("object", "type").containsAll(CREATABLE_BLOCKS);
    assertThat(block.path("object").path("const").asText()).isEqualTo("block");
    assertThat(schema("block").has("required")).isFalse();
    assertThat(schema("text").path("properties").has("children")).as("nested children").isTrue();
  }

  @Test
  void updateABlockTakesTheTypeKeyAtTheBodyRoot() {
    JsonNode properties = body("PATCH /v1/blocks/{block_id} update-a-block").path("properties");
    // npm: {"type": {"type": "object"}} with the block payload nested under it, a body Notion refuses.
    assertThat(properties.path("type").path("type").asText()).isEqualTo("string");
    assertThat(fieldNames(properties)).contains("in_trash", "archived", "paragraph", "to_do", "heading_1", "code",
        "image", "callout", "table_row", "synced_block");
  }

  @Test
  void commentsGoOnAPageABlockOrADiscussion() {
    JsonNode body = body("POST /v1/comments create-a-comment");
    // npm: parent required, with page_id only.
    assertThat(body.at("/properties/discussion_id/type").asText()).isEqualTo("string");
    assertThat(textValues(body.path("required"))).containsExactly("rich_text");
    assertThat(requiredAlternatives(schema("parent"))).contains("page_id", "block_id");
  }

  @Test
  void parentsOfEveryKind() {
    // npm: page_id, or database_id under the name of a data source parent, or workspace.
    assertThat(requiredAlternatives(schema("parent")))
        .contains("page_id", "data_source_id", "database_id", "block_id", "workspace");
    for (String key : List.of("POST /v1/pages post-page", "POST /v1/data_sources create-a-data-source",
        "POST /v1/pages/{page_id}/move move-page", "POST /v1/comments create-a-comment")) {
      assertThat(body(key).at("/properties/parent/$ref").asText()).as(key).isEqualTo("#/components/schemas/parent");
    }
  }

  @Test
  void sortsByPropertyOrTimestamp() {
    JsonNode sort = body("POST /v1/data_sources/{data_source_id}/query query-data-source").at("/properties/sorts/items");
    // npm: property required, no timestamp.
    assertThat(fieldNames(sort.path("properties"))).contains("property", "timestamp", "direction");
    assertThat(textValues(sort.path("required"))).containsExactly("direction");
  }

  @Test
  void queryFiltersByEveryPropertyTypeAndCompoundsThem() {
    JsonNode filter = body("POST /v1/data_sources/{data_source_id}/query query-data-source").at("/properties/filter");
    // npm: a bare {"type": "object"}.
    assertThat(fieldNames(filter.path("properties"))).contains("and", "or");
    assertThat(fieldNames(schema("propertyFilter").path("properties"))).contains("property", "timestamp", "title",
        "rich_text", "number", "checkbox", "select", "multi_select", "status", "date", "people", "files", "relation",
        "formula", "rollup", "unique_id", "created_time", "last_edited_time");
  }

  @Test
  void richTextHasAnnotationsMentionsAndEquations() {
    JsonNode item = schema("richText").path("items").path("properties");
    // npm: text only, additionalProperties false.
    assertThat(fieldNames(item)).contains("text", "mention", "equation", "annotations");
    assertThat(fieldNames(item.path("annotations").path("properties")))
        .contains("bold", "italic", "strikethrough", "underline", "code", "color");
  }

  @Test
  void requestSchemasNeverForbidUnknownProperties() {
    // Notion adds fields; a call it accepts must not be refused for one the spec does not list yet.
    List<String> closed = new ArrayList<>();
    walk(ours, "", (pointer, node) -> {
      if (node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").asBoolean()) {
        closed.add(pointer);
      }
    });
    assertThat(closed).isEmpty();
  }

  @Test
  void idsAreNotTypedAsUuids() {
    // Notion also takes IDs without dashes ("d9824bdc84454327be8b5b47500af6ce"), which format uuid does not describe.
    List<String> uuids = new ArrayList<>();
    walk(ours.path("paths"), "/paths", (pointer, node) -> {
      if ("uuid".equals(node.path("format").asText())) {
        uuids.add(pointer);
      }
    });
    assertThat(uuids).isEmpty();
  }

  @Test
  void sendAFileUploadTakesALocalFile() {
    JsonNode form = operations(ours).get("POST /v1/file_uploads/{file_upload_id}/send send-a-file-upload")
        .at("/requestBody/content/multipart~1form-data/schema");
    assertThat(form.at("/properties/file/format").asText()).isEqualTo("binary");
    assertThat(textValues(form.path("required"))).containsExactly("file");
  }

  // ---- our own texts ----------------------------------------------------------------------------

  @Test
  void operationTextsAreOurOwn() {
    Map<String, JsonNode> theirs = operations(reference);
    List<String> problems = new ArrayList<>();
    operations(ours).forEach((key, operation) -> {
      if (operation.path("summary").asText("").isBlank()) {
        problems.add(key + ": empty summary");
      }
      String description = operation.path("description").asText("");
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
    // tools/list must stay small: short summaries, operation texts up to 300 characters, the rest up to 100 -
    // except the list of code languages, which a model needs whole (Notion refuses any other name).
    String languages = "/components/schemas/code/properties/language/description";
    List<String> problems = new ArrayList<>();
    forEachKey(ours, "summary", (pointer, text) -> check(problems, pointer, text, 60));
    forEachKey(ours, "description", (pointer, text) -> {
      boolean wide = pointer.equals("/info/description") || pointer.matches("/paths/[^/]+/[a-z]+/description");
      check(problems, pointer, text, pointer.equals(languages) ? 800 : wide ? 300 : 100);
    });
    assertThat(problems).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** Operations keyed by "METHOD path operationId", in document order. */
  private static Map<String, JsonNode> operations(JsonNode spec) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (METHODS.contains(op.getKey())) {
        String key = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
            + op.getValue().path("operationId").asText();
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

  private static List<JsonNode> parameters(JsonNode spec, JsonNode operation) {
    List<JsonNode> resolved = new ArrayList<>();
    operation.path("parameters").forEach(parameter -> resolved.add(
        parameter.has("$ref") ? spec.at(parameter.get("$ref").asText().substring(1)) : parameter));
    return resolved;
  }

  /** "in:name" of every parameter, in order. */
  private static List<String> parameterNames(JsonNode spec, JsonNode operation) {
    return parameters(spec, operation).stream()
        .map(parameter -> parameter.path("in").asText() + ":" + parameter.path("name").asText()).toList();
  }

  /** The operation's declared Notion-Version default, or null when it declares none. */
  private static String notionVersion(JsonNode spec, JsonNode operation) {
    return parameters(spec, operation).stream()
        .filter(parameter -> parameter.path("name").asText().equals("Notion-Version"))
        .map(parameter -> parameter.at("/schema/default").asText())
        .findFirst().orElse(null);
  }

  private static JsonNode body(String operationKey) {
    JsonNode operation = operations(ours).get(operationKey);
    assertThat(operation).as(operationKey).isNotNull();
    return operation.at("/requestBody/content/application~1json/schema");
  }

  private static Map<String, JsonNode> bodyProperties(JsonNode operation) {
    Map<String, JsonNode> properties = new TreeMap<>();
    operation.path("requestBody").path("content").forEach(media ->
        media.path("schema").path("properties").properties()
            .forEach(field -> properties.put(field.getKey(), field.getValue())));
    return properties;
  }

  private static JsonNode schema(String name) {
    JsonNode schema = ours.at("/components/schemas/" + name);
    assertThat(schema.isMissingNode()).as("component schema %s", name).isFalse();
    return schema;
  }

  /** The component a {@code {"anyOf": [{"$ref": ...}, {"type": "null"}]}} refers to. */
  private static String nullableRef(JsonNode schema) {
    assertThat(schema.at("/anyOf/1/type").asText()).as("null is accepted, to remove it").isEqualTo("null");
    return schema.at("/anyOf/0/$ref").asText();
  }

  /** The property names of {@code anyOf: [{"required": [name]}, ...]}. */
  private static List<String> requiredAlternatives(JsonNode schema) {
    List<String> names = new ArrayList<>();
    schema.path("anyOf").forEach(alternative -> alternative.path("required").forEach(name -> names.add(name.asText())));
    return names;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> textValues(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  /** Calls back with the pointer and value of every {@code key} that is a keyword, not a property name. */
  private static void forEachKey(JsonNode spec, String key, BiConsumer<String, JsonNode> action) {
    walkKeys(spec, "", false, key, action);
  }

  private static void walkKeys(JsonNode node, String pointer, boolean propertyMap, String key,
      BiConsumer<String, JsonNode> action) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        String at = pointer + "/" + escape(field.getKey());
        if (!propertyMap && field.getKey().equals(key) && (key.equals("x-mcp") || field.getValue().isTextual())) {
          action.accept(at, field.getValue());
        }
        walkKeys(field.getValue(), at, !propertyMap && field.getKey().equals("properties"), key, action);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walkKeys(node.get(i), pointer + "/" + i, false, key, action);
      }
    }
  }

  /** Calls back with every object node and its pointer. */
  private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> action) {
    if (node.isObject()) {
      action.accept(pointer, node);
      node.properties().forEach(field -> walk(field.getValue(), pointer + "/" + escape(field.getKey()), action));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, action);
      }
    }
  }

  private static void check(List<String> problems, String pointer, JsonNode text, int limit) {
    if (text.asText().length() > limit) {
      problems.add(pointer + " has " + text.asText().length() + " characters (limit " + limit + ")");
    }
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
