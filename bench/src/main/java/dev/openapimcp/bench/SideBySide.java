package dev.openapimcp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs our Notion server and npm {@code @notionhq/notion-mcp-server} side by side against one
 * loopback API and prints a Markdown table of medians and ratios (ours / npm). See
 * bench/README.md for what each row means.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.openapimcp.bench.SideBySide \
 *   --ours examples/notion/target/notion-mcp-server/notion-mcp-server --npm path/to/cli.mjs [options]
 * </pre>
 */
public final class SideBySide {

  static final String AUTH_TOKEN = "bench-http-token-0123456789abcdef";
  static final String GET_TOOL = "API-retrieve-a-page";
  static final String GET_ARGS = "{\"page_id\":\"" + LoopbackApi.PAGE_ID + "\"}";
  static final String POST_TOOL = "API-post-search";
  static final String POST_ARGS =
      "{\"query\":\"kale\",\"filter\":{\"property\":\"object\",\"value\":\"page\"},"
          + "\"sort\":{\"direction\":\"descending\",\"timestamp\":\"last_edited_time\"},\"page_size\":10}";

  /**
   * The {@code flags='...'} line a launcher written by the package-server goal starts its JVM with
   * (maven-plugin/src/main/resources/dev/openapimcp/maven/internal/server/launcher.sh).
   */
  private static final Pattern FLAGS_LINE = Pattern.compile("(?m)^flags='([^']*)'$");

  /** A server under test: how to start it on stdio and on HTTP. */
  record Contender(String name, List<String> command) {
    List<String> http(int port) {
      List<String> http = new ArrayList<>(command);
      http.addAll(List.of("--transport", "http", "--port", String.valueOf(port), "--auth-token", AUTH_TOKEN));
      return http;
    }
  }

  /** One row of the result table. */
  record Row(String metric, String ours, String npm, String ratio, String target, String verdict) {}

  private final Options options;
  /** The JVM flags of {@code --ours}'s launcher, for the JDK 25 variant; empty for a launcher without them. */
  private final List<String> launcherFlags;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Path logDir;
  private LoopbackApi api;

  private SideBySide(Options options) {
    this.options = options;
    this.logDir = options.workDir.resolve("logs");
    this.launcherFlags = launcherFlags(options.ours);
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    String report = new SideBySide(options).run();
    System.out.println(report);
    if (options.out != null) {
      Files.createDirectories(options.out.toAbsolutePath().getParent());
      Files.writeString(options.out, report, StandardCharsets.UTF_8);
      System.err.println("[bench] written to " + options.out);
    }
  }

  private String run() throws Exception {
    Files.createDirectories(logDir);
    String loadBefore = loadAverage();
    long started = System.nanoTime();
    Contender ours = new Contender("ours", ours(options.ours.toString()));
    Contender npm = new Contender("npm", List.of(options.node, options.npm.toString()));
    notes.add("Ours runs with `--rate-limit 0` throughout: by default the Notion server keeps to Notion's"
        + " documented 3 requests per second, which back-to-back calls would measure instead of the proxy.");
    try (LoopbackApi loopback = LoopbackApi.start(8)) {
      api = loopback;
      String archive = archiveInUse();
      coldStart(ours, npm, archive);
      stdioSession(ours, npm);
      httpThroughput(ours, npm);
    }
    String loadAfter = loadAverage();
    return report(loadBefore, loadAfter, (System.nanoTime() - started) / 1e9);
  }

  // ---------------------------------------------------------------- cold start

