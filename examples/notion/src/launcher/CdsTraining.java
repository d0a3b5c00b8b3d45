import com.sun.net.httpserver.HttpServer;
import dev.openapimcp.model.ProtocolVersions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Training run for the server's class-data archive, run by the build right after the jar is
 * packaged, with the same JVM that built it:
 *
 * <pre>
 * java -cp SERVER.jar CdsTraining.java SERVER.jar ARCHIVE-NAME LOG [TOOL JSON-ARGUMENTS]...
 * </pre>
 *
 * <p>It starts the server, answers {@code initialize}, lists the tools, calls each given tool once
 * against a loopback stand-in for the API (so the HTTP client, validation and result classes are
 * archived too), then closes standard input and the server ends. What it writes beside the jar
 * depends on the JVM:
 *
 * <ul>
 *   <li>JDK 25 and later: {@code ARCHIVE-NAME.aot}, an AOT cache ({@code -XX:AOTCacheOutput}: classes
 *       loaded and linked, with method profiles);
 *   <li>earlier JDKs: {@code ARCHIVE-NAME.jsa}, a static class-data archive of the JDK's and the
 *       server's classes, dumped ({@code -Xshare:dump}) from the list of classes the training run
 *       loaded. One static archive starts about 10 ms sooner than the JDK's own archive with a
 *       dynamic one on top.
 * </ul>
 *
 * <p>The launcher uses whichever it finds. The server's standard error goes to LOG. Exits
 * non-zero, printing why, when the server does not answer or does not end cleanly. Single file,
 * so it runs with {@code java CdsTraining.java}; besides the JDK it reads only the protocol version
 * our clients ask for ({@code ProtocolVersions}) from the server jar on its class path.
 */
public final class CdsTraining {

  private static final long ANSWER_SECONDS = 60;

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length % 2 == 0) {
      System.err.println(
          "usage: java -cp SERVER.jar CdsTraining.java SERVER.jar ARCHIVE-NAME LOG [TOOL JSON-ARGUMENTS]...");
      System.exit(2);
    }
    // Canonical paths: the archive records the jar's path, and the launcher names it the same way.
    Path jar = Path.of(args[0]).toRealPath();
    String name = Path.of(args[1]).getFileName().toString();
    Path aotCache = jar.getParent().resolve(name + ".aot");
    Path staticArchive = jar.getParent().resolve(name + ".jsa");
    Path classList = jar.getParent().resolve(name + ".classlist");
    Path log = Path.of(args[2]).toAbsolutePath();
    // An archive of another kind or an older jar would be picked up by the launcher: remove both.
    Files.deleteIfExists(aotCache);
    Files.deleteIfExists(staticArchive);
    Files.deleteIfExists(classList);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    boolean aot = Runtime.version().feature() >= 25;
    Path archive = aot ? aotCache : staticArchive;
    List<String> calls = new ArrayList<>();
    for (int i = 3; i < args.length; i += 2) {
      calls.add(args[i]);
      calls.add(args[i + 1]);
    }

    long started = System.nanoTime();
    train(java, aot ? "-XX:AOTCacheOutput=" + aotCache : "-XX:DumpLoadedClassList=" + classList, jar, log, calls);
    if (aot) {
      // The JVM assembles the cache as it exits; give a slow machine a moment to finish writing.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
      while (!Files.isRegularFile(aotCache) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } else {
      Process dump = new ProcessBuilder(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
              "-XX:SharedArchiveFile=" + staticArchive, "-cp", jar.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      if (!dump.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS) || dump.exitValue() != 0) {
        dump.destroyForcibly();
        fail("-Xshare:dump did not write the archive", log);
      }
    }
    if (!Files.isRegularFile(archive)) {
      fail("the JVM wrote no archive at " + archive, log);
    }
    System.out.printf(
        "[cds] %s: %,d bytes, trained in %d ms (initialize, tools/list%s) with %s%n",
        archive.getFileName(),
        Files.size(archive),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        calls.isEmpty() ? "" : ", " + String.join(", ", toolNames(calls)),
        java);
  }

  private static List<String> toolNames(List<String> calls) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < calls.size(); i += 2) {
      names.add(calls.get(i));
    }
    return names;
  }

  /** One session with the server started with {@code archiveFlag} and the launcher's other flags. */
  private static void train(String java, String archiveFlag, Path jar, Path log, List<String> calls)
      throws Exception {
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"object\":\"list\",\"results\":[],\"has_more\":false}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    api.start();
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  archiveFlag,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:CompileThresholdScaling=0.5",
                  "-XX:+UseSerialGC",
                  "-Xms16m",
                  "-XX:-UsePerfData",
                  "-Xlog:disable",
                  "-Xlog:all=warning:stderr",
                  "-jar",
                  jar.toString())
              .redirectError(log.toFile());
      builder.environment().put("BASE_URL", "http://127.0.0.1:" + api.getAddress().getPort());
      builder.environment().put("OPENAPI_MCP_HEADERS", "{\"Authorization\":\"Bearer cds-training\"}");
      Process server = builder.start();
      try (Writer in = new java.io.OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
          BufferedReader out =
              new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"" + ProtocolVersions.CLIENT + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"cds-training\","
            + "\"version\":\"1\"}}}");
        await(out, 1, log);
        send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");
        await(out, 2, log);
        for (int i = 0; i < calls.size(); i += 2) {
          int id = i / 2 + 3;
          send(in, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
              + calls.get(i) + "\",\"arguments\":" + calls.get(i + 1) + "}}");
          await(out, id, log);
        }
        in.close();
        // Drain anything left so the server never blocks on a full pipe while it exits.
        while (out.readLine() != null) {
          // discard
        }
      }
      if (!server.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS)) {
        server.destroyForcibly();
        fail("the server did not exit within " + ANSWER_SECONDS + " s after its input closed", log);
      }
      if (server.exitValue() != 0) {
        fail("the server exited with " + server.exitValue(), log);
      }
    } finally {
      api.stop(0);
    }
  }

  private static void send(Writer in, String line) throws IOException {
    in.write(line);
    in.write('\n');
    in.flush();
  }

  /** Reads lines until the response with {@code id}; notifications and other lines are skipped. */
  private static void await(BufferedReader out, int id, Path log) throws IOException {
    // readLine blocks; a watchdog ends the wait if the server hangs.
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(ANSWER_SECONDS));
        System.err.println("[cds] no answer to request " + id + " within " + ANSWER_SECONDS + " s; see " + log);
        Runtime.getRuntime().halt(1);
      } catch (InterruptedException e) {
        // answered in time
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      String line;
      while ((line = out.readLine()) != null) {
        String compact = line.replace(" ", "");
        if (compact.contains("\"id\":" + id + ",") || compact.contains("\"id\":" + id + "}")) {
          if (compact.contains("\"error\":")) {
            fail("request " + id + " failed: " + line, log);
          }
          return;
        }
      }
      fail("the server closed its output before answering request " + id, log);
    } finally {
      watchdog.interrupt();
    }
  }

  private static void fail(String why, Path log) throws IOException {
    System.err.println("[cds] training run failed: " + why);
    if (Files.isRegularFile(log)) {
      System.err.println("[cds] server stderr (" + log + "):");
      System.err.println(Files.readString(log, StandardCharsets.UTF_8));
    }
    System.exit(1);
  }
}
