package dev.openapimcp.runtime.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import dev.openapimcp.testing.DirectoryApi;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Which tool a URI reads and with which arguments, and what its result becomes, on handlers that
 * record their calls (the seam every lane serves tools through) and answer as told.
 */
class ToolResourcesTest {

  /** What each handler was called with: the tool's name and its arguments. */
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private CallToolResult answer = CallToolResult.builder().addTextContent("{\"ok\":true}").isError(false).build();

  /** The directory's tools, templates first, so the order of the catalog cannot decide for plain URIs. */
  private ToolResources resources(Set<String> unlisted) {
    List<ToolDefinition> tools = new ArrayList<>(DirectoryApi.catalog().tools());
    Collections.reverse(tools);
    ToolCatalog catalog = new ToolCatalog("directory-mcp-server", "1", "http://127.0.0.1:9", null, tools);
    List<PreparedTool> prepared = tools.stream()
        .map(tool -> new PreparedTool(McpSchema.Tool.builder(tool.name(), Map.of("type", "object")).build(),
            recording(tool.name())))
        .toList();
    return ToolResources.of(catalog, prepared, unlisted);
  }

  private ToolHandler recording(String name) {
    return (arguments, context) -> {
      calls.add(name + " " + arguments);
      return CompletableFuture.completedFuture(answer);
    };
  }

  private ToolResources.Read read(ToolResources resources, String uri) {
    return resources.read(uri, CallContext.NONE).join();
  }

  @Test
  void aPlainUriWinsOverATemplateItAlsoMatches() {
    ToolResources.Read read = read(resources(Set.of()), DirectoryApi.ME);

    assertThat(calls).containsExactly("getMe {}");
    assertThat(read.result().contents()).singleElement().isEqualTo(
        McpSchema.TextResourceContents.builder(DirectoryApi.ME, "{\"ok\":true}").mimeType("application/json").build());
  }

  @Test
  void aTemplatesValuesAreDecodedIntoTheToolsArguments() {
    read(resources(Set.of()), "directory://api.directory.example/v1/users/a%2Fb%20%C3%A9+c");

    assertThat(calls).containsExactly("getUser {user_id=a/b é+c}");
  }

  @Test
  void whatNoResourceHasIsNotFoundAndCallsNothing() {
    ToolResources resources = resources(Set.of());
    for (String uri : List.of("directory://api.directory.example/v1/users/%zz",
        "directory://api.directory.example/v1/users/%C3", "directory://api.directory.example/v1/users/a/b",
        "directory://api.directory.example/v1/users/", "https://api.directory.example/v1/users/me")) {
      assertThat(read(resources, uri).notFound()).as(uri).isTrue();
    }
    assertThat(calls).isEmpty();
  }

  @Test
  void anErrorResultIsAFailureWithItsText() {
    answer = ToolResults.error("404 Not Found: No user u9");

    ToolResources.Read read = read(resources(Set.of()), "directory://api.directory.example/v1/users/u9");

    assertThat(read.notFound()).isFalse();
    assertThat(read.result()).isNull();
    assertThat(read.failure()).isEqualTo("404 Not Found: No user u9");
  }

  @Test
  void binaryAnswersAreBlobsUnderTheUriRead() {
    answer = CallToolResult.builder().addContent(McpSchema.ImageContent.builder("iVBORw0=", "image/png").build())
        .addContent(McpSchema.EmbeddedResource.builder(
            McpSchema.BlobResourceContents.builder("https://api.directory.example/v1/users/me", "JVBE")
                .mimeType("application/pdf").build())
            .build())
        .isError(false).build();

    ToolResources.Read read = read(resources(Set.of()), DirectoryApi.ME);

    assertThat(read.result().contents()).containsExactly(
        McpSchema.BlobResourceContents.builder(DirectoryApi.ME, "iVBORw0=").mimeType("image/png").build(),
        McpSchema.BlobResourceContents.builder(DirectoryApi.ME, "JVBE").mimeType("application/pdf").build());
  }

  @Test
  void toolsWithheldOrWithoutAResourceAreNoResources() {
    ToolResources resources = resources(Set.of("getUser"));

    assertThat(resources.resources()).extracting(McpSchema.Resource::uri).containsExactly(DirectoryApi.ME);
    assertThat(resources.templates()).isEmpty();
    assertThat(read(resources, "directory://api.directory.example/v1/users/u1").notFound()).isTrue();
    assertThat(ToolResources.of(DirectoryApi.catalog(), List.of(), Set.of()).isEmpty()).isTrue();
  }
}
