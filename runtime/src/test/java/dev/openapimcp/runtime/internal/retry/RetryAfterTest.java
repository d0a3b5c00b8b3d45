package dev.openapimcp.runtime.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void delaySeconds() {
    assertThat(RetryAfter.parse("3", NOW)).hasValue(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(" 0 ", NOW)).hasValue(Duration.ZERO);
    assertThat(RetryAfter.parse("99999999999999999999", NOW)).hasValueSatisfying(
        wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365)));
  }

  @Test
  void httpDateCountsFromNowAndThePastIsZero() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).hasValue(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", NOW)).hasValue(Duration.ZERO);
  }

  @Test
  void anythingElseIsIgnored() {
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-1", NOW)).isEmpty();
    assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }
}