  private void coldStart(Contender ours, Contender npm, String archive) throws Exception {
    List<Contender> contenders = new ArrayList<>(List.of(ours, npm));
    if (options.jar != null) {
      contenders.add(new Contender("plain", ours(javaOf(options.ours), "-Xlog:disable", "-Xlog:all=warning:stderr",
          "-jar", options.jar.toString())));
    }
    if (options.jdk25 != null && options.jar != null) {
      Path cache = trainAotCache();
      if (cache != null) {
        List<String> command = new ArrayList<>(List.of(options.jdk25.resolve("bin/java").toString(),
            "-XX:AOTCache=" + cache));
        command.addAll(launcherFlags);
        command.addAll(List.of("-jar", options.jar.toString()));
        contenders.add(new Contender("jdk25-aot", ours(command.toArray(String[]::new))));
      }
    }
    Map<String, List<Double>> initialize = new LinkedHashMap<>();
    Map<String, List<Double>> toolsList = new LinkedHashMap<>();
    for (Contender contender : contenders) {
      initialize.put(contender.name(), new ArrayList<>());
      toolsList.put(contender.name(), new ArrayList<>());
      // One unmeasured start each, so every measured start finds the files in the page cache.
      coldStartOnce(contender);
    }
    for (int run = 0; run < options.runs; run++) {
      // Rotate the order so a slow moment of the machine does not always hit the same server.
      for (int i = 0; i < contenders.size(); i++) {
        Contender contender = contenders.get((run + i) % contenders.size());
        double[] times = coldStartOnce(contender);
        initialize.get(contender.name()).add(times[0]);
        toolsList.get(contender.name()).add(times[1]);
      }
      log("cold start run %d/%d done", run + 1, options.runs);
    }
    double oursInit = Stats.median(initialize.get("ours"));
    double npmInit = Stats.median(initialize.get("npm"));
    rows.add(new Row("cold start: spawn → `initialize` answer, median of " + options.runs + " (ms)",
        ms(oursInit), ms(npmInit), ratio(oursInit, npmInit), "≤ 1.0×", verdict(oursInit / npmInit <= 1.0)));
    double oursList = Stats.median(toolsList.get("ours"));
    double npmList = Stats.median(toolsList.get("npm"));
    rows.add(new Row("cold start: spawn → first `tools/list` answer (ms)", ms(oursList), ms(npmList),
        ratio(oursList, npmList), "", ""));
    notes.add("Cold start of ours uses the launcher `" + options.ours.getFileName() + "` (archive "
        + archive + ", `" + String.join(" ", launcherFlags) + "`). All samples (ms), spawn → initialize: "
        + samples(initialize));
    for (String variant : List.of("plain", "jdk25-aot")) {
      if (initialize.containsKey(variant)) {
        double median = Stats.median(initialize.get(variant));
        String what = variant.equals("plain")
            ? "ours, plain `java -Xlog:disable -Xlog:all=warning:stderr -jar` (no archive, default JIT and GC)"
            : "ours on JDK 25 with an AOT cache (`-XX:AOTCache`, trained like the archive)";
        rows.add(new Row("cold start variant: " + what + " (ms)", ms(median), ms(npmInit),
            ratio(median, npmInit), "", ""));
      }
    }
  }

  /**
   * Our server's command: {@code command} plus {@code --rate-limit 0}. The Notion server keeps to
   * Notion's documented 3 requests per second by default; back-to-back calls would measure that
   * limit, not the proxy (npm's server has none).
   */
  private static List<String> ours(String... command) {
    List<String> withFlags = new ArrayList<>(List.of(command));
    withFlags.addAll(List.of("--rate-limit", "0"));
    return List.copyOf(withFlags);
  }

  /** Spawn → initialize answer and spawn → tools/list answer, in ms. */
  private double[] coldStartOnce(Contender contender) throws IOException {
    try (StdioServer server = StdioServer.start(contender.command(), environment(), log(contender, "cold"))) {
      server.initialize();
      double initialize = server.sinceSpawn() / 1e6;
      server.request("tools/list", "{}");
      double toolsList = server.sinceSpawn() / 1e6;
      return new double[] {initialize, toolsList};
    }
  }

  // ---------------------------------------------------------------- one stdio session each

