package dev.openapimcp.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (specs/) from a test's working directory. */
public final class RepoFiles {

  private RepoFiles() {}

  /** The repository root: the nearest directory upwards that holds {@code specs/notion-openapi.json}. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("specs/notion-openapi.json"))) {
        return dir;
      }
    }
    throw new AssertionError("specs/notion-openapi.json not found above " + Path.of("").toAbsolutePath());
  }

  /** Our Notion spec. */
  public static Path notionSpec() {
    return root().resolve("specs/notion-openapi.json");
  }

  /**
   * The npm server's spec (npm {@code @notionhq/notion-mcp-server} 2.5.2, MIT), vendored under
   * {@code specs/reference/} with its licence.
   */
  public static Path referenceNotionSpec() {
    Path reference = root().resolve("specs/reference/notion-mcp-server-2.5.2/notion-openapi.json");
    if (!Files.isRegularFile(reference)) {
      throw new AssertionError("The reference spec is missing: " + reference);
    }
    return reference;
  }
}
