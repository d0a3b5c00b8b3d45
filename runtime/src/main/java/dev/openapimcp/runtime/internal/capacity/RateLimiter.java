package dev.openapimcp.runtime.internal.capacity;

import dev.openapimcp.runtime.internal.digest.Sha256;
import dev.openapimcp.runtime.internal.retry.Durations;
import dev.openapimcp.runtime.internal.retry.TimeSource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket in front of one API per credential: at most {@link #perSecond()} requests a second
 * on average for each credential the server sends (the configured one, and each client's own token
 * with token passthrough), with bursts of up to {@link #burst()} after a quiet spell. Callers that
 * find their bucket empty reserve the next token and sleep until it is due, so waiting callers go in
 * the order they came.
 *
 * <p>One bucket for everyone made passthrough users wait behind each other: an API limits each
 * token separately, yet one client's burst of 90 calls kept another's first call waiting 28.8 s.
 * Buckets are keyed by a SHA-256 hash of the credential, never the credential itself, and a bucket
 * that has filled up again is dropped (a new one behaves the same).
 *
 * <p>{@link #acquire(String, Duration)} never waits longer than it is told (the request timeout): a
 * turn further away is refused without being reserved, which also bounds each bucket's queue to
 * what the rate serves in that time.
 *
 * <p>Kept as each bucket's equivalent "theoretical arrival time" (GCRA) in whole nanoseconds, so the
 * spacing never comes out shorter than the rate through rounding.
 *
 * <p>{@link #sharedIn(URI, String)} keeps the buckets in Redis instead, so that replicas behind a
 * load balancer share each credential's limit ({@link RedisBuckets}); while Redis cannot be reached,
 * this limiter's own buckets stand in, so no call is refused for want of Redis.
 */
public final class RateLimiter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  /** Buckets kept before full ones are swept out. */
  static final int SWEEP_AT = 1024;

  private final double perSecond;
  private final long burst;
  private final long interval;
  private final TimeSource time;

  /** The bucket of calls without a credential header, and of {@link #acquire()}. */
  private final Bucket shared;

  /** Hex SHA-256 of a credential to its bucket. */
  private final Map<String, Bucket> buckets = new HashMap<>();

  /** The buckets replicas share, or {@code null}. */
  private final RedisBuckets redis;

  /** Told apart from other APIs' buckets in the same Redis: the API's origin. */
  private final String namespace;

  private RateLimiter(double perSecond, TimeSource time) {
    this(perSecond, time, null, null);
  }

  private RateLimiter(RateLimiter local, RedisBuckets redis, String namespace) {
    this(local.perSecond, local.time, redis, namespace);
  }

  private RateLimiter(double perSecond, TimeSource time, RedisBuckets redis, String namespace) {
    this.redis = redis;
    this.namespace = namespace;
    this.perSecond = perSecond;
    // A whole second's allowance may go at once, so an agent's first few calls are not slowed.
    this.burst = Math.max(1, (long) Math.floor(perSecond));
    this.interval = perSecond == 0 ? 0 : (long) Math.ceil(NANOS_PER_SECOND / perSecond);
    this.time = time;
    this.shared = new Bucket(time.nanoTime());
  }

  /**
   * A limiter of {@code perSecond} requests a second per credential; 0 means no limit.
   *
   * @throws IllegalArgumentException when {@code perSecond} is negative or not a finite number
   */
  public static RateLimiter perSecond(double perSecond, TimeSource time) {
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("The rate limit must be a number of requests per second, 0 or more.");
    }
    return new RateLimiter(perSecond, time);
  }

  /**
   * This limit, kept in the Redis at {@code store} so that every replica with the same store and
   * {@code api} shares it; without a limit, there is nothing to share and this limiter is returned.
   *
   * @param store {@code redis://host:port[/db]}, as the settings checked it
   * @param api what tells this API's buckets from others' in the same Redis, such as its base URL
   */
  public RateLimiter sharedIn(URI store, String api) {
    if (interval == 0) {
      return this;
    }
    RedisBuckets shared = new RedisBuckets(store, burst, interval, time, new RedisBuckets.Events() {
      @Override
      public void unreachable(String address, String reason) {
        LOG.warn("The rate limit store {} cannot be reached ({}); each replica limits its own requests until it"
            + " answers again", address, reason);
      }

      @Override
      public void reachable(String address) {
        LOG.info("The rate limit store {} answers again; replicas share the rate limit", address);
      }
    });
    return new RateLimiter(this, shared, api);
  }

  /** No limit at all. */
  public static RateLimiter unlimited() {
    return new RateLimiter(0, TimeSource.system());
  }

  /** Requests a second per credential; 0 means no limit. */
  public double perSecond() {
    return perSecond;
  }

  /** How many requests may go at once after a quiet spell. */
  public long burst() {
    return burst;
  }

  /** Waits, however long, until a request without a credential may go out. */
  public void acquire() throws InterruptedException {
    time.sleep(reserve());
  }

  /**
   * Waits until a request with {@code credential} may go out, at most {@code maxWait}.
   *
   * @param credential what identifies the caller to the API (such as the {@code Authorization}
   *     header's value), or {@code null} for the bucket of requests without one; only its hash is kept
   * @throws LocalLimitException when the turn is more than {@code maxWait} away; nothing is reserved
   */
  public void acquire(String credential, Duration maxWait) throws InterruptedException, LocalLimitException {
    time.sleep(reserve(credential, maxWait));
  }

  /**
   * Reserves {@code credential}'s next turn and says how long to wait for it, for a caller that
   * waits without blocking; see {@link #acquire(String, Duration)}.
   *
   * @throws LocalLimitException when the turn is more than {@code maxWait} away; nothing is reserved
   */
  public Duration reserve(String credential, Duration maxWait) throws LocalLimitException {
    if (interval == 0) {
      return Duration.ZERO;
    }
    if (redis != null) {
      String key = namespace + "\n" + (credential == null ? "" : "credential:" + credential);
      Long waitNanos = redis.reserve(Sha256.hex(key), maxWait.toNanos());
      if (waitNanos != null) {
        if (waitNanos < 0) {
          throw overLimit(maxWait, "");
        }
        return Duration.ofNanos(waitNanos);
      }
    }
    return reserveHere(credential, maxWait);
  }

  private synchronized Duration reserveHere(String credential, Duration maxWait) throws LocalLimitException {
    long now = time.nanoTime();
    Bucket bucket = credential == null ? shared : bucket(Sha256.hex(credential), now);
    long waitNanos = bucket.waitFor(now);
    if (waitNanos > maxWait.toNanos()) {
      throw overLimit(maxWait, ", and this one's next turn is "
          + Durations.describe(Duration.ofMillis((waitNanos + 999_999) / 1_000_000)) + " away");
    }
    bucket.take(now);
    return Duration.ofNanos(waitNanos);
  }

  private LocalLimitException overLimit(Duration maxWait, String turn) {
    return new LocalLimitException("Rate limited locally: this server" + (redis == null ? " sends" : " and its replicas send")
        + " at most " + rate() + " per second to the API for each credential" + turn + (turn.isEmpty()
            ? ", and this one's next turn is further away than the " : ", longer than the ")
        + Durations.describe(maxWait) + " request timeout. The request was not sent; retry it later.");
  }

  /** Lets go of the shared store's connections, if any. */
  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }

  private String rate() {
    String number = perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
    return number + (perSecond == 1 ? " request" : " requests");
  }

  /** Reserves the next token of the shared bucket and says how long to wait until it is due. */
  synchronized Duration reserve() {
    if (interval == 0) {
      return Duration.ZERO;
    }
    long now = time.nanoTime();
    long wait = shared.waitFor(now);
    shared.take(now);
    return Duration.ofNanos(wait);
  }

  /** The keys of the credentials' buckets now: hashes, never the credentials. */
  synchronized Set<String> credentialKeys() {
    return Set.copyOf(buckets.keySet());
  }

  private Bucket bucket(String key, long now) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= SWEEP_AT) {
        buckets.values().removeIf(existing -> existing.isFull(now));
      }
      bucket = new Bucket(now);
      buckets.put(key, bucket);
    }
    return bucket;
  }

  /** One credential's bucket. */
  private final class Bucket {

    /** When the bucket would be empty if every token reserved so far had been used at the rate. */
    private long emptyAt;

    Bucket(long now) {
      this.emptyAt = now;
    }

    /** How long a request now would wait for its token. */
    long waitFor(long now) {
      long start = Math.max(emptyAt, now);
      long dueAt = start - (burst - 1) * interval;
      return Math.max(0, dueAt - now);
    }

    /** Reserves the next token. */
    void take(long now) {
      emptyAt = Math.max(emptyAt, now) + interval;
    }

    /** Whether the bucket holds a whole burst again, as a new one does. */
    boolean isFull(long now) {
      return emptyAt <= now;
    }
  }
}
