package dev.openapimcp.testing;

import dev.openapimcp.model.Argument;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ParameterStyle;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import java.util.List;

/**
 * A small hand-written catalog covering every argument location: path, query (exploded array),
 * header (renamed), cookie, body properties with {@code $ref}s, and an operation without a body.
 * Its base URL points at a port nothing listens on; tests set {@code BASE_URL}.
 */
public final class TestCatalog {

  /** The catalog's token variable. */
  public static final String TOKEN_VARIABLE = "TEST_API_TOKEN";

  /** The fixed header {@code create-item} always sends. */
  public static final String API_VERSION = "2025-09-03";

  private TestCatalog() {}

  public static ToolCatalog catalog() {
    return new ToolCatalog(
        "test-api-server",
        "1.2.3",
        "http://127.0.0.1:9/",
        TOKEN_VARIABLE,
        List.of(getItem(), createItem(), search(), deleteItem()),
        List.of(
            Credential.bearer("bearer", TOKEN_VARIABLE),
            Credential.apiKeyQuery("key", "api_key", "TEST_API_KEY"),
            Credential.basic("login", "TEST_API_USERNAME", "TEST_API_PASSWORD")));
  }

  /** {@code GET /v1/items/{item_id}?expand=&tags=} with header {@code X-Request-Id}. */
  public static ToolDefinition getItem() {
    return ToolDefinition.builder("get-item")
        .title("Get item")
        .description("Reads one item.")
        .hints(ToolHints.readOnly())
        .inputSchema(
            """
            {"type":"object","properties":{\
            "item_id":{"type":"string","description":"Item id"},\
            "expand":{"type":"boolean"},\
            "tags":{"type":"array","items":{"type":"string"}},\
            "request_id":{"type":"string"}},\
            "required":["item_id"],"additionalProperties":false}""")
        .http(
            HttpBinding.of("GET", "/v1/items/{item_id}")
                .argument(Argument.path("item_id"))
                .argument(Argument.query("expand"))
                .argument(Argument.query("tags"))
                .argument(Argument.header("X-Request-Id").as("request_id"))
                .build())
        .build();
  }

  /** {@code POST /v1/items} with a JSON body of {@code parent}, {@code title}, {@code children}. */
  public static ToolDefinition createItem() {
    return ToolDefinition.builder("create-item")
        .title("Create item")
        .description("Creates an item under a parent.")
        .hints(ToolHints.writes())
        .inputSchema(
            """
            {"type":"object","properties":{\
            "parent":{"$ref":"#/$defs/parent"},\
            "title":{"type":"string"},\
            "children":{"type":"array","items":{"$ref":"#/$defs/block"}}},\
            "required":["parent"],"additionalProperties":false,\
            "$defs":{\
            "parent":{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]},\
            "block":{"type":"object","properties":{"type":{"type":"string"},"text":{"type":"string"}},\
            "required":["type"]}}}""")
        .http(
            HttpBinding.of("POST", "/v1/items")
                .argument(Argument.bodyProperty("parent"))
                .argument(Argument.bodyProperty("title"))
                .argument(Argument.bodyProperty("children"))
                .mediaType("application/json")
                .fixedHeader("Api-Version", API_VERSION)
                .build())
        .build();
  }

  /** {@code POST /v1/search?page_size=} with cookie {@code session} and a JSON body. */
  public static ToolDefinition search() {
    return ToolDefinition.builder("search")
        .title("Search")
        .description("Searches items.")
        .hints(ToolHints.writes())
        .inputSchema(
            """
            {"type":"object","properties":{\
            "page_size":{"type":"integer","minimum":1,"maximum":100},\
            "session":{"type":"string"},\
            "query":{"type":"string"},\
            "filter":{"type":"object",\
            "properties":{"property":{"type":"string"},"value":{"type":"string"}},"required":["property"]},\
            "sort":{"anyOf":[\
            {"type":"object","properties":{"direction":{"enum":["ascending","descending"]}}},{"type":"null"}]}}}""")
        .http(
            HttpBinding.of("POST", "/v1/search")
                .argument(Argument.query("page_size"))
                .argument(Argument.cookie("session"))
                .argument(Argument.bodyProperty("query"))
                .argument(Argument.bodyProperty("filter"))
                .argument(Argument.bodyProperty("sort"))
                .mediaType("application/json")
                .build())
        .build();
  }

  /** {@code DELETE /v1/items/{item_id}}: no body. */
  public static ToolDefinition deleteItem() {
    return ToolDefinition.builder("delete-item")
        .title("Delete item")
        .description("Deletes an item.")
        .hints(ToolHints.destructive())
        .inputSchema(
            """
            {"type":"object","properties":{"item_id":{"type":"string"},"mode":{"type":"array","items":{"type":"string"}}},\
            "required":["item_id"]}""")
        .http(
            HttpBinding.of("DELETE", "/v1/items/{item_id}")
                .argument(Argument.path("item_id"))
                .argument(Argument.query("mode").styled(ParameterStyle.PIPE_DELIMITED, false))
                .build())
        .build();
  }
}
