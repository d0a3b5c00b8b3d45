package dev.openapimcp.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.model.ProtocolVersions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Talks newline-delimited JSON-RPC to an MCP server's stdin and stdout, keeping every line the
 * server wrote so tests can check that stdout carries nothing but JSON-RPC.
 */
public final class JsonRpcLines implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Map<String, Object> INITIALIZE_PARAMS = Map.of(
      "protocolVersion", ProtocolVersions.CLIENT,
      "capabilities", Map.of(),
      "clientInfo", Map.of("name", "json-rpc-lines", "version", "1"));

  private final OutputStream toServer;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger ids = new AtomicInteger();
  private final Thread reader;
  private volatile boolean ended;

  /** Starts reading {@code fromServer} on a daemon thread. */
  public JsonRpcLines(OutputStream toServer, InputStream fromServer) {
    this.toServer = toServer;
    this.reader = new Thread(() -> readAll(fromServer), "json-rpc-lines");
    reader.setDaemon(true);
    reader.start();
  }

  private void readAll(InputStream fromServer) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // The server went away; waiting callers time out or see the end.
    } finally {
      ended = true;
      synchronized (lines) {
        lines.notifyAll();
      }
    }
  }

  /** Sends {@code initialize} and {@code notifications/initialized}; returns the initialize result. */
  public Map<String, Object> initialize() {
    Map<String, Object> result = result(request("initialize", INITIALIZE_PARAMS));
    notify("notifications/initialized", Map.of());
    return result;
  }

  /**
   * Sends {@code initialize} with {@code id} and {@code notifications/initialized} at once, without waiting for
   * the answer, as a client piping a script does; the answer is among {@link #lines()}.
   */
  public void sendInitialize(int id) {
    sendRequest(id, "initialize", INITIALIZE_PARAMS);
    notify("notifications/initialized", Map.of());
  }

  /**
   * Sends a request with {@code id} without waiting for its answer (the answer is among {@link #lines()}); pick ids
   * {@link #request} does not use (it counts from 1).
   */
  public void sendRequest(int id, String method, Map<String, Object> params) {
    send(message(id, method, params));
  }

  /** {@code tools/call} of {@code name}; returns the call's result object. */
  public Map<String, Object> callTool(String name, Map<String, Object> arguments) {
    return result(request("tools/call", Map.of("name", name, "arguments", arguments)));
  }

  /** Sends a request and waits for the response with its id (result or error). */
  public Map<String, Object> request(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    send(message(id, method, params));
    return awaitResponse(id);
  }

  private static Map<String, Object> message(int id, String method, Map<String, Object> params) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    message.put("params", params);
    return message;
  }

  /** Sends a notification. */
  public void notify(String method, Map<String, Object> params) {
    sendRaw(notificationLine(method, params));
  }

  /** The line {@link #sendRequest} writes, for tests that put it together with others (two on one line, say). */
  public static String requestLine(int id, String method, Map<String, Object> params) {
    return json(message(id, method, params));
  }

  /** The line {@link #notify} writes. */
  public static String notificationLine(String method, Map<String, Object> params) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("jsonrpc", "2.0");
    message.put("method", method);
    message.put("params", params);
    return json(message);
  }

  /** Writes {@code line} and a newline, as is. */
  public void sendRaw(String line) {
    try {
      toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(Map<String, Object> message) {
    sendRaw(json(message));
  }

  private static String json(Map<String, Object> message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Map<String, Object> awaitResponse(int id) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    int seen = 0;
    synchronized (lines) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          Map<String, Object> message = parse(lines.get(seen));
          if (message != null && Integer.valueOf(id).equals(message.get("id")) && !message.containsKey("method")) {
            return message;
          }
        }
        long left = deadline - System.nanoTime();
        if (ended || left <= 0) {
          throw new AssertionError(
              "No response to request " + id + (ended ? " (server output ended)" : "") + "; lines so far: " + lines);
        }
        try {
          lines.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted", e);
        }
      }
    }
  }

  @SuppressWarnings("unchecked") // JSON objects parse to maps with string keys.
  private static Map<String, Object> result(Map<String, Object> response) {
    if (!(response.get("result") instanceof Map<?, ?> result)) {
      throw new AssertionError("Expected a result but got " + response);
    }
    return (Map<String, Object>) result;
  }

  /** {@code line} as a JSON object, or {@code null} when it is not one. */
  public static Map<String, Object> parse(String line) {
    try {
      return JSON.readValue(line, OBJECT);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Every line the server has written so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Waits until the server's output ends; whether it did within {@code timeout}. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
    return ended;
  }

  /** Closes the server's input, which asks it to stop. */
  public void endInput() {
    try {
      toServer.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  /**
   * Ends the session as a client does and checks that the server kept stdout for the protocol:
   * closes its input, waits up to {@code timeout} for {@code server} to exit with 0 and for its
   * output to end, and returns every line it wrote, each a JSON-RPC 2.0 message.
   *
   * @throws AssertionError saying which of these did not happen
   */
  public List<String> endSession(Process server, Duration timeout) throws InterruptedException {
    endInput();
    if (!server.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("The server did not exit within " + timeout + " of its input closing.");
    }
    if (server.exitValue() != 0) {
      throw new AssertionError("The server exited with " + server.exitValue() + ", not 0.");
    }
    if (!awaitEnd(Duration.ofSeconds(5))) {
      throw new AssertionError("The server exited but its output did not end within 5 s.");
    }
    List<String> written = lines();
    for (String line : written) {
      Map<String, Object> message = parse(line);
      if (message == null || !"2.0".equals(message.get("jsonrpc"))) {
        throw new AssertionError("A stdout line is not a JSON-RPC 2.0 message: "
            + (line.length() > 200 ? line.substring(0, 200) + "..." : line));
      }
    }
    return written;
  }

  /** Same as {@link #endInput()}. */
  @Override
  public void close() {
    endInput();
  }
}
