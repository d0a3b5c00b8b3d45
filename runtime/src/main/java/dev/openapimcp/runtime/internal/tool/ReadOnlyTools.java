package dev.openapimcp.runtime.internal.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools of a server that runs read-only ({@code --read-only}) or not: which it offers, and what a
 * call of one it withholds answers. Only a tool whose {@code readOnlyHint} is true is offered; a
 * withheld one still answers its calls, with an {@code isError} saying why, because an unknown tool
 * is a JSON-RPC error that clients may not show the model.
 *
 * @param allowed the tools offered, in order
 * @param refusals what calling each withheld tool answers, by name
 * @param withRefusingTools the allowed tools and, in their places, the withheld ones answering with
 *     their refusal (to serve unlisted)
 */
public record ReadOnlyTools(
    List<PreparedTool> allowed, Map<String, String> refusals, List<PreparedTool> withRefusingTools) {

  public ReadOnlyTools {
    allowed = List.copyOf(allowed);
    refusals = Map.copyOf(refusals);
    withRefusingTools = List.copyOf(withRefusingTools);
  }

  /** Every tool offered: the server is not read-only. */
  public static ReadOnlyTools all(List<PreparedTool> tools) {
    return new ReadOnlyTools(tools, Map.of(), tools);
  }

  /** Only the tools whose {@code readOnlyHint} is true offered. */
  public static ReadOnlyTools of(List<PreparedTool> tools) {
    List<PreparedTool> allowed = new ArrayList<>();
    Map<String, String> refusals = new LinkedHashMap<>();
    List<PreparedTool> served = new ArrayList<>();
    for (PreparedTool tool : tools) {
      if (tool.tool().annotations() != null && Boolean.TRUE.equals(tool.tool().annotations().readOnlyHint())) {
        allowed.add(tool);
        served.add(tool);
      } else {
        String refusal = tool.tool().name() + " is not available: this server runs read-only (--read-only), so only"
            + " tools that only read can be called; nothing was sent.";
        refusals.put(tool.tool().name(), refusal);
        served.add(new PreparedTool(tool.tool(), (arguments, context) -> ToolResults.failed(refusal)));
      }
    }
    return new ReadOnlyTools(allowed, refusals, served);
  }
}
