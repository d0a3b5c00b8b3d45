package dev.openapimcp.runtime.internal.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownToolsTest {

  private final UnknownTools unknown = new UnknownTools(
      Set.of("API-retrieve-a-page", "API-patch-page", "API-post-page", "API-post-search", "API-get-users"));

  @Test
  void theAnswerNamesTheToolAndAtMostThreeCloseMatchesClosestFirst() {
    assertThat(unknown.answer("API-retreive-a-page"))
        .isEqualTo("Unknown tool: API-retreive-a-page. Did you mean API-retrieve-a-page?");
    assertThat(unknown.answer("retrieve-a-page"))
        .isEqualTo("Unknown tool: retrieve-a-page. Did you mean API-retrieve-a-page?");
    // A name with a letter too many.
    assertThat(unknown.answer("API-post-pages"))
        .isEqualTo("Unknown tool: API-post-pages. Did you mean API-post-page?");
    // Closest first, at most three.
    assertThat(unknown.answer("page"))
        .isEqualTo("Unknown tool: page. Did you mean API-post-page, API-patch-page, API-retrieve-a-page?");
    assertThat(unknown.answer("invalid_tool_name"))
        .isEqualTo("Unknown tool: invalid_tool_name. Ask tools/list for the tools of this server.");
    assertThat(unknown.answer("x".repeat(10_000))).hasSizeLessThan(200).startsWith("Unknown tool: xxx");
  }

  @Test
  void theMapperRedirectsCallsOfUnknownNamesOnlyAndKeepsTheRest() {
    McpJsonMapper mapper = unknown.mapper(McpJsonDefaults.getMapper());
    TypeRef<CallToolRequest> type = new TypeRef<>() {};

    CallToolRequest known = mapper.convertValue(Map.of("name", "API-get-users", "arguments", Map.of("a", 1)), type);
    assertThat(known.name()).isEqualTo("API-get-users");
    assertThat(known.arguments()).isEqualTo(Map.of("a", 1));

    CallToolRequest redirected = mapper.convertValue(Map.of("name", "nope", "arguments", Map.of("a", 1)), type);
    assertThat(redirected.name()).isEqualTo(UnknownTools.TOOL);
    assertThat(redirected.arguments()).isEqualTo(Map.of("name", "nope"));

    assertThat((Object) mapper.convertValue(Map.of("name", "nope"), Map.class)).isEqualTo(Map.of("name", "nope"));
  }

  @Test
  void levenshteinIgnoresCase() {
    assertThat(UnknownTools.distance("Search", "search")).isZero();
    assertThat(UnknownTools.distance("kitten", "sitting")).isEqualTo(3);
  }
}
