package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code serve} of Notion's spec started by a packaged form of openapi-mcp (the jar, the launcher):
 * one stdio session that lists the tools and calls {@code API-get-self} against a recording API,
 * then closes its input; stdout must hold JSON-RPC only and the exit code be 0.
 */
final class NotionServeSession {

  private NotionServeSession() {}

  /**
   * Runs the session with {@code command} (what starts openapi-mcp, before {@code serve}) and
   * {@code environment} added; returns the server's standard error.
   */
  static String run(List<String> command, Map<String, String> environment, Path dir) throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    try (RecordingUpstream upstream = RecordingUpstream.start().respond(200, "{\"object\":\"user\"}")) {
      List<String> serve = new ArrayList<>(command);
      serve.addAll(List.of("serve", "--spec", RepoFiles.notionSpec().toString(), "--prefix", "API-", "--api-name",
          "Notion", "--base-url", upstream.baseUrl()));
      ProcessBuilder builder = new ProcessBuilder(serve).redirectError(stderr.toFile());
      builder.environment().remove("OPENAPI_MCP_HEADERS");
      builder.environment().remove("BASE_URL");
      builder.environment().put("NOTION_TOKEN", "ntn_test");
      builder.environment().putAll(environment);
      Process process = builder.start();
      try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
        client.initialize();
        assertThat(client.request("tools/list", Map.of()).toString()).contains("API-get-self");
        assertThat(client.callTool("API-get-self", Map.of()).get("isError")).isEqualTo(false);
        assertThat(upstream.onlyRequest().target()).isEqualTo("/v1/users/me");
        assertThat(upstream.onlyRequest().header("Authorization")).isEqualTo("Bearer ntn_test");
        client.endSession(process, Duration.ofSeconds(20));
      } finally {
        process.destroyForcibly();
      }
    }
    String err = Files.readString(stderr);
    assertThat(err).contains("serving 29 tools over stdio").doesNotContain("SLF4J(W)", "Exception");
    return err;
  }
}
