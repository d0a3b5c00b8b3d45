package dev.openapimcp.testing;

import dev.openapimcp.model.Argument;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import java.util.List;

/**
 * A small API whose GET operations fit MCP resources: {@code getMe} has no arguments (a resource),
 * {@code getUser} only a path parameter besides an optional query one (a resource template); {@code
 * listUsers} needs a query parameter, {@code getTeam}'s path parameter has a hyphen RFC 6570 cannot
 * spell and {@code deleteUser} is no GET, so those three are tools only. {@link #SPEC} is the spec,
 * {@link #catalog()} the catalog the generator makes of it with resources on (the generator's tests
 * hold the two together), for the runtime's tests.
 */
public final class DirectoryApi {

  /** The spec, OpenAPI 3.0 YAML. */
  public static final String SPEC = """
      openapi: 3.0.3
      info: {title: Directory, version: '1.0.0'}
      servers: [{url: 'https://api.directory.example/v1'}]
      paths:
        /users/me:
          get:
            operationId: getMe
            summary: The user whose token this is
            responses:
              '200': {description: OK, content: {application/json: {schema: {type: object}}}}
        /users/{user_id}:
          parameters: [{name: user_id, in: path, required: true, schema: {type: string}}]
          get:
            operationId: getUser
            summary: One user
            parameters: [{name: expand, in: query, schema: {type: boolean}}]
            responses:
              '200': {description: OK, content: {application/json: {schema: {type: object}}}}
              '404': {description: No such user}
          delete:
            operationId: deleteUser
            responses: {'204': {description: Deleted}}
        /users:
          get:
            operationId: listUsers
            parameters: [{name: team, in: query, required: true, schema: {type: string}}]
            responses: {'200': {description: OK, content: {application/json: {schema: {type: array}}}}}
        /teams/{team-id}:
          get:
            operationId: getTeam
            parameters: [{name: team-id, in: path, required: true, schema: {type: string}}]
            responses: {'200': {description: OK, content: {text/plain: {schema: {type: string}}}}}
      """;

  /** The URI of {@code getMe}'s resource. */
  public static final String ME = "directory://api.directory.example/v1/users/me";

  /** The URI template of {@code getUser}'s resources. */
  public static final String USER = "directory://api.directory.example/v1/users/{user_id}";

  private DirectoryApi() {}

  /** The tools that matter here, with their resources; its base URL is a dead port (tests set {@code BASE_URL}). */
  public static ToolCatalog catalog() {
    return new ToolCatalog("directory-mcp-server", "1.0.0", "http://127.0.0.1:9/v1", "DIRECTORY_TOKEN", List.of(
        ToolDefinition.builder("getMe")
            .title("The user whose token this is")
            .description("The user whose token this is")
            .hints(ToolHints.readOnly())
            .inputSchema("{\"type\":\"object\",\"properties\":{}}")
            .http(HttpBinding.of("GET", "/users/me").build())
            .resource(ME, "application/json")
            .build(),
        ToolDefinition.builder("getUser")
            .title("One user")
            .description("One user")
            .hints(ToolHints.readOnly())
            .inputSchema("{\"type\":\"object\",\"properties\":{\"user_id\":{\"type\":\"string\"},"
                + "\"expand\":{\"type\":\"boolean\"}},\"required\":[\"user_id\"]}")
            .http(HttpBinding.of("GET", "/users/{user_id}").argument(Argument.path("user_id"))
                .argument(Argument.query("expand")).build())
            .resource(USER, "application/json")
            .build(),
        ToolDefinition.builder("deleteUser")
            .description("DELETE /users/{user_id}")
            .hints(ToolHints.destructive())
            .inputSchema("{\"type\":\"object\",\"properties\":{\"user_id\":{\"type\":\"string\"}},"
                + "\"required\":[\"user_id\"]}")
            .http(HttpBinding.of("DELETE", "/users/{user_id}").argument(Argument.path("user_id")).build())
            .build()));
  }
}
