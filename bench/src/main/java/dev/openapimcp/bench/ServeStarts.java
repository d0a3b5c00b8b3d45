package dev.openapimcp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code openapi-mcp serve} (no build) against npm {@code @ivotoby/openapi-mcp-server} on one spec, in
 * one run: spawn → {@code initialize} answer, spawn → {@code tools/list} answer and resident memory
 * after it, for our first starts (empty catalog cache), our later starts (cached catalog) and theirs,
 * each the median of {@code --runs} rounds that take turns.
 * Ours starts through the launcher the build writes ({@code cli/target/openapi-mcp/openapi-mcp}: C1
 * only, serial GC, the class-data archive of its training run); plain {@code java -jar} of the
 * shaded jar is measured beside it for reference. Prints a Markdown table.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.openapimcp.bench.ServeStarts --spec .../api.github.com.json \
 *   --cli-jar cli/target/openapi-mcp.jar --cli-launcher cli/target/openapi-mcp/openapi-mcp \
 *   --ivotoby .../bin/mcp-server.js [--runs 5] [--work-dir DIR] [--out FILE]
 * </pre>
 */
public final class ServeStarts {

  private record Start(double initializeMillis, double listMillis, double rssMib, int tools) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.parse(args, Map.of(), "--spec SPEC, --cli-jar JAR, --cli-launcher"
        + " LAUNCHER and --ivotoby CLI are required", "--spec", "--cli-jar", "--cli-launcher", "--ivotoby");
    Path spec = Path.of(options.get("--spec"));
    Path work = Path.of(options.getOrDefault("--work-dir", "bench/target/serve-starts"));
    int runs = Integer.parseInt(options.getOrDefault("--runs", "5"));
    Path cache = work.resolve("cache");
    GithubScale.deleteTree(cache);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> serve = List.of("serve", "--spec", spec.toString(), "--tools", "all");
    List<String> ours = new ArrayList<>(List.of(options.get("--cli-launcher")));
    ours.addAll(serve);
    List<String> plain = new ArrayList<>(List.of(java, "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar",
        options.get("--cli-jar")));
    plain.addAll(serve);
    List<String> theirs = List.of("node", options.get("--ivotoby"), "--transport", "stdio", "--api-base-url",
        "http://127.0.0.1:9", "--openapi-spec", spec.toString(), "--tools", "all");
    Map<String, String> environment = new HashMap<>();
    environment.put("BASE_URL", "http://127.0.0.1:9");
    environment.put("OPENAPI_MCP_CACHE", cache.toString());
    // The shaded jar is another generator build, so its catalogs have keys of their own: a cache of its own,
    // filled by its first start, keeps its later starts later starts while the launcher's is emptied.
    Path plainCache = work.resolve("cache-plain");
    GithubScale.deleteTree(plainCache);
    Map<String, String> plainEnvironment = new HashMap<>(environment);
    plainEnvironment.put("OPENAPI_MCP_CACHE", plainCache.toString());
    Start firstPlain = start(plain, plainEnvironment, work.resolve("ours.stderr.log"));

    List<Start> firsts = new ArrayList<>();
    List<Start> cached = new ArrayList<>();
    List<Start> cachedPlain = new ArrayList<>();
    List<Start> ivotoby = new ArrayList<>();
    // Interleaved, so a noisy moment hits all four; each round starts with no cache (nor hashes) at all.
    for (int run = 0; run < runs; run++) {
      GithubScale.deleteTree(cache);
      firsts.add(start(ours, environment, work.resolve("ours.stderr.log")));
      cached.add(start(ours, environment, work.resolve("ours.stderr.log")));
      cachedPlain.add(start(plain, plainEnvironment, work.resolve("ours.stderr.log")));
      ivotoby.add(start(theirs, environment, work.resolve("ivotoby.stderr.log")));
    }
    Start first = median(firsts);
    Start second = median(cached);
    Start secondPlain = median(cachedPlain);
    Start node = median(ivotoby);
    GithubScale.deleteTree(cache);
    GithubScale.deleteTree(plainCache);

    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("tools listed (ours / ivotoby)", first.tools() + " / " + node.tools());
    rows.put("first start (no cached catalog), median of " + runs + ": `initialize` ms, ratio",
        row(first.initializeMillis(), node.initializeMillis()));
    rows.put("later start (cached catalog), median of " + runs + ": `initialize` ms, ratio",
        row(second.initializeMillis(), node.initializeMillis()));
    rows.put("ivotoby, median of " + runs + ": `initialize` ms", fmt(node.initializeMillis()));
    rows.put("plain `java -jar openapi-mcp.jar`: first start, later start (median): `initialize` ms, ratios",
        row(firstPlain.initializeMillis(), node.initializeMillis()) + "; "
            + row(secondPlain.initializeMillis(), node.initializeMillis()));
    rows.put("later start: `tools/list` answered, ms (ivotoby)",
        row(second.listMillis(), node.listMillis()) + " (" + fmt(node.listMillis()) + ")");
    rows.put("RSS after `tools/list`, MiB: first / later (ivotoby), ratio of later",
        fmt(first.rssMib()) + " / " + row(second.rssMib(), node.rssMib()) + " (" + fmt(node.rssMib()) + ")");
    StringBuilder out = new StringBuilder("## `serve` without a build vs @ivotoby/openapi-mcp-server\n\n");
    out.append("Spec: ").append(spec.getFileName()).append(" (").append(Files.size(spec) / 1_000_000)
        .append(" MB). Ratios: ours / ivotoby, lower is better. Load average (1, 5, 15 min) at the end: ")
        .append(SideBySide.loadAverage()).append(".\n\n| measure | result |\n| --- | --- |\n");
    rows.forEach((key, value) -> out.append("| ").append(key).append(" | ").append(value).append(" |\n"));
    BenchArgs.report(options, out);
  }

  private static Start start(List<String> command, Map<String, String> environment, Path log) throws Exception {
    try (StdioServer process = StdioServer.start(command, environment, log)) {
      process.initialize();
      double initialize = process.sinceSpawn() / 1e6;
      String answer = process.request("tools/list", "{}");
      double list = process.sinceSpawn() / 1e6;
      int tools = answer.split("\"inputSchema\"", -1).length - 1;
      return new Start(initialize, list, process.memoryKib()[0] / 1024.0, tools);
    }
  }

  private static Start median(List<Start> starts) {
    return new Start(Stats.median(starts.stream().map(Start::initializeMillis).toList()),
        Stats.median(starts.stream().map(Start::listMillis).toList()),
        Stats.median(starts.stream().map(Start::rssMib).toList()), starts.get(0).tools());
  }

  private static String row(double ours, double theirs) {
    return fmt(ours) + ", " + String.format(Locale.ROOT, "%.2f×", ours / theirs);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }
}
