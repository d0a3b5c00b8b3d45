package dev.openapimcp.runtime.internal.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.RedisServer;
import dev.openapimcp.runtime.testing.VirtualTime;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Rate limiters sharing their buckets through a real {@code redis-server}. A rate of one request
 * per 10 s makes "the bucket is empty" independent of timing: a second turn within the test would
 * need a 10 s pause between two calls.
 */
class SharedRateLimitTest {

  private static final String PASSWORD = "redis-pass-6d1f";
  private static final String TOKEN = "Bearer secret-token-93ab";
  private static final double SLOW = 0.1;

  private final VirtualTime time = new VirtualTime();
  private final List<AutoCloseable> open = new ArrayList<>();
  private RedisServer redis;

  @BeforeEach
  void startRedis() {
    redis = RedisServer.start(PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
    // Null when redis-server is missing and the test was skipped.
    if (redis != null) {
      redis.close();
    }
  }

  private RateLimiter replica(double perSecond, String api) {
    RateLimiter limiter = RateLimiter.perSecond(perSecond, time).sharedIn(URI.create(redis.uri(3)), api);
    open.add(limiter);
    return limiter;
  }

  @Test
  void replicasTakeTurnsFromOneBucketPerCredential() throws Exception {
    RateLimiter first = replica(SLOW, "https://api.example.com");
    RateLimiter second = replica(SLOW, "https://api.example.com");

    assertThat(first.reserve(TOKEN, Duration.ZERO)).isEqualTo(Duration.ZERO);
    // Alone, the second replica's own bucket would still be full.
    assertThatThrownBy(() -> second.reserve(TOKEN, Duration.ZERO))
        .isInstanceOf(LocalLimitException.class)
        .hasMessageStartingWith("Rate limited locally: this server and its replicas send at most 0.1 requests per"
            + " second to the API for each credential")
        .hasMessageContaining("The request was not sent");
    // Another credential, and another API's buckets, are their own.
    assertThat(second.reserve("Bearer another-token", Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(replica(SLOW, "https://other.example.com").reserve(TOKEN, Duration.ZERO)).isEqualTo(Duration.ZERO);
    // Within a wait allowed, the turn is reserved and its wait said: about 10 s, never more.
    assertThat(second.reserve(TOKEN, Duration.ofSeconds(30)))
        .isGreaterThan(Duration.ofSeconds(5))
        .isLessThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void redisKeepsHashesOfCredentialsOnly() throws Exception {
    replica(SLOW, "https://api.example.com").reserve(TOKEN, Duration.ZERO);
    replica(SLOW, "https://api.example.com").reserve(null, Duration.ZERO);

    Set<String> keys;
    try (RedisClient client = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", redis.port()))
        .clientConfig(DefaultJedisClientConfig.builder().password(PASSWORD).database(3).build()).build()) {
      keys = client.keys("*");
      for (String key : keys) {
        assertThat(new String(client.get(key.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
            java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret-token");
        // Gone once the bucket would be full again (10 s here), plus Bucket4j's margin.
        assertThat(client.pttl(key)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12).toMillis());
      }
    }
    assertThat(keys).hasSize(2).allSatisfy(key -> assertThat(key).matches("openapi-mcp:rate:[0-9a-f]{64}"));
  }

  @Test
  void anOutageIsOneWarningAndTheLocalLimitThenRedisAgain() throws Exception {
    List<String> events = new ArrayList<>();
    RedisBuckets.Events record = new RedisBuckets.Events() {
      @Override
      public void unreachable(String address, String reason) {
        events.add("unreachable " + address + " " + reason);
      }

      @Override
      public void reachable(String address) {
        events.add("reachable " + address);
      }
    };
    long interval = 10_000_000_000L;
    try (RedisBuckets buckets = new RedisBuckets(URI.create(redis.uri(0)), 1, interval, time, record)) {
      assertThat(buckets.reserve("a", 0)).isZero();
      assertThat(buckets.reserve("a", 0)).isEqualTo(-1L);

      redis.stop();
      assertThat(buckets.reserve("a", 0)).isNull();
      // Within the retry interval Redis is not asked again: no second warning.
      assertThat(buckets.reserve("a", 0)).isNull();
      time.advance(RedisBuckets.RETRY_AFTER);
      assertThat(buckets.reserve("a", 0)).isNull();

      redis.restart();
      assertThat(buckets.reserve("a", 0)).as("still within the retry interval").isNull();
      time.advance(RedisBuckets.RETRY_AFTER);
      assertThat(buckets.reserve("a", 0)).isZero();
      assertThat(buckets.reserve("a", 0)).isEqualTo(-1L);
    }
    String address = "redis://127.0.0.1:" + redis.port() + "/0";
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).startsWith("unreachable " + address + " ").doesNotContain(PASSWORD);
    assertThat(events.get(1)).isEqualTo("reachable " + address);
  }

  @Test
  void withoutRedisTheLimiterLimitsAlone() throws Exception {
    RateLimiter limiter = replica(SLOW, "https://api.example.com");
    redis.stop();

    // The local bucket: one turn now, the next 10 s away.
    assertThat(limiter.reserve(TOKEN, Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> limiter.reserve(TOKEN, Duration.ZERO))
        .isInstanceOf(LocalLimitException.class)
        .hasMessageContaining("10 s away");
  }
}
