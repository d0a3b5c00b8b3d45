package dev.openapimcp.runtime.testing;

import dev.openapimcp.runtime.server.ServerCommand;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import java.util.List;

/**
 * A server whose tools use every kind of credential, one tool per kind, with a {@code [} in some
 * static paths (which once made the URL fail to build, quoting it with its API key); for tests that
 * look for secrets in everything a server prints or answers.
 */
public final class SecretServerMain {

  /** The variables of the credentials, by scheme. */
  public static final String BEARER = "SECRET_API_BEARER";
  public static final String USERNAME = "SECRET_API_USERNAME";
  public static final String PASSWORD = "SECRET_API_PASSWORD";
  public static final String HEADER_KEY = "SECRET_API_HEADER_KEY";
  public static final String QUERY_KEY = "SECRET_API_QUERY_KEY";
  public static final String COOKIE_KEY = "SECRET_API_COOKIE_KEY";

  /** The tools, by the scheme they require; {@code open} requires none. */
  public static final List<String> TOOLS = List.of("bearer", "basic", "header", "query", "cookie", "open");

  private SecretServerMain() {}

  public static ToolCatalog catalog() {
    return new ToolCatalog(
        "secret-api-server",
        "1.0.0",
        "http://127.0.0.1:9/",
        null,
        List.of(
            tool("bearer", "GET", "/v1/bearer[0]/{id}"),
            tool("basic", "GET", "/v1/basic/{id}"),
            tool("header", "DELETE", "/v1/header/{id}"),
            tool("query", "GET", "/v1/query[x]/{id}"),
            tool("cookie", "POST", "/v1/cookie/{id}"),
            tool("open", "GET", "/v1/open/{id}")),
        List.of(
            Credential.bearer("bearer", BEARER),
            Credential.basic("basic", USERNAME, PASSWORD),
            Credential.apiKeyHeader("header", "X-Api-Key", HEADER_KEY),
            Credential.apiKeyQuery("query", "api_key", QUERY_KEY),
            Credential.apiKeyCookie("cookie", "session", COOKIE_KEY)));
  }

  /** {@code method path} taking {@code id} (path) and {@code count} (an integer, in the query). */
  private static ToolDefinition tool(String scheme, String method, String path) {
    HttpBinding.Builder binding = HttpBinding.of(method, path)
        .argument(Argument.path("id"))
        .argument(Argument.query("count"));
    if (!scheme.equals("open")) {
      binding.requires(scheme);
    }
    return ToolDefinition.builder(scheme)
        .description("Calls " + method + " " + path + ".")
        .hints(method.equals("GET") ? ToolHints.readOnly() : ToolHints.writes())
        .inputSchema(
            """
            {"type":"object","properties":{"id":{"type":"string"},"count":{"type":"integer","minimum":1}},\
            "required":["id"],"additionalProperties":false}""")
        .http(binding.build())
        .build();
  }

  public static void main(String[] args) {
    System.exit(ServerCommand.run(catalog(), args));
  }
}
