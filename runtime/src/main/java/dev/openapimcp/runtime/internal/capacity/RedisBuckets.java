package dev.openapimcp.runtime.internal.capacity;

import dev.openapimcp.runtime.internal.retry.TimeSource;
import dev.openapimcp.runtime.settings.ServerSettings;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;

/**
 * The rate limiter's buckets kept in Redis, so that every replica behind a load balancer takes its
 * turns from the same bucket per credential: Bucket4j's token buckets, each updated by one atomic
 * compare-and-swap script in Redis, on the Jedis client.
 *
 * <p>Redis is a help, never a gate: while it cannot be reached, {@link #reserve} says so and the
 * caller limits alone with its own buckets. One warning says when that starts (the store's address
 * only, never a password or a credential), one line when Redis answers again; meanwhile Redis is
 * tried again once {@link #RETRY_AFTER} has passed since the last failure, so an outage costs one
 * failed attempt per interval, not one per call.
 *
 * <p>Keys are {@code openapi-mcp:rate:} and a SHA-256 hash the caller makes of the API and the
 * credential: no credential reaches Redis. A key expires once its bucket would be full again.
 */
final class RedisBuckets implements AutoCloseable {

  /** How long after a failure Redis is left alone before it is tried again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  /**
   * How long one Redis command may take, to connect or to answer: a replica on the same network
   * answers in well under a millisecond, and a call waits this long at most before limiting alone.
   */
  static final int TIMEOUT_MILLIS = 500;

  private static final String KEY_PREFIX = "openapi-mcp:rate:";

  /** How long a key outlives the moment its bucket would be full again, when it is no longer needed. */
  private static final Duration KEY_MARGIN = Duration.ofSeconds(1);

  private final String address;
  private final UnifiedJedis redis;
  private final ProxyManager<String> buckets;
  private final BucketConfiguration configuration;
  private final TimeSource time;
  private final Events events;

  /** When Redis may be tried again after a failure (nanoTime), or {@code null} while it answers. */
  private Long downUntil;

  /** What happens to the store, for the log. */
  interface Events {
    /** Redis could not be reached; {@code reason} is the failure's type, never its message. */
    void unreachable(String address, String reason);

    /** Redis answers again. */
    void reachable(String address);
  }

  /**
   * @param store {@code redis://[[user]:password@]host[:port][/db]}, as {@link
   *     ServerSettings.Builder#rateLimitStore(String)} checked it
   * @param burst how many turns a full bucket holds
   * @param interval nanoseconds between turns at the sustained rate
   */
  RedisBuckets(URI store, long burst, long interval, TimeSource time, Events events) {
    this.address = ServerSettings.describeStore(store);
    this.time = time;
    this.events = events;
    DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(TIMEOUT_MILLIS)
        .socketTimeoutMillis(TIMEOUT_MILLIS)
        .clientName("openapi-mcp");
    if ("rediss".equals(store.getScheme())) {
      // TLS with the JDK's trusted certificates, the host name checked.
      client.sslOptions(SslOptions.defaults());
    }
    String path = store.getRawPath();
    if (path != null && path.length() > 1) {
      client.database(Integer.parseInt(path.substring(1)));
    }
    String userInfo = store.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
      client.password(decode(colon < 0 ? userInfo : userInfo.substring(colon + 1)));
      if (!user.isEmpty()) {
        client.user(user);
      }
    }
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    // As many connections as calls can run at once; a call never waits long for one.
    pool.setMaxTotal(64);
    pool.setMaxIdle(64);
    pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
    this.redis = RedisClient.builder()
        .hostAndPort(new HostAndPort(store.getHost(), store.getPort() < 0 ? 6379 : store.getPort()))
        .clientConfig(client.build())
        .poolConfig(pool)
        .build();
    Duration refill = Duration.ofNanos(burst * interval);
    this.configuration = BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(burst, refill).build())
        .build();
    this.buckets = Bucket4jJedis.casBasedBuilder(redis)
        .keyMapper(Mapper.STRING)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_MARGIN))
        .requestTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .build();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Where the buckets are, without a password. */
  String address() {
    return address;
  }

  /**
   * Reserves the next turn of the bucket {@code key} names.
   *
   * @param key a hash; never a credential
   * @return nanoseconds until the reserved turn; {@code -1} when it is more than {@code maxWaitNanos}
   *     away (nothing reserved); {@code null} when Redis cannot be reached, so the caller limits alone
   */
  Long reserve(String key, long maxWaitNanos) {
    if (!due()) {
      return null;
    }
    NanosToPark parked = new NanosToPark();
    boolean reserved;
    try {
      BucketProxy bucket = buckets.getProxy(KEY_PREFIX + key, () -> configuration);
      // Bucket4j waits for nothing with a wait of 0 only through its non-blocking call.
      reserved = maxWaitNanos <= 0 ? bucket.tryConsume(1) : bucket.asBlocking().tryConsume(1, maxWaitNanos, parked);
    } catch (InterruptedException e) {
      // The strategy never blocks; an interrupt would have come from the client.
      Thread.currentThread().interrupt();
      return null;
    } catch (RuntimeException e) {
      failed(e);
      return null;
    }
    recovered();
    return reserved ? parked.nanos : -1L;
  }

  private synchronized boolean due() {
    return downUntil == null || time.nanoTime() - downUntil >= 0;
  }

  private void failed(RuntimeException e) {
    boolean first;
    synchronized (this) {
      first = downUntil == null;
      downUntil = time.nanoTime() + RETRY_AFTER.toNanos();
    }
    if (first) {
      // The type only: Jedis's messages may quote the server's reply or the address with its password.
      events.unreachable(address, e.getClass().getSimpleName());
    }
  }

  private void recovered() {
    boolean was;
    synchronized (this) {
      was = downUntil != null;
      downUntil = null;
    }
    if (was) {
      events.reachable(address);
    }
  }

  @Override
  public void close() {
    redis.close();
  }

  /**
   * Learns how long Bucket4j would sleep for a reserved turn instead of sleeping: the caller waits
   * as it waits for its own buckets, within the request timeout.
   */
  private static final class NanosToPark implements BlockingStrategy {

    private long nanos;

    @Override
    public void park(long nanosToPark) {
      nanos = nanosToPark;
    }
  }
}
