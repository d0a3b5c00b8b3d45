package dev.openapimcp.bench.jmh;

import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Notion tools as the example server serves them, converted from the repository's spec. */
final class NotionCatalog {

  private NotionCatalog() {}

  /**
   * Converts {@code specs/notion-openapi.json}: found from the system property {@code bench.spec},
   * else by walking up from the working directory.
   */
  static ToolCatalog load() throws GenerationException {
    Path spec = spec();
    return GenerationTool.catalog(
        GeneratorConfig.builder(spec.toString()).packageName("dev.openapimcp.bench.notion").toolPrefix("API-")
            .apiName("Notion").serverName("notion-mcp-server").build());
  }

  static ToolDefinition tool(ToolCatalog catalog, String name) {
    return catalog.tools().stream()
        .filter(tool -> tool.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no tool " + name));
  }

  /** Typical arguments a model sends for the tool. */
  static String arguments(String tool) {
    return switch (tool) {
      case "API-retrieve-a-page" -> "{\"page_id\":\"59833787-2cf9-4fdf-8782-e53db20768a5\"}";
      case "API-post-search" ->
          "{\"query\":\"kale\",\"filter\":{\"property\":\"object\",\"value\":\"page\"},"
              + "\"sort\":{\"direction\":\"descending\",\"timestamp\":\"last_edited_time\"},\"page_size\":10}";
      case "API-patch-block-children" -> {
        StringBuilder children = new StringBuilder();
        for (int i = 0; i < 5; i++) {
          children.append(i == 0 ? "" : ",")
              .append("{\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{\"type\":\"text\",\"text\":")
              .append("{\"content\":\"Paragraph ").append(i).append(" of the benchmark block\"}}]}}");
        }
        yield "{\"block_id\":\"59833787-2cf9-4fdf-8782-e53db20768a5\",\"children\":[" + children + "]}";
      }
      default -> throw new IllegalArgumentException("no arguments for " + tool);
    };
  }

  private static Path spec() {
    String property = System.getProperty("bench.spec");
    if (property != null) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("specs/notion-openapi.json");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("specs/notion-openapi.json not found; pass -Dbench.spec=PATH");
  }
}
