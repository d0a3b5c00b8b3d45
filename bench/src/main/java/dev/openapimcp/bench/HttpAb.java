package dev.openapimcp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two builds of the Notion server under the same Streamable HTTP load, alternately (A, B, A, B, ...):
 * 16 sessions calling a GET and a POST tool without pause against {@link LoopbackApi}, and for each
 * run the calls per second and the server's CPU time per call ({@code /proc}). For a change to the
 * call path, where the machine's load moves more than the change does between runs far apart.
 */
public final class HttpAb {

  private HttpAb() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.parse(args, Map.of("--pairs", "3", "--sessions", "16", "--seconds", "10",
        "--warmup-seconds", "3", "--lane", "sessions"), "--a LAUNCHER and --b LAUNCHER are required", "--a", "--b");
    boolean modern = options.get("--lane").equals("2026-07-28");
    int pairs = Integer.parseInt(options.get("--pairs"));
    List<String> rows = new ArrayList<>();
    List<double[]> a = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    String loadBefore = SideBySide.loadAverage();
    try (LoopbackApi api = LoopbackApi.start(8)) {
      // This JVM's HTTP client compiles while it drives the first run (SideBySide measured the first runs of a
      // pass at 60% of their repeats): one run of A first, not counted.
      run(api, options.get("--a"), modern, Integer.parseInt(options.get("--sessions")),
          Integer.parseInt(options.get("--warmup-seconds")), Integer.parseInt(options.get("--seconds")));
      for (int pair = 1; pair <= pairs; pair++) {
        for (String build : List.of("--a", "--b")) {
          double[] run = run(api, options.get(build), modern, Integer.parseInt(options.get("--sessions")),
              Integer.parseInt(options.get("--warmup-seconds")), Integer.parseInt(options.get("--seconds")));
          (build.equals("--a") ? a : b).add(run);
          rows.add(String.format(Locale.ROOT, "| %d | %s | %.0f | %.3f |", pair, build.substring(2).toUpperCase(
              Locale.ROOT), run[0], run[1]));
          System.err.printf(Locale.ROOT, "[bench] pair %d, %s: %.0f calls/s, %.3f ms CPU per call%n", pair,
              build.substring(2), run[0], run[1]);
        }
      }
    }
    StringBuilder report = new StringBuilder("## A/B under the same Streamable HTTP load\n\n");
    report.append("- A: `").append(options.get("--a")).append("`\n- B: `").append(options.get("--b")).append("`\n");
    report.append("- ").append(options.get("--sessions")).append(" clients (").append(modern ? "2026-07-28 requests"
        : "2025-11-25 sessions").append("), ").append(options.get("--warmup-seconds")).append(" s warm-up, ")
        .append(options.get("--seconds")).append(" s measured per run, the builds alternately after one unmeasured"
            + " run of A\n");
    report.append("- load average before / after: ").append(loadBefore).append(" / ")
        .append(SideBySide.loadAverage()).append("\n\n");
    report.append("| pair | build | calls/s | server CPU per call (ms) |\n| ---: | --- | ---: | ---: |\n");
    rows.forEach(row -> report.append(row).append('\n'));
    report.append(String.format(Locale.ROOT, "%nMedians: A %.0f calls/s, %.3f ms; B %.0f calls/s, %.3f ms;"
        + " B / A %.2f× throughput, %.2f× CPU per call.%n", median(a, 0), median(a, 1), median(b, 0), median(b, 1),
        median(b, 0) / median(a, 0), median(b, 1) / median(a, 1)));
    BenchArgs.report(options, report);
  }

  private static double median(List<double[]> runs, int field) {
    return Stats.percentile(runs.stream().map(run -> run[field]).toList(), 50);
  }

  /** One run: {calls per second, server CPU ms per call}. */
  private static double[] run(LoopbackApi api, String launcher, boolean modern, int sessions, int warmupSeconds,
      int seconds) throws Exception {
    int port = SideBySide.freePort();
    Map<String, String> environment = SideBySide.environment(api);
    List<String> command = List.of(launcher, "--rate-limit", "0", "--transport", "http", "--port",
        String.valueOf(port), "--auth-token", SideBySide.AUTH_TOKEN);
    Path stderr = Files.createTempFile("http-ab-", ".stderr.log");
    try (StdioServer server = StdioServer.start(command, environment, stderr)) {
      String notReady = SideBySide.awaitListening(server, port, Duration.ofSeconds(30));
      if (notReady != null) {
        throw new IllegalStateException(launcher + " " + notReady);
      }
      URI endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
      ExecutorService pool = Executors.newFixedThreadPool(sessions);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool).build();
      ExecutorService workers = Executors.newFixedThreadPool(sessions);
      try {
        long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = warm + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
          counts.add(workers.submit(() -> {
            HttpMcpSession session = new HttpMcpSession(client, endpoint, SideBySide.AUTH_TOKEN, modern);
            session.initialize();
            int calls = 0;
            for (int i = 0; System.nanoTime() < end; i++) {
              long started = System.nanoTime();
              boolean get = (i & 1) == 0;
              session.callTool(get ? SideBySide.GET_TOOL : SideBySide.POST_TOOL,
                  get ? SideBySide.GET_ARGS : SideBySide.POST_ARGS);
              if (started >= warm && System.nanoTime() <= end) {
                calls++;
              }
            }
            return calls;
          }));
        }
        while (System.nanoTime() < warm) {
          Thread.sleep(5);
        }
        long cpuBefore = server.cpuMillis();
        int total = 0;
        for (Future<Integer> count : counts) {
          total += count.get(warmupSeconds + seconds + 60L, TimeUnit.SECONDS);
        }
        long cpu = server.cpuMillis() - cpuBefore;
        return new double[] {total / (double) seconds, cpu / (double) Math.max(1, total)};
      } finally {
        workers.shutdownNow();
        pool.shutdownNow();
        server.killTree();
      }
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
