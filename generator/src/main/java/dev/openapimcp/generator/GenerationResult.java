package dev.openapimcp.generator;

import dev.openapimcp.model.ToolMode;
import java.nio.file.Path;
import java.util.List;

/**
 * What one generation run produced.
 *
 * @param files every generated file, sorted
 * @param toolCount number of tools generated
 * @param serverClass fully qualified name of the generated main class
 * @param upToDate whether nothing had changed since the last run, so no file was touched
 * @param toolMode how the generated server starts: {@link ToolMode#ALL} or {@link
 *     ToolMode#DYNAMIC}, never {@link ToolMode#AUTO}, which is resolved by then
 * @param toolsListBytes the size of the {@code tools/list} result listing every tool (what {@code
 *     --tools all} would serve)
 */
public record GenerationResult(List<Path> files, int toolCount, String serverClass, boolean upToDate,
    ToolMode toolMode, int toolsListBytes) {

  public GenerationResult {
    files = List.copyOf(files);
    if (toolMode == ToolMode.AUTO) {
      throw new IllegalArgumentException("A result has the tool mode the generator chose, not auto");
    }
  }
}
