package dev.openapimcp.generator;

import java.nio.file.Path;
import java.util.List;

/**
 * What one generation run produced.
 *
 * @param files every file written, sorted
 * @param toolCount number of tools generated
 * @param serverClass fully qualified name of the generated main class
 */
public record GenerationResult(List<Path> files, int toolCount, String serverClass) {

  public GenerationResult {
    files = List.copyOf(files);
  }
}
