package dev.openapimcp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Cold starts (spawn → {@code initialize} answered) of a server folder written by the plugin's
 * {@code package-server} goal, through its launcher in the situations it meets, against plain
 * {@code java -jar} in the same run: in its folder with the JVM that trained it (the bundled
 * archive), in a copy of the folder (the archive the JVM wrote into the user cache on the first
 * run, and that first run itself), and on another JDK. Interleaved, medians.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.openapimcp.bench.LauncherStarts \
 *   --folder examples/notion/target/notion-mcp-server --jar examples/notion/target/notion-mcp-server.jar \
 *   [--other-java /usr/lib/jvm/other/bin/java] [--runs 15] [--work-dir DIR] [--out FILE]
 * </pre>
 */
public final class LauncherStarts {

  /**
   * One way of starting the server: a launcher (a one-element command) or a java command line;
   * {@code freshCache}: an empty user cache every time (a first run).
   */
  private record Variant(String name, List<String> command, Map<String, String> environment, boolean freshCache) {}

  private LauncherStarts() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.parse(args, Map.of("--runs", "15", "--work-dir",
        "bench/target/launcher-starts"), "--folder SERVER-FOLDER and --jar RUNNABLE.jar are required", "--folder",
        "--jar");
    Path folder = Path.of(options.get("--folder")).toRealPath();
    String name = folder.getFileName().toString();
    Path launcher = folder.resolve(name);
    String buildJava = SideBySide.javaOf(launcher);
    int runs = Integer.parseInt(options.get("--runs"));
    Path work = Files.createDirectories(Path.of(options.get("--work-dir"))).toRealPath();
    Path cache = work.resolve("cache");
    deleteTree(cache);
    Path copy = work.resolve("copied/" + name);
    deleteTree(copy.getParent());
    copyTree(folder, copy);

    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("launcher in its folder, with the JVM that trained it",
        List.of(launcher.toString()), Map.of("OPENAPI_MCP_CACHE_DIR", cache.toString()), false));
    variants.add(new Variant("launcher in a copy of the folder",
        List.of(copy.resolve(name).toString()), Map.of("OPENAPI_MCP_CACHE_DIR", cache.toString()), false));
    variants.add(new Variant("launcher in a copy of the folder, first run (empty user cache)",
        List.of(copy.resolve(name).toString()), Map.of(), true));
    String other = options.get("--other-java");
    if (other != null && !other.isBlank() && !Path.of(other).toRealPath().equals(Path.of(buildJava).toRealPath())) {
      variants.add(new Variant("launcher on " + other, List.of(launcher.toString()),
          Map.of("OPENAPI_MCP_CACHE_DIR", cache.toString(), "OPENAPI_MCP_JAVA", other), false));
    }
    variants.add(new Variant("plain `java -Xlog:disable -Xlog:all=warning:stderr -jar " + options.get("--jar") + "`",
        List.of(buildJava, "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", options.get("--jar")), Map.of(),
        false));

    String loadBefore = SideBySide.loadAverage();
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    int fresh = 0;
    for (Variant variant : variants) {
      samples.put(variant.name(), new ArrayList<>());
      // Unmeasured: files into the page cache, and the user-cache archives written.
      start(variant, work, fresh++);
    }
    for (int run = 0; run < runs; run++) {
      for (int i = 0; i < variants.size(); i++) {
        Variant variant = variants.get((run + i) % variants.size());
        samples.get(variant.name()).add(start(variant, work, fresh++));
      }
      System.err.printf("[bench] launcher starts, run %d/%d%n", run + 1, runs);
    }

    Map<String, String> archived = new HashMap<>();
    for (Variant variant : variants) {
      archived.put(variant.name(), archivedShare(variant, work, fresh++));
    }

    double plain = Stats.median(samples.get(variants.get(variants.size() - 1).name()));
    StringBuilder report = new StringBuilder("## Launcher cold starts: spawn → `initialize` answered\n\n");
    report.append("- folder: `").append(folder).append("`, trained with `").append(buildJava).append("`\n");
    report.append("- load average before / after: ").append(loadBefore).append(" / ")
        .append(SideBySide.loadAverage()).append('\n');
    report.append("- ").append(runs).append(" runs each, interleaved; median, range, and ratio to plain java -jar\n\n");
    report.append("| start | median (ms) | range (ms) | / plain | classes from an archive |\n");
    report.append("| --- | ---: | ---: | ---: | ---: |\n");
    samples.forEach((variant, times) -> report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f–%.0f | %.2f× | %s |%n",
        variant, Stats.median(times), Stats.percentile(times, 0), Stats.percentile(times, 100),
        Stats.median(times) / plain, archived.get(variant))));
    BenchArgs.report(options, report);
  }

  /**
   * Which share of the classes one more start loads from a class-data archive (the JDK's own
   * archive holds JDK classes only; the server's come from the bundled or the user-cache one).
   */
  private static String archivedShare(Variant variant, Path work, int index) throws IOException {
    Path log = work.resolve("class-load-" + index + ".log");
    Files.deleteIfExists(log);
    String option = "-Xlog:class+load=info:file=" + log;
    if (variant.command().size() == 1) {
      start(variant, work, index, option); // a launcher: through OPENAPI_MCP_JAVA_OPTS
    } else {
      List<String> command = new ArrayList<>(variant.command());
      command.add(command.indexOf("-jar"), option); // after -Xlog:disable
      start(new Variant(variant.name(), command, variant.environment(), variant.freshCache()), work, index, null);
    }
    List<String> loads = Files.readAllLines(log).stream().filter(line -> line.contains(" source: ")).toList();
    long shared = loads.stream().filter(line -> line.contains("source: shared objects file")).count();
    return String.format(Locale.ROOT, "%.0f%% of %d", 100.0 * shared / loads.size(), loads.size());
  }

  /** Milliseconds from spawn to the {@code initialize} answer. */
  private static double start(Variant variant, Path work, int index) throws IOException {
    return start(variant, work, index, null);
  }

  private static double start(Variant variant, Path work, int index, String javaOptions) throws IOException {
    Map<String, String> environment = new HashMap<>(variant.environment());
    environment.put("OPENAPI_MCP_HEADERS", "{\"Authorization\":\"Bearer bench\"}");
    for (String unset : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "NOTION_TOKEN")) {
      environment.put(unset, null);
    }
    environment.put("OPENAPI_MCP_JAVA_OPTS", javaOptions);
    environment.putIfAbsent("OPENAPI_MCP_JAVA", null);
    if (variant.freshCache()) {
      environment.put("OPENAPI_MCP_CACHE_DIR", work.resolve("fresh-cache/" + index).toString());
    }
    try (StdioServer server = StdioServer.start(variant.command(), environment, work.resolve("stderr.log"))) {
      server.initialize();
      return server.sinceSpawn() / 1e6;
    }
  }

  /** Copies as {@code cp -r} does: new modification times, the launcher stays executable. */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
          target.toFile().setExecutable(Files.isExecutable(path), false);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        path.toFile().setWritable(true);
        Files.delete(path);
      }
    }
  }
}
