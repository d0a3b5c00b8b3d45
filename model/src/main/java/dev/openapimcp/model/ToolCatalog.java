package dev.openapimcp.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything a generated server knows about its API: identity, where the API lives and its tools.
 *
 * @param serverName name reported in the MCP {@code initialize} answer
 * @param serverVersion version reported in the MCP {@code initialize} answer
 * @param baseUrl the API's base URL from the spec ({@code BASE_URL} overrides it at run time)
 * @param tokenVariable environment variable holding a bearer token (such as {@code NOTION_TOKEN}),
 *     used when {@code OPENAPI_MCP_HEADERS} is not set; may be {@code null}
 * @param tools the tools, in a stable order
 * @param credentials the API's security schemes that tools may require (see
 *     {@link HttpBinding#security()})
 */
public record ToolCatalog(
    String serverName, String serverVersion, String baseUrl, String tokenVariable, List<ToolDefinition> tools,
    List<Credential> credentials) {

  public ToolCatalog {
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(baseUrl, "baseUrl");
    tools = List.copyOf(tools);
    credentials = credentials == null ? List.of() : List.copyOf(credentials);
  }

  /** A catalog whose tools need no credentials beyond the headers the environment gives. */
  public ToolCatalog(
      String serverName, String serverVersion, String baseUrl, String tokenVariable, List<ToolDefinition> tools) {
    this(serverName, serverVersion, baseUrl, tokenVariable, tools, List.of());
  }
}
