package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.RedisServer;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Three stateless HTTP replicas sharing one rate limit through a real {@code redis-server}, each
 * with several concurrent clients, against one loopback API that notes when each request arrives.
 * The limits asserted are the limiter's own figures with room to spare, and hold only if the
 * replicas share their buckets: alone, each would send a burst and then its own rate, three times
 * as much.
 */
class SharedRateLimitReplicasTest {

  private static final int REPLICAS = 3;
  private static final int CLIENTS_PER_REPLICA = 3;
  private static final int CALLS_PER_CLIENT = 7;
  private static final double RATE = 10;
  /** The limiter's burst at this rate: a second's allowance. */
  private static final int BURST = 10;
  private static final String AUTH = "Bearer replicas-token";

  private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
  private final List<McpProxyServer> replicas = new ArrayList<>();
  private final List<McpSyncClient> clients = new ArrayList<>();
  private RecordingUpstream api;
  private RedisServer redis;

  @BeforeEach
  void start() {
    redis = RedisServer.start(null);
    api = RecordingUpstream.start();
    api.respondWith(request -> {
      arrivals.add(System.nanoTime());
      return RecordingUpstream.Response.json(200, "{\"path\":\"" + request.path() + "\"}");
    });
    for (int r = 0; r < REPLICAS; r++) {
      McpProxyServer replica = McpProxyServer.builder(TestCatalog.catalog())
          .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, "shared-api-token"))
          .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).stateless(true)
              .authToken("replicas-token").rateLimit(RATE).rateLimitStore(redis.uri(0)).build())
          .build()
          .start();
      replicas.add(replica);
      for (int c = 0; c < CLIENTS_PER_REPLICA; c++) {
        clients.add(McpHttp.connect(replica.httpPort(), Map.of("Authorization", AUTH)));
      }
    }
  }

  /** Also after a start that did not get far: without redis-server the test is skipped, not an error here. */
  @AfterEach
  void stop() {
    clients.forEach(McpSyncClient::close);
    replicas.forEach(McpProxyServer::close);
    if (api != null) {
      api.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** Every client makes {@code calls} calls at once with the others; returns how many were answered without error. */
  private int callFromEveryClient(int calls, String prefix) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    try {
      AtomicInteger answered = new AtomicInteger();
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < clients.size(); i++) {
        McpSyncClient client = clients.get(i);
        String id = prefix + i;
        runs.add(pool.submit(() -> {
          for (int c = 0; c < calls; c++) {
            String item = id + "-" + c;
            CallToolResult result =
                client.callTool(CallToolRequest.builder("get-item").arguments(Map.of("item_id", item)).build());
            if (!Boolean.TRUE.equals(result.isError())
                && Map.of("path", "/v1/items/" + item).equals(result.structuredContent())) {
              answered.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(120, TimeUnit.SECONDS);
      }
      return answered.get();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void replicasJointlyStayWithinTheLimit() throws Exception {
    int total = clients.size() * CALLS_PER_CLIENT;

    assertThat(callFromEveryClient(CALLS_PER_CLIENT, "c")).isEqualTo(total);

    List<Long> times = sortedArrivals();
    assertThat(times).hasSize(total);
    // A burst at once, then one request per 1/RATE s: the last goes (total - burst) / rate after the
    // first at the earliest (5.3 s here). Replicas limiting alone would take about 1.1 s.
    double span = (times.get(total - 1) - times.get(0)) / 1e9;
    double earliest = (total - BURST) / RATE;
    System.out.printf("%d requests from %d replicas in %.2f s (at the limit: %.2f s), at most %d in one second%n",
        total, REPLICAS, span, earliest, mostInOneSecond(times));
    assertThat(span).as("seconds from the first request to the last").isGreaterThanOrEqualTo(0.8 * earliest);
    // In any one second, at most a burst and a second's rate: 20; alone, the replicas would send 60.
    assertThat(mostInOneSecond(times)).isLessThanOrEqualTo((int) (1.5 * (BURST + RATE)));
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aRedisOutageLeavesEveryCallAnsweredAndRedisIsUsedAgainWhenBack() throws Exception {
    assertThat(callFromEveryClient(1, "before")).isEqualTo(clients.size());
    assertThat(bucketKeys()).isOne();

    redis.stop();
    assertThat(callFromEveryClient(3, "during")).as("calls answered while Redis is down").isEqualTo(3 * clients.size());

    redis.restart();
    assertThat(bucketKeys()).isZero();
    // Each replica tries Redis again a second after its last failure; a hang guard, not a timing assertion.
    long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int after = 0;
    while (bucketKeys() == 0 && System.nanoTime() < giveUpAt) {
      assertThat(callFromEveryClient(1, "after" + after++)).isEqualTo(clients.size());
      Thread.sleep(100);
    }
    assertThat(bucketKeys()).as("the shared bucket, back in Redis").isOne();
    assertThat(api.requests()).hasSize(clients.size() * (1 + 3 + after));
  }

  private long bucketKeys() {
    try (RedisClient client = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", redis.port())).build()) {
      return client.keys("openapi-mcp:rate:*").size();
    }
  }

  private List<Long> sortedArrivals() {
    List<Long> times;
    synchronized (arrivals) {
      times = new ArrayList<>(arrivals);
    }
    Collections.sort(times);
    return times;
  }

  /** The most requests that arrived within any one second. */
  private static int mostInOneSecond(List<Long> times) {
    int most = 0;
    int start = 0;
    long second = Duration.ofSeconds(1).toNanos();
    for (int end = 0; end < times.size(); end++) {
      while (times.get(end) - times.get(start) >= second) {
        start++;
      }
      most = Math.max(most, end - start + 1);
    }
    return most;
  }
}
