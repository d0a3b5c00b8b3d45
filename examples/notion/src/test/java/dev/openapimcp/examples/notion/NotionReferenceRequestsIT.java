package dev.openapimcp.examples.notion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.JacksonNode;
import dev.openapimcp.examples.notion.testing.Headers;
import dev.openapimcp.examples.notion.testing.Json;
import dev.openapimcp.examples.notion.testing.McpSession;
import dev.openapimcp.examples.notion.testing.NotionServer;
import dev.openapimcp.examples.notion.testing.ServerJar;
import dev.openapimcp.examples.notion.testing.SpecFacts;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.RecordedRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request bodies written from Notion's API reference ({@link NotionReferenceRequests}) against the
 * packaged server: each is valid for the tool's published input schema by an independent JSON Schema
 * 2020-12 validator (dev.harrel json-schema; the runtime itself validates with networknt), and each
 * reaches the loopback API exactly as written, with no property dropped, renamed or re-typed.
 */
final class NotionReferenceRequestsIT {

  private static final String TOKEN = "ntn_reference_0123456789abcdef";
  private static final String FILE_UPLOAD_ID = "2e2cdb8b-9897-4a6c-a935-82922b1cfb87";

  /** Every block type the API can create. */
  private static final Set<String> BLOCK_TYPES = Set.of(
      "paragraph", "heading_1", "heading_2", "heading_3", "bulleted_list_item", "numbered_list_item", "to_do",
      "toggle", "quote", "callout", "code", "divider", "equation", "bookmark", "embed", "image", "video", "file",
      "pdf", "audio", "table", "table_row", "column_list", "column", "synced_block", "table_of_contents",
      "breadcrumb", "link_to_page");
  /** Page property types whose values can be written. */
  private static final Set<String> PROPERTY_TYPES = Set.of(
      "title", "rich_text", "number", "select", "multi_select", "status", "date", "people", "files", "checkbox",
      "url", "email", "phone_number", "relation");
  private static final Set<String> PARENT_KINDS = Set.of("page_id", "data_source_id", "database_id", "workspace",
      "block_id");
  private static final Set<String> FILTER_FORMS = Set.of(
      "checkbox", "date", "files", "formula", "multi_select", "number", "people", "relation", "rich_text", "rollup",
      "select", "status", "title", "unique_id", "timestamp", "and", "or");
  private static final Set<String> MENTION_KINDS = Set.of("user", "page", "database", "date", "link_preview",
      "template_mention");

  private static Map<String, Tool> tools;
  private static SpecFacts spec;
  private static final Validator VALIDATOR =
      new ValidatorFactory().withJsonNodeFactory(new JacksonNode.Factory()).createValidator();
  private static final Map<String, URI> SCHEMAS = new HashMap<>();

  // No client-side rate limit: a hundred calls at Notion's 3 per second would only make the test slow.
  @RegisterExtension
  static final NotionServer notion = NotionServer.withToken(TOKEN, "--rate-limit", "0").withUploadRoot();

  private final RecordingUpstream api = notion.api();
  private final McpSession session = notion.session();

  @BeforeAll
  static void listTools() {
    tools = new LinkedHashMap<>();
    notion.session().listTools().forEach(tool -> tools.put(tool.name(), tool));
    spec = SpecFacts.ours();
  }

  static Stream<NotionReferenceRequests.Request> requests() {
    return NotionReferenceRequests.all().stream();
  }

