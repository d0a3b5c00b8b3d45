package dev.openapimcp.bench;

import dev.openapimcp.model.ProtocolVersions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One MCP server process spoken to over stdio, one request at a time: each request is written as a
 * line and the caller blocks reading lines until the answer with its id arrives.
 */
final class StdioServer implements AutoCloseable {

  static final String INITIALIZE_PARAMS =
      "{\"protocolVersion\":\"" + ProtocolVersions.CLIENT + "\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"openapi-mcp-bench\",\"version\":\"1\"}}";

  private final Process process;
  private final OutputStream in;
  private final BufferedReader out;
  private final long spawnedNanos;
  private int nextId = 1;

  private StdioServer(Process process, long spawnedNanos) {
    this.process = process;
    this.in = process.getOutputStream();
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
    this.spawnedNanos = spawnedNanos;
  }

  /** Starts {@code command}; its standard error goes to {@code stderr} (appended). */
  static StdioServer start(List<String> command, Map<String, String> environment, Path stderr) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    // A null value removes the variable from the inherited environment.
    environment.forEach((name, value) -> {
      if (value == null) {
        builder.environment().remove(name);
      } else {
        builder.environment().put(name, value);
      }
    });
    Files.createDirectories(stderr.getParent());
    builder.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    long spawned = System.nanoTime();
    Process process = builder.start();
    return new StdioServer(process, spawned);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String exitCode() {
    return exitValueNow();
  }

  /** Ends the process and any children it started (SIGTERM, then SIGKILL after 5 s). */
  void killTree() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  long pid() {
    return process.pid();
  }

  /** Nanoseconds since the process was spawned. */
  long sinceSpawn() {
    return System.nanoTime() - spawnedNanos;
  }

  /** Sends a request and returns the raw answer line (as the server wrote it, without the newline). */
  String request(String method, String paramsJson) throws IOException {
    int id = nextId++;
    write("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
    return awaitAnswer(id);
  }

  void notify(String method) throws IOException {
    write("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}");
  }

  /** initialize + notifications/initialized; returns the initialize answer. */
  String initialize() throws IOException {
    String answer = request("initialize", INITIALIZE_PARAMS);
    notify("notifications/initialized");
    return answer;
  }

  String callTool(String name, String argumentsJson) throws IOException {
    String answer = request("tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + argumentsJson + "}");
    if (answer.contains("\"error\":{") && !answer.contains("\"result\"")) {
      throw new IOException("tools/call " + name + " failed: " + abbreviate(answer));
    }
    return answer;
  }

  /**
   * A {@code tools/call} of MCP 2026-07-28: no session, the protocol version and client in each
   * request's {@code _meta}. Only our server speaks it; it serves it in its own lane, not the SDK's.
   */
  String callToolModern(String name, String argumentsJson) throws IOException {
    String answer = request("tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + argumentsJson
        + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
        + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"bench\",\"version\":\"1\"},"
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}");
    if (!answer.contains("\"resultType\":\"complete\"")) {
      throw new IOException("tools/call " + name + " (2026-07-28) failed: " + abbreviate(answer));
    }
    return answer;
  }

  private void write(String line) throws IOException {
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private String awaitAnswer(int id) throws IOException {
    String idField = "\"id\":" + id;
    String line;
    while ((line = out.readLine()) != null) {
      // Both servers write compact JSON; answers start with jsonrpc or result/id in some order.
      int at = line.indexOf(idField);
      if (at >= 0 && line.length() > at + idField.length()) {
        char next = line.charAt(at + idField.length());
        if ((next == ',' || next == '}') && !line.contains("\"method\":\"notifications/")) {
          return line;
        }
      }
    }
    throw new IOException("the server closed its output before answering request " + id
        + (process.isAlive() ? "" : " (exit " + exitValueNow() + ")"));
  }

  private String exitValueNow() {
    try {
      return String.valueOf(process.exitValue());
    } catch (IllegalThreadStateException e) {
      return "running";
    }
  }

  /** VmRSS and VmHWM of the process in KiB, from /proc/PID/status; -1 when unavailable. */
  /**
   * The CPU time the server process has used so far (user + system, in ms), from {@code
   * /proc/PID/stat} at the kernel's 100 ticks per second; -1 where there is no such file.
   */
  long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  long[] memoryKib() {
    long rss = -1;
    long hwm = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        } else if (line.startsWith("VmHWM:")) {
          hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return new long[] {rss, hwm};
  }

  @Override
  public void close() throws IOException {
    close(5);
  }

  /**
   * Closes the server's input and gives it {@code seconds} to exit (a server that caches a catalog
   * finishes writing it first) before it is stopped.
   */
  public void close(int seconds) throws IOException {
    try {
      in.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    out.close();
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
