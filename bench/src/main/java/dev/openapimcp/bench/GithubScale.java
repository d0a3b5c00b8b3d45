package dev.openapimcp.bench;

import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.model.ToolMode;
import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * GitHub's REST description (npm {@code @octokit/openapi}, {@code generated/api.github.com.json})
 * through the whole pipeline: generate (in a child JVM with {@code -Xmx2g}), compile the sources
 * with plain {@code javac} against the runtime and its dependencies, start the server and list its
 * tools over stdio; with {@code --cli-launcher}, also two starts of {@code openapi-mcp serve} on the
 * spec (no build: the first converts it, the second reads the cached catalog). Prints a Markdown table.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.openapimcp.bench.GithubScale \
 *   --spec .../api.github.com.json --classpath examples/notion/target/notion-mcp-server.jar \
 *   [--cli-launcher cli/target/openapi-mcp/openapi-mcp] [--work-dir bench/target/github-scale] [--heap 2g]
 *   [--out results.md]
 * </pre>
 *
 * <p>The {@code --classpath} is what the generated code compiles and runs against: the Notion
 * example's shaded jar is exactly the runtime, its dependencies and slf4j-simple (plus the Notion
 * classes, which do not interfere).
 */
public final class GithubScale {

  static final String PACKAGE = "dev.openapimcp.bench.github";

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.parse(args, Map.of(), null);
    if (options.containsKey("--generate-only")) {
      generateHere(options);
      return;
    }
    String report = report("GitHub REST API at scale", new GithubScale().run(options));
    BenchArgs.report(options, report);
  }

  /** Child JVM: generates and prints {@code key=value} lines about time and memory. */
  private static void generateHere(Map<String, String> options) throws Exception {
    Path out = Path.of(options.get("--out-dir"));
    String apiName = options.getOrDefault("--api-name", "GitHub");
    long started = System.nanoTime();
    GenerationResult result =
        GenerationTool.generate(
            GeneratorConfig.builder(options.get("--spec")).packageName(options.getOrDefault("--package", PACKAGE))
                .outputDirectory(out).apiName(apiName).serverName(apiName.toLowerCase(Locale.ROOT) + "-mcp-server")
                // Every tool: the list of all of them is what is measured (auto would pick discovery mode).
                .toolMode(ToolMode.valueOf(options.getOrDefault("--tools", "all").toUpperCase(Locale.ROOT)))
                .build());
    long nanos = System.nanoTime() - started;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    long gcMillis = 0;
    long gcCount = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, gc.getCollectionTime());
      gcCount += Math.max(0, gc.getCollectionCount());
    }
    System.out.println("tools=" + result.toolCount());
    System.out.println("files=" + result.files().size());
    System.out.println("server=" + result.serverClass());
    System.out.println("generateMillis=" + TimeUnit.NANOSECONDS.toMillis(nanos));
    System.out.println("jvmUptimeMillis=" + ManagementFactory.getRuntimeMXBean().getUptime());
    System.out.println("peakHeapBytes=" + peakHeap);
    System.out.println("maxHeapBytes=" + Runtime.getRuntime().maxMemory());
    System.out.println("gcMillis=" + gcMillis);
    System.out.println("gcCount=" + gcCount);
    System.out.println("vmHwmKib=" + vmHwm());
  }

  /**
   * Generates, compiles and starts the spec's server; the figures by row. Options beyond those of
   * {@link #main}: {@code --api-name}, {@code --package}, {@code --tools auto|all|dynamic} (a server
   * not generated with {@code all} is not asked for every tool).
   */
  Map<String, String> run(Map<String, String> options) throws Exception {
    Path spec = Path.of(require(options, "--spec")).toAbsolutePath();
    String classpath = require(options, "--classpath");
    Path work = Path.of(options.getOrDefault("--work-dir", "bench/target/github-scale")).toAbsolutePath();
    String heap = options.getOrDefault("--heap", "2g");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
    deleteTree(work);
    Path sources = work.resolve("src");
    Path classes = work.resolve("classes");
    Files.createDirectories(sources);
    Files.createDirectories(classes);
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("spec", spec.getFileName() + String.format(Locale.ROOT, " (%.1f MB, %s)", Files.size(spec) / 1e6,
        operations(spec)));

    // 1. generate, in a JVM of its own so heap figures are the generator's alone
    String ownClasspath = System.getProperty("java.class.path");
    String tools = options.getOrDefault("--tools", "all");
    List<String> generate = List.of(java, "-Xmx" + heap, "-cp", ownClasspath, GithubScale.class.getName(),
        "--generate-only", "", "--spec", spec.toString(), "--out-dir", sources.toString(),
        "--api-name", options.getOrDefault("--api-name", "GitHub"), "--package", options.getOrDefault("--package",
            PACKAGE), "--tools", tools);
    long started = System.nanoTime();
    Result generated = exec(generate, work.resolve("generate.log"), 600);
    double generateWall = (System.nanoTime() - started) / 1e6;
    if (generated.exit != 0) {
      rows.put("generate", "**failed** (exit " + generated.exit + "), see " + work.resolve("generate.log"));
      System.err.println("generation output (last lines):\n" + tail(generated.output, 40));
      return rows;
    }
    Map<String, String> figures = keyValues(generated.output);
    rows.put("tools", figures.get("tools"));
    rows.put("generate: `GenerationTool.generate` time (ms)", figures.get("generateMillis"));
    rows.put("generate: whole JVM, spawn → exit (ms)", String.format(Locale.ROOT, "%.0f", generateWall));
    rows.put("generate: peak heap used (MiB), limit -Xmx" + heap,
        mibOf(figures.get("peakHeapBytes")) + String.format(Locale.ROOT, " (GC: %s collections, %s ms)",
            figures.get("gcCount"), figures.get("gcMillis")));
    rows.put("generate: peak resident memory VmHWM (MiB)", kibToMib(figures.get("vmHwmKib")));
    long[] size = sourceSize(sources);
    rows.put("generated sources", String.format(Locale.ROOT, "%d files, %.1f MB, %,d lines", size[0], size[1] / 1e6,
        size[2]));

    // 2. compile with plain javac
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    List<String> compile = new ArrayList<>(List.of(javac, "-J-Xmx" + heap, "--release", "17", "-nowarn",
        "-encoding", "UTF-8", "-cp", classpath, "-d", classes.toString()));
    files.forEach(f -> compile.add(f.toString()));
    started = System.nanoTime();
    Result compiled = exec(compile, work.resolve("javac.log"), 900);
    double compileWall = (System.nanoTime() - started) / 1e6;
    if (compiled.exit != 0) {
      rows.put("compile (javac)", "**failed** (exit " + compiled.exit + "), see " + work.resolve("javac.log"));
      System.err.println("javac output (first lines):\n" + head(compiled.output, 40));
      return rows;
    }
    rows.put("compile: javac wall time (ms)", String.format(Locale.ROOT, "%.0f", compileWall));
    long[] classSize = sourceSize(classes);
    rows.put("compiled classes", String.format(Locale.ROOT, "%d files, %.1f MB", classSize[0], classSize[1] / 1e6));

    String runClasspath = classes + File.pathSeparator + classpath;
    List<String> server = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-Xlog:disable", "-Xlog:all=warning:stderr", "-cp", runClasspath, figures.get("server"));
    Map<String, String> environment = new HashMap<>();
    environment.put("BASE_URL", "http://127.0.0.1:9");
    if (tools.equals("all")) {
      listEveryTool(server, environment, work, rows);
    }
    // 4. discovery mode: three tools whatever the API's size
    List<String> dynamic = new ArrayList<>(server);
    dynamic.addAll(List.of("--tools", "dynamic"));
    try (StdioServer process = StdioServer.start(dynamic, environment, work.resolve("server-dynamic.stderr.log"))) {
      process.initialize();
      double initialized = process.sinceSpawn() / 1e6;
      String answer = process.request("tools/list", "{}");
      int bytes = answer.getBytes(StandardCharsets.UTF_8).length;
      String search = process.callTool("search_operations", "{\"query\":\"pull request review\"}");
      if (!tools.equals("all")) {
        rows.put("start with `--tools dynamic`: spawn → `initialize` answer (ms), plain JVM, no archive",
            String.format(Locale.ROOT, "%.0f", initialized));
      }
      rows.put("`tools/list` with `--tools dynamic`", String.format(Locale.ROOT,
          "%d tools, %,d bytes (≈ %,d tokens); a `search_operations` answer: %,d bytes",
          count(answer, "\"inputSchema\""), bytes, bytes / 4, search.getBytes(StandardCharsets.UTF_8).length));
    }
    // 5. openapi-mcp serve, no build, through its launcher: the first start converts the spec, the next
    // reads the catalog the first cached
    if (options.containsKey("--cli-launcher")) {
      serveStarts(options.get("--cli-launcher"), spec, heap, work, rows);
    }
    return rows;
  }

  /** 5. two starts of {@code openapi-mcp serve} on the spec, one cache */
  private static void serveStarts(String launcher, Path spec, String heap, Path work, Map<String, String> rows)
      throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("BASE_URL", "http://127.0.0.1:9");
    environment.put("OPENAPI_MCP_JAVA_OPTS", "-Xmx" + heap);
    environment.put("OPENAPI_MCP_CACHE", work.resolve("serve-cache").toString());
    List<String> command = List.of(launcher, "serve", "--spec", spec.toString());
    double[] initialized = new double[2];
    for (int start = 0; start < 2; start++) {
      try (StdioServer process = StdioServer.start(command, environment, work.resolve("serve.stderr.log"))) {
        process.initialize();
        initialized[start] = process.sinceSpawn() / 1e6;
        // Time to finish writing the catalog into the cache before the server is stopped.
        process.close(120);
      }
    }
    rows.put("`openapi-mcp serve` (launcher, -Xmx" + heap + "), first start: spawn → `initialize` answer (ms)",
        String.format(Locale.ROOT, "%.0f", initialized[0]));
    rows.put("`openapi-mcp serve`, later start (catalog from the cache): spawn → `initialize` answer (ms)",
        String.format(Locale.ROOT, "%.0f", initialized[1]));
  }

  /** 3. start the server and list the tools, a few times */
  private static void listEveryTool(List<String> server, Map<String, String> environment, Path work,
      Map<String, String> rows) throws Exception {
    environment.put("GITHUB_TOKEN", "bench");
    List<Double> initialize = new ArrayList<>();
    List<Double> list = new ArrayList<>();
    int listBytes = 0;
    int listTools = 0;
    long rss = -1;
    for (int run = 0; run < 5; run++) {
      try (StdioServer process = StdioServer.start(server, environment, work.resolve("server.stderr.log"))) {
        process.initialize();
        initialize.add(process.sinceSpawn() / 1e6);
        String answer = process.request("tools/list", "{}");
        list.add(process.sinceSpawn() / 1e6);
        listBytes = answer.getBytes(StandardCharsets.UTF_8).length;
        listTools = count(answer, "\"inputSchema\"");
        rss = process.memoryKib()[0];
        if (run == 0) {
          Files.writeString(work.resolve("tools-list.json"), answer, StandardCharsets.UTF_8);
        }
      }
    }
    rows.put("start: spawn → `initialize` answer, median of 5 (ms), plain JVM, no archive",
        String.format(Locale.ROOT, "%.0f", Stats.median(initialize)));
    rows.put("start: spawn → `tools/list` answer (ms)", String.format(Locale.ROOT, "%.0f", Stats.median(list)));
    rows.put("`tools/list`", String.format(Locale.ROOT, "%,d tools, %,d bytes (%.1f MB, ≈ %,d tokens)", listTools,
        listBytes, listBytes / 1e6, listBytes / 4));
    rows.put("server VmRSS after `tools/list` (MiB)", String.format(Locale.ROOT, "%.1f", rss / 1024.0));
  }

  // ---------------------------------------------------------------- helpers

  private record Result(int exit, String output) {}

  private static Result exec(List<String> command, Path log, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static Map<String, String> keyValues(String output) {
    Map<String, String> values = new HashMap<>();
    for (String line : output.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("[A-Za-z]+")) {
        values.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    return values;
  }

  private static String operations(Path spec) {
    // Cheap count without parsing: every operation has exactly one operationId.
    try {
      String text = Files.readString(spec, StandardCharsets.UTF_8);
      return count(text, "\"operationId\"") + " operationIds";
    } catch (IOException e) {
      return "?";
    }
  }

  private static int count(String text, String what) {
    int count = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
      count++;
    }
    return count;
  }

  /** Files, bytes, lines. */
  private static long[] sourceSize(Path dir) throws IOException {
    long[] size = new long[3];
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        size[0]++;
        size[1] += Files.size(file);
        if (file.toString().endsWith(".java")) {
          try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            size[2] += lines.count();
          }
        }
      }
    }
    return size;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static long vmHwm() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  private static String mibOf(String bytes) {
    return bytes == null ? "n/a" : String.format(Locale.ROOT, "%.0f", Long.parseLong(bytes) / 1048576.0);
  }

  private static String kibToMib(String kib) {
    return kib == null || kib.startsWith("-") ? "n/a" : String.format(Locale.ROOT, "%.0f", Long.parseLong(kib) / 1024.0);
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }

  private static String head(String text, int lines) {
    String[] all = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(all, 0, Math.min(all.length, lines)));
  }

  static String report(String title, Map<String, String> rows) {
    StringBuilder out = new StringBuilder("## " + title + "\n\n| step | result |\n| --- | --- |\n");
    rows.forEach((key, value) -> out.append("| ").append(key).append(" | ").append(value).append(" |\n"));
    out.append('\n');
    return out.toString();
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
