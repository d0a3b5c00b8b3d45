package dev.openapimcp.generator;

import java.nio.file.Path;
import java.util.List;

/**
 * What one generation run produced.
 *
 * @param files every generated file, sorted
 * @param toolCount number of tools generated
 * @param serverClass fully qualified name of the generated main class
 * @param upToDate whether nothing had changed since the last run, so no file was touched
 */
public record GenerationResult(List<Path> files, int toolCount, String serverClass, boolean upToDate) {

  public GenerationResult {
    files = List.copyOf(files);
  }
}
