package dev.openapimcp.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two builds of the Notion server over stdio in one run, both started at once and called in
 * interleaved blocks of 25 (A, B, the loopback API directly, again), so the machine's noise lands on
 * both alike: for a GET and a POST tool, each build's p50 and p99 overhead (call time minus the
 * direct request's p50, as {@link SideBySide} reports it against npm) in the 2025-11-25 session lane
 * and as 2026-07-28 requests, and its CPU time per call ({@code /proc}).
 */
public final class StdioAb {

  private static final int BLOCK = 25;

  private StdioAb() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchArgs.parse(args, Map.of("--calls", "600", "--warmup-calls", "300"),
        "--a LAUNCHER and --b LAUNCHER are required", "--a", "--b");
    int calls = Integer.parseInt(options.get("--calls"));
    int warmup = Integer.parseInt(options.get("--warmup-calls"));
    String loadBefore = SideBySide.loadAverage();
    List<String> rows = new ArrayList<>();
    Path logs = Files.createTempDirectory("stdio-ab-");
    try (LoopbackApi api = LoopbackApi.start(8);
        StdioServer a = start(options.get("--a"), api, logs.resolve("a.stderr.log"));
        StdioServer b = start(options.get("--b"), api, logs.resolve("b.stderr.log"))) {
      a.initialize();
      b.initialize();
      HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Map<String, HttpRequest> requests = Map.of(SideBySide.GET_TOOL, SideBySide.directRequest(api, SideBySide.GET_TOOL),
          SideBySide.POST_TOOL, SideBySide.directRequest(api, SideBySide.POST_TOOL));
      for (HttpRequest request : requests.values()) {
        for (int i = 0; i < 1000; i++) {
          direct.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
      }
      for (String tool : List.of(SideBySide.GET_TOOL, SideBySide.POST_TOOL)) {
        String arguments = tool.equals(SideBySide.GET_TOOL) ? SideBySide.GET_ARGS : SideBySide.POST_ARGS;
        for (int i = 0; i < warmup; i++) {
          for (StdioServer server : List.of(a, b)) {
            server.callTool(tool, arguments);
            server.callToolModern(tool, arguments);
          }
        }
        // a session, a modern, b session, b modern, direct
        List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>(), new ArrayList<>());
        long[] cpu = {a.cpuMillis(), b.cpuMillis()};
        for (int done = 0; done < calls; done += BLOCK) {
          int n = Math.min(BLOCK, calls - done);
          List<StdioServer> servers = List.of(a, b);
          for (int s = 0; s < 2; s++) {
            StdioServer server = servers.get(s);
            for (int i = 0; i < n; i++) {
              long t = System.nanoTime();
              server.callTool(tool, arguments);
              times.get(2 * s).add((System.nanoTime() - t) / 1e6);
            }
            for (int i = 0; i < n; i++) {
              long t = System.nanoTime();
              server.callToolModern(tool, arguments);
              times.get(2 * s + 1).add((System.nanoTime() - t) / 1e6);
            }
          }
          for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            direct.send(requests.get(tool), HttpResponse.BodyHandlers.ofByteArray());
            times.get(4).add((System.nanoTime() - t) / 1e6);
          }
        }
        double cpuA = (a.cpuMillis() - cpu[0]) / (2.0 * calls);
        double cpuB = (b.cpuMillis() - cpu[1]) / (2.0 * calls);
        double directP50 = Stats.percentile(times.get(4), 50);
        String[] lanes = {"2025-11-25 session", "2026-07-28"};
        for (int lane = 0; lane < 2; lane++) {
          List<Double> timesA = times.get(lane);
          List<Double> timesB = times.get(2 + lane);
          double p50A = Stats.percentile(timesA, 50) - directP50;
          double p50B = Stats.percentile(timesB, 50) - directP50;
          double p99A = Stats.percentile(timesA, 99) - directP50;
          double p99B = Stats.percentile(timesB, 99) - directP50;
          rows.add(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.2f× | %.2f | %.2f | %.2f× |", tool,
              lanes[lane], p50A, p50B, p50B / p50A, p99A, p99B, p99B / p99A));
        }
        rows.add(String.format(Locale.ROOT, "| %s | CPU per call, both lanes (ms) | %.3f | %.3f | %.2f× | | | |",
            tool, cpuA, cpuB, cpuB / cpuA));
        System.err.printf(Locale.ROOT, "[bench] %s done (direct p50 %.3f ms)%n", tool, directP50);
      }
    }
    StringBuilder report = new StringBuilder("## A/B over stdio, both builds in one run\n\n");
    report.append("- A: `").append(options.get("--a")).append("`\n- B: `").append(options.get("--b")).append("`\n");
    report.append("- per tool: ").append(warmup).append(" unmeasured calls of each lane on each build, then ")
        .append(calls).append(" measured calls of each, in interleaved blocks of ").append(BLOCK)
        .append(" (A, B, the API directly); overhead = call time − the direct request's p50\n");
    report.append("- load average before / after: ").append(loadBefore).append(" / ")
        .append(SideBySide.loadAverage()).append("\n\n");
    report.append("| tool | lane | A p50 overhead (ms) | B p50 overhead (ms) | B / A | A p99 overhead (ms) |"
        + " B p99 overhead (ms) | B / A |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    rows.forEach(row -> report.append(row).append('\n'));
    BenchArgs.report(options, report);
  }

  private static StdioServer start(String launcher, LoopbackApi api, Path stderr) throws Exception {
    return StdioServer.start(List.of(launcher, "--rate-limit", "0"), SideBySide.environment(api), stderr);
  }
}
