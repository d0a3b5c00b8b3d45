package dev.openapimcp.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server standing in for the API: it records every request (method, raw path and
 * query, headers, body) and answers with scripted responses.
 *
 * <pre>{@code
 * try (RecordingUpstream api = RecordingUpstream.start()) {
 *   api.respond(200, "{\"ok\":true}");
 *   // ... point the server's BASE_URL at api.baseUrl() and call a tool ...
 *   assertThat(api.onlyRequest().target()).isEqualTo("/v1/items/42?expand=true");
 * }
 * }</pre>
 *
 * <p>Responses queued with {@link #enqueue} are used first, one per request; after that every
 * request gets the default set by {@link #respond} (initially {@code 200 {}}).
 */
public final class RecordingUpstream implements AutoCloseable {

  /** A scripted answer. */
  public record Response(int status, Map<String, String> headers, byte[] body, Duration delay) {

    public Response {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      body = body.clone();
    }

    /** {@code status} with a JSON body (or no body when {@code json} is empty). */
    public static Response json(int status, String json) {
      return of(status, json.isEmpty() ? null : "application/json", json);
    }

    /** {@code status} with {@code body} of {@code contentType} ({@code null} for none). */
    public static Response of(int status, String contentType, String body) {
      Map<String, String> headers = new LinkedHashMap<>();
      if (contentType != null) {
        headers.put("Content-Type", contentType);
      }
      return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    /** This response with one more header. */
    public Response withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Response(status, more, body, delay);
    }

    /** This response, sent only after {@code wait}. */
    public Response after(Duration wait) {
      return new Response(status, headers, body, wait);
    }
  }

  /**
   * One request as received.
   *
   * @param method HTTP method
   * @param target raw path and query, exactly as on the request line
   * @param headers header name (any case) to values
   * @param body body bytes, empty when none
   */
  public record RecordedRequest(String method, String target, Map<String, List<String>> headers, byte[] body) {

    public RecordedRequest {
      Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      headers = Collections.unmodifiableMap(copy);
      body = body.clone();
    }

    /** The raw path, without the query. */
    public String path() {
      int question = target.indexOf('?');
      return question < 0 ? target : target.substring(0, question);
    }

    /** The raw query without {@code ?}, or {@code null} when there is none. */
    public String query() {
      int question = target.indexOf('?');
      return question < 0 ? null : target.substring(question + 1);
    }

    /** The first value of header {@code name} (any case), or {@code null}. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static {
    // The JDK server sends headers and body in separate packets; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK, some 40 ms per request. Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Response> queue = new ArrayDeque<>();
  private Function<RecordedRequest, Response> fallback = request -> Response.json(200, "{}");

  private RecordingUpstream(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts listening on {@code 127.0.0.1} on a free port. */
  public static RecordingUpstream start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              runnable -> {
                Thread thread = new Thread(runnable, "recording-upstream");
                thread.setDaemon(true);
                return thread;
              });
      RecordingUpstream upstream = new RecordingUpstream(server, executor);
      server.createContext("/", upstream::handle);
      server.setExecutor(executor);
      server.start();
      return upstream;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, no trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers every later request with {@code status} and the JSON {@code json} (empty: no body). */
  public RecordingUpstream respond(int status, String json) {
    return respond(Response.json(status, json));
  }

  /** Answers every later request (after the queue) with {@code response}. */
  public synchronized RecordingUpstream respond(Response response) {
    fallback = request -> response;
    return this;
  }

  /**
   * Answers every later request (after the queue) with what {@code responder} makes of it, such as
   * an echo of its path, so concurrent callers can check they got their own answer.
   */
  public synchronized RecordingUpstream respondWith(Function<RecordedRequest, Response> responder) {
    fallback = responder;
    return this;
  }

  /** Answers the next request not yet answered by a queued response with {@code response}. */
  public synchronized RecordingUpstream enqueue(Response response) {
    queue.add(response);
    return this;
  }

  /** Every request so far, oldest first. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The only request so far; fails when there were none or several. */
  public RecordedRequest onlyRequest() {
    List<RecordedRequest> all = requests();
    if (all.size() != 1) {
      throw new AssertionError("Expected exactly one request but got " + all.size() + ": " + describe(all));
    }
    return all.get(0);
  }

  /** The latest request; fails when there was none. */
  public RecordedRequest lastRequest() {
    List<RecordedRequest> all = requests();
    if (all.isEmpty()) {
      throw new AssertionError("Expected a request but got none");
    }
    return all.get(all.size() - 1);
  }

  /** Forgets recorded requests and queued responses; the default answer becomes {@code 200 {}}. */
  public synchronized void reset() {
    requests.clear();
    queue.clear();
    fallback = request -> Response.json(200, "{}");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static String describe(List<RecordedRequest> all) {
    List<String> lines = new ArrayList<>();
    all.forEach(request -> lines.add(request.method() + " " + request.target()));
    return lines.toString();
  }

  private Response next(RecordedRequest request) {
    Function<RecordedRequest, Response> responder;
    synchronized (this) {
      Response queued = queue.poll();
      if (queued != null) {
        return queued;
      }
      responder = fallback;
    }
    return responder.apply(request);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      RecordedRequest recorded =
          new RecordedRequest(
              exchange.getRequestMethod(), exchange.getRequestURI().toString(), exchange.getRequestHeaders(), body);
      requests.add(recorded);
      Response response = next(recorded);
      if (!response.delay().isZero()) {
        try {
          Thread.sleep(response.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      boolean noBody = response.body().length == 0 || response.status() == 204 || response.status() == 304;
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    } finally {
      exchange.close();
    }
  }
}