  private void stdioSession(Contender ours, Contender npm) throws Exception {
    try (StdioServer oursServer = StdioServer.start(ours.command(), environment(), log(ours, "stdio"));
        StdioServer npmServer = StdioServer.start(npm.command(), environment(), log(npm, "stdio"))) {
      oursServer.initialize();
      npmServer.initialize();
      byte[] oursList = oursServer.request("tools/list", "{}").getBytes(StandardCharsets.UTF_8);
      byte[] npmList = npmServer.request("tools/list", "{}").getBytes(StandardCharsets.UTF_8);
      rows.add(new Row("`tools/list` answer size (bytes, compact JSON-RPC line)", bytes(oursList.length),
          bytes(npmList.length), ratio(oursList.length, npmList.length), "≤ 0.8×",
          verdict(oursList.length <= 0.8 * npmList.length)));
      rows.add(new Row("`tools/list` approx. tokens (bytes / 4)", bytes(oursList.length / 4),
          bytes(npmList.length / 4), ratio(oursList.length, npmList.length), "", ""));
      Files.write(options.workDir.resolve("tools-list-ours.json"), oursList);
      Files.write(options.workDir.resolve("tools-list-npm.json"), npmList);

      HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Map<String, Call> calls = new LinkedHashMap<>();
      calls.put("GET " + GET_TOOL, new Call(GET_TOOL, GET_ARGS, directRequest(api, GET_TOOL)));
      calls.put("POST " + POST_TOOL, new Call(POST_TOOL, POST_ARGS, directRequest(api, POST_TOOL)));
      // The harness's own HTTP client gets a longer warm-up: its JIT must not count against the baseline.
      for (Call call : calls.values()) {
        for (int i = 0; i < 1000; i++) {
          direct.send(call.direct, HttpResponse.BodyHandlers.ofByteArray());
        }
      }
      int totalCalls = 0;
      for (Map.Entry<String, Call> entry : calls.entrySet()) {
        Call call = entry.getValue();
        // Warm-up, not measured: both runtimes compile their hot paths.
        for (int i = 0; i < options.warmupCalls; i++) {
          oursServer.callTool(call.tool, call.arguments);
          oursServer.callToolModern(call.tool, call.arguments);
          npmServer.callTool(call.tool, call.arguments);
          direct.send(call.direct, HttpResponse.BodyHandlers.ofByteArray());
        }
        long oursCpu = oursServer.cpuMillis();
        long npmCpu = npmServer.cpuMillis();
        Pass pass = measure(call, oursServer, npmServer, direct);
        addCpuRow(entry.getKey(), (oursServer.cpuMillis() - oursCpu) / (2.0 * options.calls),
            (npmServer.cpuMillis() - npmCpu) / (double) options.calls);
        totalCalls += options.warmupCalls + options.calls;
        addLatencyRows(entry.getKey(), pass.ours, pass.npm, pass.direct);
        addModernLaneRow(entry.getKey(), pass.oursModern, pass.npm, pass.direct);
        log("stdio calls %s done", entry.getKey());
      }
      // The same calls again, every path of both servers now compiled (the first pass of GET runs while
      // ours is still compiling: C1 compiles as calls come, and the 50 warm-up calls are not enough).
      for (Map.Entry<String, Call> entry : calls.entrySet()) {
        Pass pass = measure(entry.getValue(), oursServer, npmServer, direct);
        totalCalls += options.calls;
        addSteadyRows(entry.getKey(), totalCalls, pass);
        log("stdio calls %s again done", entry.getKey());
      }
      long[] oursMemory = oursServer.memoryKib();
      long[] npmMemory = npmServer.memoryKib();
      rows.add(new Row("resident memory after " + totalCalls + " calls: VmRSS (MiB)", mib(oursMemory[0]),
          mib(npmMemory[0]), ratio(oursMemory[0], npmMemory[0]), "≤ 1.0×",
          verdict(oursMemory[0] > 0 && oursMemory[0] <= npmMemory[0])));
      rows.add(new Row("peak resident memory: VmHWM (MiB)", mib(oursMemory[1]), mib(npmMemory[1]),
          ratio(oursMemory[1], npmMemory[1]), "", ""));
    }
  }

  private record Call(String tool, String arguments, HttpRequest direct) {}