  @Test
  void everyPublishedInputSchemaIsValidJsonSchema2020() {
    for (Tool tool : tools.values()) {
      assertThatCode(() -> schema(tool.name())).as("%s's input schema", tool.name()).doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void isValidForThePublishedSchema(NotionReferenceRequests.Request request) {
    Validator.Result result = VALIDATOR.validate(schema(request.tool()), request.arguments());

    assertThat(result.getErrors())
        .as("%s (%s) against %s's published schema", request.name(), request.reference(), request.tool())
        .extracting(error -> error.getInstanceLocation() + ": " + error.getError())
        .isEmpty();
    assertThat(result.isValid()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void reachesTheApiAsWritten(NotionReferenceRequests.Request request) {
    CallToolResult result = session.call(request.tool(), request.argumentMap());

    assertThat(result.isError()).as("isError of %s: %s", request.name(), McpSession.text(result))
        .isNotEqualTo(Boolean.TRUE);
    RecordedRequest sent = api.onlyRequest();
    assertThat(sent.method()).as("method").isEqualTo(spec.method(request.tool()));
    assertThat(sent.path()).as("raw path").isEqualTo(expandPath(request));
    assertThat(queryPairs(sent.query())).as("query").isEqualTo(expectedQuery(request));
    JsonNode expected = request.expectedBody(spec.pathAndQueryParameters(request.tool()));
    if (expected.isEmpty()) {
      assertThat(sent.bodyText()).as("no body").isEmpty();
    } else {
      assertThat(Json.body(sent.bodyText())).as("JSON body of %s", request.name()).isEqualTo(expected);
      assertThat(Headers.single(sent, "Content-Type")).isEqualTo("application/json");
    }
    assertThat(Headers.single(sent, "Notion-Version")).isEqualTo("2025-09-03");
    assertThat(Headers.single(sent, "Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void theRequestsCoverEveryBlockTypeRichTextFormPropertyValueParentFilterAndSort() {
    List<JsonNode> arguments = NotionReferenceRequests.all().stream()
        .map(NotionReferenceRequests.Request::arguments).collect(Collectors.toList());
    Set<String> blockTypes = new TreeSet<>();
    Set<String> richText = new TreeSet<>();
    Set<String> mentions = new TreeSet<>();
    Set<String> parents = new TreeSet<>();
    Set<String> filters = new TreeSet<>();
    Set<String> sorts = new TreeSet<>();
    for (JsonNode argument : arguments) {
      blockTypes.addAll(itemKeys(argument, "children"));
      richText.addAll(itemKeys(argument, "rich_text"));
      mentions.addAll(valueKeys(argument, "mention"));
      parents.addAll(valueKeys(argument, "parent"));
      filters.addAll(valueKeys(argument, "filter"));
      filters.addAll(itemKeys(argument, "and"));
      filters.addAll(itemKeys(argument, "or"));
      sorts.addAll(itemKeys(argument, "sorts"));
    }
    Set<String> propertyTypes = new TreeSet<>();
    for (NotionReferenceRequests.Request request : NotionReferenceRequests.all()) {
      if (request.tool().equals("API-patch-page") || request.tool().equals("API-post-page")) {
        request.arguments().path("properties")
            .forEach(value -> value.fieldNames().forEachRemaining(propertyTypes::add));
      }
    }
    assertThat(blockTypes).as("block types appended").containsAll(BLOCK_TYPES);
    assertThat(richText).as("rich text forms").contains("text", "mention", "equation", "annotations");
    assertThat(valueKeys(arguments, "text")).as("text with a link").contains("link");
    assertThat(mentions).as("mention kinds").containsAll(MENTION_KINDS);
    assertThat(propertyTypes).as("page property values").containsAll(PROPERTY_TYPES);
    assertThat(parents).as("parent kinds").containsAll(PARENT_KINDS);
    assertThat(filters).as("filter forms").containsAll(FILTER_FORMS);
    assertThat(sorts).as("sort forms").contains("property", "timestamp");
    assertThat(NotionReferenceRequests.all()).extracting(NotionReferenceRequests.Request::tool)
        .as("tools with a reference request")
        .contains("API-patch-block-children", "API-update-a-block", "API-post-page", "API-patch-page",
            "API-create-a-comment", "API-query-data-source", "API-create-a-data-source", "API-update-a-data-source",
            "API-move-page", "API-post-search", "API-create-a-file-upload", "API-complete-a-file-upload",
            "API-retrieve-a-file-upload", "API-list-file-uploads");
  }

  @Test
  void anArgumentOfTheWrongJsonTypeIsAnErrorNamingItAndNothingIsSent() {
    CallToolResult text = session.call("API-patch-block-children",
        Map.of("block_id", "b55c9c91-384d-452b-81db-d1ef79372b75", "children", "text"));
    // A query value of the wrong type is certainly wrong; a body value's type is the API's to judge with the
    // default --validation lenient (NotionValidationIT shows --validation strict refusing it too).
    CallToolResult query = session.call("API-get-block-children",
        Map.of("block_id", "b55c9c91-384d-452b-81db-d1ef79372b75", "page_size", "many"));

    assertThat(text.isError()).isTrue();
    assertThat(McpSession.text(text)).contains("children");
    assertThat(query.isError()).isTrue();
    assertThat(McpSession.text(query)).contains("page_size: expected integer, got string");
    assertThat(api.requests()).as("requests sent").isEmpty();
  }

  @Test
  void sendAFileUploadSendsTheLocalFileAsMultipartFormData() throws IOException {
    byte[] content = "\u0089PNG\r\n\u001a\n not really a picture".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(notion.uploads().resolve("diagram.png"), content);

    CallToolResult result = session.call("API-send-a-file-upload",
        Map.of("file_upload_id", FILE_UPLOAD_ID, "file", "diagram.png", "part_number", "1"));

    assertThat(result.isError()).as("isError: %s", McpSession.text(result)).isNotEqualTo(Boolean.TRUE);
    RecordedRequest sent = api.onlyRequest();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/v1/file_uploads/" + FILE_UPLOAD_ID + "/send");
    assertThat(Headers.single(sent, "Notion-Version")).isEqualTo("2025-09-03");
    String contentType = Headers.single(sent, "Content-Type");
    assertThat(contentType).startsWith("multipart/form-data; boundary=");
    String body = new String(sent.body(), StandardCharsets.ISO_8859_1);
    assertThat(body)
        .contains("Content-Disposition: form-data; name=\"file\"; filename=\"diagram.png\"\r\nContent-Type: image/png")
        .contains(new String(content, StandardCharsets.ISO_8859_1))
        .contains("Content-Disposition: form-data; name=\"part_number\"\r\n\r\n1\r\n");
  }

  // ---- helpers --------------------------------------------------------------------------------------

  /** The registered URI of the tool's published input schema (registering checks it against 2020-12). */
  private static URI schema(String tool) {
    return SCHEMAS.computeIfAbsent(tool, name -> {
      Tool published = tools.get(name);
      assertThat(published).as("tool %s is listed", name).isNotNull();
      return VALIDATOR.registerSchema(Json.tree(published.inputSchema()));
    });
  }

  private static String expandPath(NotionReferenceRequests.Request request) {
    String path = spec.pathTemplate(request.tool());
    for (String name : spec.pathAndQueryParameters(request.tool())) {
      // The IDs of the reference requests need no percent-encoding.
      path = path.replace("{" + name + "}", request.arguments().path(name).asText());
    }
    return path;
  }

  private static Map<String, String> expectedQuery(NotionReferenceRequests.Request request) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : spec.pathAndQueryParameters(request.tool())) {
      if (!spec.pathTemplate(request.tool()).contains("{" + name + "}") && request.arguments().has(name)) {
        query.put(name, request.arguments().get(name).asText());
      }
    }
    return query;
  }

  private static Map<String, String> queryPairs(String query) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        String[] parts = pair.split("=", 2);
        pairs.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
      }
    }
    return pairs;
  }

  /** Field names of every object that is an element of an array held by a field named {@code field}. */
  private static Set<String> itemKeys(JsonNode node, String field) {
    Set<String> keys = new TreeSet<>();
    walk(node, (name, value) -> {
      if (name.equals(field) && value.isArray()) {
        value.forEach(item -> item.fieldNames().forEachRemaining(keys::add));
      }
    });
    return keys;
  }

  /** Field names of every object held by a field named {@code field}. */
  private static Set<String> valueKeys(JsonNode node, String field) {
    Set<String> keys = new TreeSet<>();
    walk(node, (name, value) -> {
      if (name.equals(field) && value.isObject()) {
        value.fieldNames().forEachRemaining(keys::add);
      }
    });
    return keys;
  }

  private static Set<String> valueKeys(List<JsonNode> nodes, String field) {
    Set<String> keys = new TreeSet<>();
    nodes.forEach(node -> keys.addAll(valueKeys(node, field)));
    return keys;
  }

  private static void walk(JsonNode node, BiConsumer<String, JsonNode> visitor) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        visitor.accept(field.getKey(), field.getValue());
        walk(field.getValue(), visitor);
      });
    } else if (node.isArray()) {
      node.forEach(item -> walk(item, visitor));
    }
  }
}
