package dev.openapimcp.runtime.internal.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.testing.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final VirtualTime time = new VirtualTime();

  @Test
  void aBurstGoesAtOnceThenRequestsAreSpacedEvenly() throws InterruptedException {
    RateLimiter limiter = RateLimiter.perSecond(3, time);

    for (int i = 0; i < 9; i++) {
      limiter.acquire();
    }

    assertThat(limiter.burst()).isEqualTo(3);
    // Three at once, then one every third of a second: (9 - 3) / 3 = 2 s.
    assertThat(time.waits()).hasSize(6).allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofNanos(333_333_334)));
    assertThat(time.elapsed()).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2001));
  }

  @Test
  void aQuietSpellRefillsTheBucketOnlyUpToTheBurst() throws InterruptedException {
    RateLimiter limiter = RateLimiter.perSecond(2, time);
    limiter.acquire();
    limiter.acquire();

    time.advance(Duration.ofMinutes(5));
    limiter.acquire();
    limiter.acquire();
    limiter.acquire();

    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void waitingCallersAreServedInTurn() {
    RateLimiter limiter = RateLimiter.perSecond(1, time);

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      waits.add(limiter.reserve());
    }

    // Nobody has slept yet: each later caller waits one more second.
    assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Test
  void fractionalRatesAllowOneAtATime() throws InterruptedException {
    RateLimiter limiter = RateLimiter.perSecond(0.5, time);

    limiter.acquire();
    limiter.acquire();

    assertThat(limiter.burst()).isEqualTo(1);
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void zeroMeansNoLimit() throws InterruptedException {
    RateLimiter limiter = RateLimiter.perSecond(0, time);

    for (int i = 0; i < 1000; i++) {
      limiter.acquire();
    }

    assertThat(time.waits()).isEmpty();
    assertThat(RateLimiter.unlimited().perSecond()).isZero();
  }

  @Test
  void negativeOrNonNumericRatesAreRefused() {
    assertThatThrownBy(() -> RateLimiter.perSecond(-1, time)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.perSecond(Double.NaN, time)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.perSecond(Double.POSITIVE_INFINITY, time))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachCredentialHasItsOwnBucket() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(1, time);

    List<Duration> alice = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      alice.add(limiter.reserve("Bearer alice", Duration.ofMinutes(1)));
    }
    Duration bob = limiter.reserve("Bearer bob", Duration.ofMinutes(1));

    // Bob does not queue behind Alice's burst: an API limits each token separately.
    assertThat(alice).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(bob).isZero();
    assertThat(limiter.reserve(null, Duration.ofMinutes(1))).isZero();
  }

  @Test
  void aTurnFurtherAwayThanTheWaitAllowedIsRefusedAndNotReserved() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(1, time);
    for (int i = 0; i <= 10; i++) {
      assertThat(limiter.reserve("Bearer busy", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(i));
    }

    assertThatThrownBy(() -> limiter.reserve("Bearer busy", Duration.ofSeconds(10)))
        .isInstanceOf(LocalLimitException.class)
        .hasMessage("Rate limited locally: this server sends at most 1 request per second to the API for each"
            + " credential, and this one's next turn is 11 s away, longer than the 10 s request timeout. The request"
            + " was not sent; retry it later.");
    time.advance(Duration.ofSeconds(1));
    assertThat(limiter.reserve("Bearer busy", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void acquireSleepsForTheReservedTurn() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(2, time);

    for (int i = 0; i < 3; i++) {
      limiter.acquire("Bearer t", Duration.ofMinutes(1));
    }

    assertThat(time.waits()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void onlyHashesOfCredentialsAreKeptAndFullBucketsAreSweptOut() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(5, time);
    limiter.reserve("Bearer secret-token-1", Duration.ofMinutes(1));

    Set<String> keys = limiter.credentialKeys();
    assertThat(keys).hasSize(1).allSatisfy(key -> assertThat(key).matches("[0-9a-f]{64}").doesNotContain("secret"));

    for (int i = 0; i < RateLimiter.SWEEP_AT; i++) {
      limiter.reserve("Bearer token-" + i, Duration.ofMinutes(1));
    }
    time.advance(Duration.ofSeconds(1));
    limiter.reserve("Bearer one-more", Duration.ofMinutes(1));

    // Every bucket but the newest had filled up again, as a new one starts.
    assertThat(limiter.credentialKeys()).hasSize(1);
  }
}
