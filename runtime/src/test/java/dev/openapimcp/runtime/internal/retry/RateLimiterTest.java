package dev.openapimcp.runtime.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.testing.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
