package dev.openapimcp.generator.internal.model;

import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A spec turned into tools, with what the emitter needs beyond the runtime's catalog.
 *
 * @param apiName short API name ({@code Notion}); class names and the token variable derive from it
 * @param catalog the tools as the runtime serves them
 * @param tools each tool with its source operation, in catalog order
 * @param rateLimit requests per second the API documents ({@code x-mcp: {rateLimit: 3}} at the
 *     spec's root), or 0 for none; the generated server uses it unless {@code --rate-limit} says otherwise
 * @param remarks what conversion had to do about single operations, in document order: operations
 *     left out, arguments made up
 * @param instructions what the server tells clients on {@code initialize} ({@code x-mcp: {instructions:
 *     ...}} at the spec's root), or {@code null} for the runtime's generic text
 * @param notFoundHint what the server adds to the API's 404 answers ({@code x-mcp: {notFoundHint: ...}}),
 *     or {@code null} for nothing
 * @param definitions the definitions the tools' schemas reach, by name, each written once: {@link
 *     ConvertedTool#input()} and {@link ConvertedTool#output()} leave them out
 */
public record ConvertedApi(String apiName, ToolCatalog catalog, List<ConvertedTool> tools, double rateLimit,
    List<Remark> remarks, String instructions, String notFoundHint, SortedMap<String, SchemaParts> definitions) {

  public ConvertedApi {
    tools = List.copyOf(tools);
    definitions = Collections.unmodifiableSortedMap(new TreeMap<>(definitions));
    remarks = List.copyOf(remarks);
    if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
      // Emitted as a Java literal: only a finite number is one.
      throw new IllegalArgumentException("rateLimit must be a finite number >= 0, not " + rateLimit);
    }
  }

  /**
   * One tool and where it came from.
   *
   * @param definition the tool
   * @param operationId the operation's id, or {@code null}
   * @param tag the operation's first tag, or {@code null}
   * @param method HTTP method
   * @param path path template
   * @param input the input schema without the definitions it reaches (the definition's schema is whole)
   * @param output the output schema likewise, or {@code null} when the tool has none
   */
  public record ConvertedTool(ToolDefinition definition, String operationId, String tag, String method, String path,
      SchemaParts input, SchemaParts output) {

    /** The operation's JSON pointer in the spec, such as {@code #/paths/~1pets~1{id}/get}. */
    public String pointer() {
      return SchemaNormalizer.operationPointer(path, method);
    }
  }

  /**
   * What conversion had to do about one operation.
   *
   * @param tool the tool's name (the name it would have had, when it is left out)
   * @param method HTTP method
   * @param path path template
   * @param message one sentence starting with the JSON pointer of the problem (without the file)
   * @param error whether lint reports it as an error (the spec is invalid, such as a path variable
   *     without parameter, or an input schema that is not 2020-12, whose operation is left out)
   *     rather than a warning (an operation left out because something it needs does not resolve)
   */
  public record Remark(String tool, String method, String path, String message, boolean error) {}
}
