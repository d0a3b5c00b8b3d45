package dev.openapimcp.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback stand-in for api.notion.com that both servers (and the direct-HTTP baseline) talk
 * to: fixed, realistic JSON answers, no think time, keep-alive.
 */
public final class LoopbackApi implements AutoCloseable {

  static final String PAGE_ID = "59833787-2cf9-4fdf-8782-e53db20768a5";

  /** A page object as GET /v1/pages/{id} returns it (about 1.4 KB). */
  static final byte[] PAGE = ("{\"object\":\"page\",\"id\":\"" + PAGE_ID + "\",\"created_time\":\"2022-03-01T19:05:00.000Z\","
      + "\"last_edited_time\":\"2022-07-06T20:25:00.000Z\",\"created_by\":{\"object\":\"user\",\"id\":"
      + "\"ee5f0f84-409a-440f-983a-a5315961c6e4\"},\"last_edited_by\":{\"object\":\"user\",\"id\":"
      + "\"0c3e9826-b8f7-4f73-927d-2caaf86f1103\"},\"cover\":{\"type\":\"external\",\"external\":{\"url\":"
      + "\"https://upload.wikimedia.org/wikipedia/commons/6/62/Tuscankale.jpg\"}},\"icon\":{\"type\":\"emoji\","
      + "\"emoji\":\"\\ud83e\\udd6c\"},\"parent\":{\"type\":\"data_source_id\",\"data_source_id\":"
      + "\"d9824bdc-8445-4327-be8b-5b47500af6ce\"},\"archived\":false,\"in_trash\":false,\"properties\":{"
      + "\"Store availability\":{\"id\":\"%3AUPp\",\"type\":\"multi_select\",\"multi_select\":[{\"id\":"
      + "\"t|O@\",\"name\":\"Gus's Community Market\",\"color\":\"yellow\"},{\"id\":\"{Ml\\\\\",\"name\":"
      + "\"Rainbow Grocery\",\"color\":\"gray\"}]},\"Food group\":{\"id\":\"A%40Hk\",\"type\":\"select\","
      + "\"select\":{\"id\":\"5e8e7e8f-432e-4d8a-8166-1821e10225fc\",\"name\":\"\\ud83e\\udd6c Vegetable\","
      + "\"color\":\"pink\"}},\"Price\":{\"id\":\"BJXS\",\"type\":\"number\",\"number\":2.5},\"Name\":{\"id\":"
      + "\"title\",\"type\":\"title\",\"title\":[{\"type\":\"text\",\"text\":{\"content\":\"Tuscan kale\","
      + "\"link\":null},\"annotations\":{\"bold\":false,\"italic\":false,\"strikethrough\":false,\"underline\":"
      + "false,\"code\":false,\"color\":\"default\"},\"plain_text\":\"Tuscan kale\",\"href\":null}]}},\"url\":"
      + "\"https://www.notion.so/Tuscan-kale-598337872cf94fdf8782e53db20768a5\",\"public_url\":null}")
      .getBytes(StandardCharsets.UTF_8);

  /** A search result as POST /v1/search returns it (three results, about 4 KB). */
  static final byte[] SEARCH;

  static {
    String page = new String(PAGE, StandardCharsets.UTF_8);
    SEARCH = ("{\"object\":\"list\",\"results\":[" + page + "," + page + "," + page
        + "],\"next_cursor\":null,\"has_more\":false,\"type\":\"page_or_data_source\",\"page_or_data_source\":{}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();

  private LoopbackApi(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static LoopbackApi start(int threads) throws IOException {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: +40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "loopback-api");
      thread.setDaemon(true);
      return thread;
    });
    LoopbackApi api = new LoopbackApi(server, executor);
    server.createContext("/", api::handle);
    server.setExecutor(executor);
    server.start();
    return api;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    String path = exchange.getRequestURI().getRawPath();
    byte[] body;
    if (path.startsWith("/v1/search")) {
      body = SEARCH;
    } else if (path.startsWith("/v1/pages/")) {
      body = PAGE;
    } else {
      body = "{}".getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
