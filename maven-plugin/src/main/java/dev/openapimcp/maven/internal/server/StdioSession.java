package dev.openapimcp.maven.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JSON-RPC client over a server process's standard input and output, one line per message, as
 * MCP's stdio transport has it. Lines are read on a thread of their own, so no answer is awaited
 * longer than the given limit.
 */
final class StdioSession implements AutoCloseable {

  /** Marks the end of the server's output in the queue. */
  private static final String END = new String("end of output");

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final OutputStream in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Duration limit;
  private int nextId = 1;

  StdioSession(Process process, Duration limit) {
    this.process = process;
    this.in = process.getOutputStream();
    this.limit = limit;
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process went away; END below says so
      } finally {
        lines.add(END);
      }
    }, "training-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Sends a request and returns its {@code result}; a JSON-RPC error or no answer in time is an exception. */
  JsonNode request(String method, JsonNode params) throws IOException, InterruptedException {
    int id = nextId++;
    ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    message.set("params", params);
    send(message);
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IOException("no answer to " + method + " within " + limit.toSeconds() + " s");
      }
      if (line == END) {
        throw new IOException("the server closed its output before answering " + method);
      }
      JsonNode answer = json.readTree(line);
      if (answer.path("id").asInt(-1) != id) {
        continue; // a notification or a request of the server's
      }
      if (answer.has("error")) {
        throw new IOException(method + " failed: " + answer.path("error").path("message").asText(answer.toString()));
      }
      return answer.path("result");
    }
  }

  /** Sends a notification. */
  void notify(String method) throws IOException {
    send(json.createObjectNode().put("jsonrpc", "2.0").put("method", method));
  }

  ObjectMapper json() {
    return json;
  }

  private void send(JsonNode message) throws IOException {
    in.write(json.writeValueAsBytes(message));
    in.write('\n');
    in.flush();
  }

  /**
   * Closes the server's input, which ends a stdio server, and waits for it to exit.
   *
   * @return its exit code
   */
  int finish() throws IOException, InterruptedException {
    in.close();
    // Drain whatever is left so the server never blocks on a full pipe while it exits.
    long deadline = System.nanoTime() + limit.toNanos();
    while (lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) != END) {
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    if (!process.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())), TimeUnit.SECONDS)) {
      throw new IOException("the server did not exit within " + limit.toSeconds() + " s after its input closed");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