  /** The request a call of {@link #GET_TOOL} or {@link #POST_TOOL} sends, sent to {@code api} directly. */
  static HttpRequest directRequest(LoopbackApi api, String tool) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl()
            + (tool.equals(GET_TOOL) ? "/v1/pages/" + LoopbackApi.PAGE_ID : "/v1/search")))
        .header("Authorization", "Bearer ntn_bench").header("Notion-Version", "2025-09-03");
    return tool.equals(GET_TOOL) ? request.GET().build()
        : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(POST_ARGS)).build();
  }

  /** One measured pass of a call: each path's times in ms. */
  private record Pass(List<Double> ours, List<Double> oursModern, List<Double> npm, List<Double> direct) {}

  /**
   * {@code options.calls} calls of each path (ours as 2025-11-25 and as 2026-07-28, npm, the API
   * directly) in interleaved blocks of 25, so machine noise lands on all of them alike.
   */
  private Pass measure(Call call, StdioServer oursServer, StdioServer npmServer, HttpClient direct)
      throws IOException, InterruptedException {
    Pass pass = new Pass(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    int block = 25;
    for (int done = 0; done < options.calls; done += block) {
      int n = Math.min(block, options.calls - done);
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        oursServer.callTool(call.tool, call.arguments);
        pass.ours.add((System.nanoTime() - t) / 1e6);
      }
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        oursServer.callToolModern(call.tool, call.arguments);
        pass.oursModern.add((System.nanoTime() - t) / 1e6);
      }
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        npmServer.callTool(call.tool, call.arguments);
        pass.npm.add((System.nanoTime() - t) / 1e6);
      }
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        HttpResponse<byte[]> response = direct.send(call.direct, HttpResponse.BodyHandlers.ofByteArray());
        pass.direct.add((System.nanoTime() - t) / 1e6);
        if (response.statusCode() != 200) {
          throw new IOException("direct request answered " + response.statusCode());
        }
      }
    }
    return pass;
  }

  /** The second pass: overhead once both servers have served every path hundreds of times. */
  private void addSteadyRows(String what, int after, Pass pass) {
    double directP50 = Stats.percentile(pass.direct, 50);
    double oursP50 = Stats.percentile(pass.ours, 50) - directP50;
    double modernP50 = Stats.percentile(pass.oursModern, 50) - directP50;
    double npmP50 = Stats.percentile(pass.npm, 50) - directP50;
    double oursP99 = Stats.percentile(pass.ours, 99) - directP50;
    double npmP99 = Stats.percentile(pass.npm, 99) - directP50;
    String when = " over stdio, again (calls " + (after - options.calls + 1) + "–" + after + "): ";
    rows.add(new Row("`tools/call` " + what + when + "p50 − direct-HTTP p50 (ms)", ms2(oursP50), ms2(npmP50),
        ratio(oursP50, npmP50), "≤ 0.5×", verdict(oursP50 <= 0.5 * npmP50)));
    rows.add(new Row("the same as 2026-07-28 requests: p50 − direct-HTTP p50 (ms)", ms2(modernP50), ms2(npmP50),
        ratio(modernP50, npmP50), "≤ 0.5×", verdict(modernP50 <= 0.5 * npmP50)));
    rows.add(new Row("`tools/call` " + what + when + "p99 − direct-HTTP p50 (ms)", ms2(oursP99), ms2(npmP99),
        ratio(oursP99, npmP99), "≤ 1.0×", verdict(oursP99 <= npmP99)));
    notes.add(String.format(Locale.ROOT,
        "%s again, %d calls each: raw p50/p99 ours %.2f/%.2f ms (as 2026-07-28 %.2f/%.2f), npm %.2f/%.2f ms,"
            + " direct HTTP %.2f/%.2f ms.", what, pass.ours.size(), Stats.percentile(pass.ours, 50),
        Stats.percentile(pass.ours, 99), Stats.percentile(pass.oursModern, 50),
        Stats.percentile(pass.oursModern, 99), Stats.percentile(pass.npm, 50), Stats.percentile(pass.npm, 99),
        directP50, Stats.percentile(pass.direct, 99)));
  }

  private void addLatencyRows(String what, List<Double> ours, List<Double> npm, List<Double> direct) {
    // The direct request's median is the loopback HTTP cost both servers pay; what is left is the
    // server's own overhead (stdio framing, JSON, validation, its HTTP client). Its tail is noise
    // of the client, so the median is subtracted from p99 as well.
    double directP50 = Stats.percentile(direct, 50);
    double oursP50 = Stats.percentile(ours, 50) - directP50;
    double npmP50 = Stats.percentile(npm, 50) - directP50;
    double oursP99 = Stats.percentile(ours, 99) - directP50;
    double npmP99 = Stats.percentile(npm, 99) - directP50;
    rows.add(new Row("`tools/call` " + what + " over stdio: p50 − direct-HTTP p50 (ms)", ms2(oursP50), ms2(npmP50),
        ratio(oursP50, npmP50), "≤ 0.5×", verdict(oursP50 <= 0.5 * npmP50)));
    rows.add(new Row("`tools/call` " + what + " over stdio: p99 − direct-HTTP p50 (ms)", ms2(oursP99), ms2(npmP99),
        ratio(oursP99, npmP99), "≤ 1.0×", verdict(oursP99 <= npmP99)));
    notes.add(String.format(Locale.ROOT,
        "%s, %d sequential calls each: raw p50/p99 ours %.2f/%.2f ms, npm %.2f/%.2f ms, direct HTTP %.2f/%.2f ms.",
        what, ours.size(), Stats.percentile(ours, 50), Stats.percentile(ours, 99), Stats.percentile(npm, 50),
        Stats.percentile(npm, 99), directP50, Stats.percentile(direct, 99)));
  }

  /** CPU time of the server process per measured call (ours served each call twice: both eras). */
  private void addCpuRow(String what, double ours, double npm) {
    rows.add(new Row("`tools/call` " + what + " over stdio: server CPU per call (ms, /proc, 10 ms ticks)",
        ms2(ours), ms2(npm), ratio(ours, npm), "", ""));
  }

  /**
   * The same calls as MCP 2026-07-28 requests, which our server answers in its own lane instead of
   * the SDK's stdio transport and session: the call path is the same, so the difference to the row
   * above is what the SDK's transport costs per call.
   */
  private void addModernLaneRow(String what, List<Double> modern, List<Double> npm, List<Double> direct) {
    double directP50 = Stats.percentile(direct, 50);
    double modernP50 = Stats.percentile(modern, 50) - directP50;
    double npmP50 = Stats.percentile(npm, 50) - directP50;
    rows.add(new Row("`tools/call` " + what + " over stdio as 2026-07-28 (ours: own lane, no SDK transport): p50 − "
        + "direct-HTTP p50 (ms)", ms2(modernP50), ms2(npmP50), ratio(modernP50, npmP50), "≤ 0.5×",
        verdict(modernP50 <= 0.5 * npmP50)));
    notes.add(String.format(Locale.ROOT, "%s as 2026-07-28 requests, %d calls: raw p50/p99 ours %.2f/%.2f ms.",
        what, modern.size(), Stats.percentile(modern, 50), Stats.percentile(modern, 99)));
  }

  // ---------------------------------------------------------------- Streamable HTTP

  private void httpThroughput(Contender ours, Contender npm) throws Exception {
    String metric = "Streamable HTTP, " + options.sessions + " sessions: throughput (calls/s)";
    String p99Metric = "Streamable HTTP, " + options.sessions + " sessions: `tools/call` p99 (ms)";
    if (options.sessions <= 0 || options.httpSeconds <= 0) {
      rows.add(new Row(metric, "skipped", "skipped", "", "≥ 3×", ""));
      return;
    }
    // This JVM's HTTP client compiles while it drives the first runs: the first two of one pass carried
    // 2,961 (npm) and 6,786 calls (ours) where their repeats carried 4,657 and 11,995. So one unmeasured run
    // first, then each load twice in mirrored order (npm, sessions, 2026-07-28, then back) and the means.
    httpRun(ours, false);
    HttpResult npmFirst = httpRun(npm, false);
    HttpResult oursFirst = httpRun(ours, false);
    HttpResult modernFirst = httpRun(ours, true);
    HttpResult oursModern = HttpResult.mean(modernFirst, httpRun(ours, true));
    HttpResult oursResult = HttpResult.mean(oursFirst, httpRun(ours, false));
    HttpResult npmResult = HttpResult.mean(npmFirst, httpRun(npm, false));
    if (oursResult.failure != null || npmResult.failure != null) {
      String oursText = oursResult.failure == null ? String.format(Locale.ROOT, "%.0f", oursResult.throughput)
          : "n/a (" + oursResult.failure + ")";
      String npmText = npmResult.failure == null ? String.format(Locale.ROOT, "%.0f", npmResult.throughput)
          : "n/a (" + npmResult.failure + ")";
      rows.add(new Row(metric, oursText, npmText, "n/a", "≥ 3×", ""));
      rows.add(new Row(p99Metric, oursResult.failure == null ? ms2(oursResult.p99) : "n/a",
          npmResult.failure == null ? ms2(npmResult.p99) : "n/a", "n/a", "", ""));
      return;
    }
    rows.add(new Row(metric, String.format(Locale.ROOT, "%.0f", oursResult.throughput),
        String.format(Locale.ROOT, "%.0f", npmResult.throughput), ratio(oursResult.throughput, npmResult.throughput),
        "≥ 3×", verdict(oursResult.throughput >= 3 * npmResult.throughput)));
    rows.add(new Row(p99Metric, ms2(oursResult.p99), ms2(npmResult.p99), ratio(oursResult.p99, npmResult.p99),
        "", ""));
    // The same load as 2026-07-28 requests (no session), which only ours speaks.
    if (oursModern.failure == null) {
      rows.add(new Row("Streamable HTTP, " + options.sessions + " clients, as 2026-07-28 requests (ours: own lane, no"
          + " SDK transport): throughput (calls/s)", String.format(Locale.ROOT, "%.0f", oursModern.throughput),
          String.format(Locale.ROOT, "%.0f", npmResult.throughput), ratio(oursModern.throughput, npmResult.throughput),
          "≥ 3×", verdict(oursModern.throughput >= 3 * npmResult.throughput)));
      rows.add(new Row("the same: `tools/call` p99 (ms)", ms2(oursModern.p99), ms2(npmResult.p99),
          ratio(oursModern.p99, npmResult.p99), "", ""));
    } else {
      notes.add("Streamable HTTP as 2026-07-28 requests: n/a (" + oursModern.failure + ").");
    }
    rows.add(new Row("resident memory after the HTTP run: VmRSS (MiB)", mib(oursResult.rssKib),
        mib(npmResult.rssKib), ratio(oursResult.rssKib, npmResult.rssKib), "", ""));
    notes.add(String.format(Locale.ROOT,
        "Streamable HTTP: %d sessions, each calling %s and %s alternately without pause, %d s warm-up then %d s"
            + " measured, after one unmeasured run that warms this client up, each load twice (npm, ours, ours as"
            + " 2026-07-28, then in reverse order), figures the means of both runs; ours %d calls in all (p50 %.2f"
            + " ms), npm %d calls (p50 %.2f ms).",
        options.sessions, GET_TOOL, POST_TOOL, options.httpWarmupSeconds, options.httpSeconds, oursResult.calls,
        oursResult.p50, npmResult.calls, npmResult.p50));
  }

  private record HttpResult(String failure, double throughput, double p50, double p99, long calls, long rssKib) {
    static HttpResult failed(String why) {
      return new HttpResult(why, 0, 0, 0, 0, -1);
    }

    /** Two runs of one load: the means of their figures, every call counted, the later memory; a failure wins. */
    static HttpResult mean(HttpResult first, HttpResult second) {
      if (first.failure != null) {
        return first;
      }
      if (second.failure != null) {
        return second;
      }
      return new HttpResult(null, (first.throughput + second.throughput) / 2, (first.p50 + second.p50) / 2,
          (first.p99 + second.p99) / 2, first.calls + second.calls, second.rssKib);
    }
  }

  /** {@code modern}: the calls as MCP 2026-07-28 requests, which only our server speaks. */
  private HttpResult httpRun(Contender contender, boolean modern) throws Exception {
    int port = freePort();
    Path stderr = log(contender, "http");
    try (StdioServer server = StdioServer.start(contender.http(port), environment(), stderr)) {
      String notReady = awaitListening(server, port, Duration.ofSeconds(30));
      if (notReady != null) {
        String last = lastLine(stderr);
        return HttpResult.failed(contender.name().equals("ours") && last.toLowerCase(Locale.ROOT).contains("not available")
            ? "HTTP transport pending" : notReady + (last.isEmpty() ? "" : ": " + last));
      }
      URI endpoint = URI.create("http://127.0.0.1:" + port + "/mcp");
      ExecutorService pool = Executors.newFixedThreadPool(options.sessions);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool).build();
      ExecutorService workers = Executors.newFixedThreadPool(options.sessions);
      try {
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.httpWarmupSeconds);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(options.httpSeconds);
        int maxCallsPerSession = 200_000;
        List<Future<long[]>> futures = new ArrayList<>();
        for (int s = 0; s < options.sessions; s++) {
          futures.add(workers.submit(() -> {
            HttpMcpSession session = new HttpMcpSession(client, endpoint, AUTH_TOKEN, modern);
            session.initialize();
            long[] latencies = new long[maxCallsPerSession + 1];
            int count = 0;
            for (int i = 0; i < maxCallsPerSession; i++) {
              long t = System.nanoTime();
              if (t >= end) {
                break;
              }
              boolean get = (i & 1) == 0;
              session.callTool(get ? GET_TOOL : POST_TOOL, get ? GET_ARGS : POST_ARGS);
              long done = System.nanoTime();
              if (t >= warmupEnd && done <= end) {
                latencies[count++] = done - t;
              }
            }
            long[] result = java.util.Arrays.copyOf(latencies, count);
            return result;
          }));
        }
        List<Double> all = new ArrayList<>();
        long calls = 0;
        for (Future<long[]> future : futures) {
          try {
            for (long nanos : future.get(options.httpWarmupSeconds + options.httpSeconds + 60L, TimeUnit.SECONDS)) {
              all.add(nanos / 1e6);
              calls++;
            }
          } catch (java.util.concurrent.ExecutionException e) {
            return HttpResult.failed(String.valueOf(e.getCause().getMessage()));
          }
        }
        long rss = server.memoryKib()[0];
        log("HTTP %s%s: %d calls", contender.name(), modern ? " (2026-07-28)" : "", calls);
        return new HttpResult(null, calls / (double) options.httpSeconds, Stats.percentile(all, 50),
            Stats.percentile(all, 99), calls, rss);
      } finally {
        workers.shutdownNow();
        pool.shutdownNow();
        server.killTree();
      }
    }
  }

  /** Null when the server accepts connections on {@code port}, else why not. */
  static String awaitListening(StdioServer server, int port, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        return "exited with " + server.exitCode();
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return null;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    return "not listening after " + limit.toSeconds() + " s";
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  // ---------------------------------------------------------------- JDK 25 AOT cache variant

  /** The JVM flags on {@code launcher}'s {@code flags=} line, or none when it has no such line (a wrapper). */
  static List<String> launcherFlags(Path launcher) {
    try {
      Matcher line = FLAGS_LINE.matcher(Files.readString(launcher, StandardCharsets.UTF_8));
      return line.find() ? List.of(line.group(1).trim().split(" +")) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the launcher " + launcher, e);
    }
  }

  private Path trainAotCache() {
    Path cache = options.workDir.resolve("notion-mcp-server.jdk25.aot");
    try {
      Files.deleteIfExists(cache);
      List<String> command = new ArrayList<>(List.of(options.jdk25.resolve("bin/java").toString(),
          "-XX:AOTCacheOutput=" + cache));
      command.addAll(launcherFlags);
      command.addAll(List.of("-jar", options.jar.toString()));
      try (StdioServer server = StdioServer.start(command, environment(), logDir.resolve("jdk25-aot-training.log"))) {
        server.initialize();
        server.request("tools/list", "{}");
        server.callTool(GET_TOOL, GET_ARGS);
        server.callTool(POST_TOOL, POST_ARGS);
      }
      // The JVM writes the cache after the training process exits (a second JVM assembles it).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.isRegularFile(cache) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      if (!Files.isRegularFile(cache)) {
        notes.add("JDK 25 AOT cache: training wrote no cache; see " + logDir.resolve("jdk25-aot-training.log"));
        return null;
      }
      return cache;
    } catch (IOException | InterruptedException e) {
      notes.add("JDK 25 AOT cache: training failed (" + e.getMessage() + ")");
      return null;
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Which archive the launcher starts with and whether it maps: the launcher run once with the
   * archive required ({@code -XX:AOTMode=on} for an AOT cache, {@code -Xshare:on} for a class-data
   * archive), so an unusable one fails instead of being skipped quietly.
   */
  private String archiveInUse() throws IOException, InterruptedException {
    Path dir = options.ours.toAbsolutePath().getParent();
    String name = options.ours.getFileName().toString();
    Path aot = dir.resolve(name + ".aot");
    Path jsa = dir.resolve(name + ".jsa");
    Path archive = Files.isRegularFile(aot) ? aot : jsa;
    if (!Files.isRegularFile(archive)) {
      return "missing (neither " + aot.getFileName() + " nor " + jsa.getFileName() + " found)";
    }
    ProcessBuilder builder = new ProcessBuilder(options.ours.toString(), "--version")
        .redirectErrorStream(true);
    builder.environment().put("OPENAPI_MCP_JAVA_OPTS", archive == aot ? "-XX:AOTMode=on" : "-Xshare:on");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    boolean ok = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    return archive.getFileName() + (ok ? " in use" : " NOT usable with this JVM (" + StdioServer.abbreviate(output) + ")");
  }

  private Map<String, String> environment() {
    return environment(api);
  }

  /** The servers' environment against {@code api}: its base URL and a token, nothing from the caller's shell. */
  static Map<String, String> environment(LoopbackApi api) {
    Map<String, String> environment = new HashMap<>();
    environment.put("BASE_URL", api.baseUrl());
    environment.put("OPENAPI_MCP_HEADERS", "{\"Authorization\":\"Bearer ntn_bench\"}");
    // Nothing from the caller's shell may change either server's behaviour.
    environment.put("NOTION_TOKEN", null);
    environment.put("AUTH_TOKEN", null);
    environment.put("OPENAPI_MCP_JAVA_OPTS", null);
    environment.put("JAVA_TOOL_OPTIONS", null);
    environment.put("NODE_OPTIONS", null);
    return environment;
  }

  private Path log(Contender contender, String phase) {
    return logDir.resolve(contender.name() + "-" + phase + ".stderr.log");
  }

  private static String lastLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).trim();
        }
      }
    } catch (IOException e) {
      // no log
    }
    return "";
  }

  /** The java the launcher script will run: its BUILD_JAVA line, else java on the PATH. */
  static String javaOf(Path launcher) {
    try {
      for (String line : Files.readAllLines(launcher, StandardCharsets.UTF_8)) {
        if (line.startsWith("BUILD_JAVA='")) {
          String java = line.substring("BUILD_JAVA='".length(), line.lastIndexOf('\''));
          if (Files.isExecutable(Path.of(java))) {
            return java;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "java";
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static String command(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      process.waitFor(30, TimeUnit.SECONDS);
      return output;
    } catch (IOException | InterruptedException e) {
      return "n/a (" + e.getMessage() + ")";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private String report(String loadBefore, String loadAfter, double seconds) {
    String java = javaOf(options.ours);
    StringBuilder out = new StringBuilder();
    out.append("## openapi-mcp Notion server vs npm @notionhq/notion-mcp-server\n\n");
    out.append("- date: ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
        .append('\n');
    out.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
        .append(cpuModel()).append(", ").append(System.getProperty("os.name")).append(' ')
        .append(System.getProperty("os.version")).append('\n');
    out.append("- load average before / after: ").append(loadBefore).append(" / ").append(loadAfter).append('\n');
    out.append("- ours: `").append(options.ours).append("` on ")
        .append(command(java, "-version").lines().skip(1).findFirst().orElse("?")).append('\n');
    out.append("- npm: `").append(options.node).append(' ').append(options.npm).append("` on node ")
        .append(command(options.node, "-v")).append('\n');
    out.append(String.format(Locale.ROOT, "- duration: %.0f s%n%n", seconds));
    out.append("| metric | ours | npm | ours / npm | target | |\n");
    out.append("| --- | ---: | ---: | ---: | --- | --- |\n");
    for (Row row : rows) {
      out.append("| ").append(row.metric()).append(" | ").append(row.ours()).append(" | ").append(row.npm())
          .append(" | ").append(row.ratio()).append(" | ").append(row.target()).append(" | ").append(row.verdict())
          .append(" |\n");
    }
    out.append('\n');
    for (String note : notes) {
      out.append("- ").append(note).append('\n');
    }
    return out.toString();
  }

  private static String samples(Map<String, List<Double>> samples) {
    StringBuilder text = new StringBuilder();
    samples.forEach((name, values) -> {
      text.append(text.length() == 0 ? "" : "; ").append(name).append(' ');
      text.append(values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    });
    return text.toString();
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String ms2(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String bytes(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String mib(long kib) {
    return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", kib / 1024.0);
  }

  private static String ratio(double ours, double npm) {
    if (Double.isNaN(ours) || Double.isNaN(npm) || npm == 0 || ours < 0 || npm < 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f×", ours / npm);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }

  private static void log(String format, Object... args) {
    System.err.printf("[bench] " + format + "%n", args);
  }

  /** Command-line options. */
  static final class Options {
    Path ours;
    Path jar;
    Path npm;
    String node = "node";
    Path jdk25;
    Path workDir = Path.of("bench/target/side-by-side");
    Path out;
    int runs = 9;
    int warmupCalls = 50;
    int calls = 300;
    int sessions = 16;
    int httpWarmupSeconds = 3;
    int httpSeconds = 10;

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--ours" -> options.ours = Path.of(value);
          case "--jar" -> options.jar = Path.of(value);
          case "--npm" -> options.npm = Path.of(value);
          case "--node" -> options.node = value;
          case "--jdk25" -> options.jdk25 = value.isEmpty() ? null : Path.of(value);
          case "--work-dir" -> options.workDir = Path.of(value);
          case "--out" -> options.out = Path.of(value);
          case "--runs" -> options.runs = Integer.parseInt(value);
          case "--warmup-calls" -> options.warmupCalls = Integer.parseInt(value);
          case "--calls" -> options.calls = Integer.parseInt(value);
          case "--sessions" -> options.sessions = Integer.parseInt(value);
          case "--http-warmup-seconds" -> options.httpWarmupSeconds = Integer.parseInt(value);
          case "--http-seconds" -> options.httpSeconds = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (options.ours == null || options.npm == null) {
        throw new IllegalArgumentException("--ours LAUNCHER and --npm CLI.mjs are required");
      }
      if (options.runs < 1 || options.calls < 1 || options.httpSeconds > 120 || options.sessions > 64) {
        throw new IllegalArgumentException("--runs and --calls must be positive; --http-seconds ≤ 120, --sessions ≤ 64");
      }
      return options;
    }
  }
}
