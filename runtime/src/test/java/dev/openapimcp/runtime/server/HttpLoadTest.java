package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.RecordedRequest;
import dev.openapimcp.testing.TestCatalog;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many concurrent HTTP sessions against a loopback API: every call must come back with its own
 * answer, and the API must see every call exactly once. Throughput and latency are printed, not
 * asserted: they depend on the machine.
 */
class HttpLoadTest {

  private static final int SESSIONS = 16;
  private static final int CALLS_PER_SESSION = 500;
  private static final String AUTH_TOKEN = "load-test-token";

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sixteenSessionsOfFiveHundredCallsLoseAndMixUpNothing() throws Exception {
    try (RecordingUpstream api = RecordingUpstream.start();
        McpProxyServer server =
            McpProxyServer.builder(TestCatalog.catalog())
                .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "env-token"))
                .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0)
                    .authToken(AUTH_TOKEN).build())
                .build()
                .start()) {
      // The API echoes the path, which holds the call's unique id.
      api.respondWith(request -> RecordingUpstream.Response.json(200, "{\"path\":\"" + request.path() + "\"}"));
      List<McpSyncClient> clients = new ArrayList<>();
      for (int s = 0; s < SESSIONS; s++) {
        clients.add(McpHttp.connect(server.httpPort(), Map.of("Authorization", "Bearer " + AUTH_TOKEN)));
      }
      // Warm-up: class loading and JIT on the first calls would dominate the figures.
      for (McpSyncClient client : clients) {
        client.callTool(CallToolRequest.builder("get-item").arguments(Map.of("item_id", "warm-up")).build());
      }
      api.reset();
      api.respondWith(request -> RecordingUpstream.Response.json(200, "{\"path\":\"" + request.path() + "\"}"));

      ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
      long[] latencies = new long[SESSIONS * CALLS_PER_SESSION];
      long started = System.nanoTime();
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
          int session = s;
          McpSyncClient client = clients.get(s);
          runs.add(pool.submit(() -> {
            int mismatches = 0;
            for (int c = 0; c < CALLS_PER_SESSION; c++) {
              String id = "s" + session + "-c" + c;
              long before = System.nanoTime();
              CallToolResult result =
                  client.callTool(CallToolRequest.builder("get-item").arguments(Map.of("item_id", id)).build());
              latencies[session * CALLS_PER_SESSION + c] = System.nanoTime() - before;
              if (Boolean.TRUE.equals(result.isError())
                  || !Map.of("path", "/v1/items/" + id).equals(result.structuredContent())) {
                mismatches++;
              }
            }
            return mismatches;
          }));
        }
        int mismatches = 0;
        for (Future<Integer> run : runs) {
          mismatches += run.get();
        }
        assertThat(mismatches).as("calls answered with another call's result or an error").isZero();
      } finally {
        pool.shutdownNow();
        clients.forEach(McpSyncClient::closeGracefully);
      }
      long elapsed = System.nanoTime() - started;

      List<RecordedRequest> requests = api.requests();
      Set<String> seen = new HashSet<>();
      for (RecordedRequest request : requests) {
        assertThat(seen.add(request.path())).as("sent twice: " + request.path()).isTrue();
      }
      Set<String> expected = new HashSet<>();
      for (int s = 0; s < SESSIONS; s++) {
        for (int c = 0; c < CALLS_PER_SESSION; c++) {
          expected.add("/v1/items/s" + s + "-c" + c);
        }
      }
      assertThat(seen).isEqualTo(expected);

      Arrays.sort(latencies);
      int calls = latencies.length;
      System.err.printf(
          "HTTP load: %d sessions x %d calls = %d calls in %.2f s: %.0f calls/s, latency p50 %.1f ms,"
              + " p99 %.1f ms, max %.1f ms%n",
          SESSIONS, CALLS_PER_SESSION, calls, elapsed / 1e9, calls / (elapsed / 1e9),
          latencies[calls / 2] / 1e6, latencies[(int) Math.ceil(calls * 0.99) - 1] / 1e6,
          latencies[calls - 1] / 1e6);
    }
  }
}
