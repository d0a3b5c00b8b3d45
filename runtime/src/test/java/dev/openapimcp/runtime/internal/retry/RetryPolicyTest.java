package dev.openapimcp.runtime.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.ToolHints;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Duration MINUTE = Duration.ofSeconds(60);

  private final RetryPolicy policy = new RetryPolicy(4, MINUTE, () -> 0.5);

  @Test
  void tooManyRequestsIsRetriedForEveryMethodOtherFailuresOnlyWhenSafe() {
    assertThat(policy.retries(429, false)).isTrue();
    assertThat(policy.retries(429, true)).isTrue();
    for (int status : new int[] {502, 503, 504}) {
      assertThat(policy.retries(status, true)).as("%d, safe", status).isTrue();
      assertThat(policy.retries(status, false)).as("%d, unsafe", status).isFalse();
    }
    for (int status : new int[] {200, 400, 401, 404, 409, 500, 501}) {
      assertThat(policy.retries(status, true)).as("%d", status).isFalse();
    }
  }

  @Test
  void idempotentMethodsAndReadOnlyOrIdempotentToolsAreSafeToRepeat() {
    for (String method : new String[] {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "get"}) {
      assertThat(RetryPolicy.isRetrySafe(method, ToolHints.NONE)).as(method).isTrue();
    }
    assertThat(RetryPolicy.isRetrySafe("POST", ToolHints.writes())).isFalse();
    assertThat(RetryPolicy.isRetrySafe("PATCH", ToolHints.NONE)).isFalse();
    assertThat(RetryPolicy.isRetrySafe("POST", ToolHints.readOnly())).isTrue();
    assertThat(RetryPolicy.isRetrySafe("POST", new ToolHints(false, false, true, null))).isTrue();
  }

  @Test
  void onlyConnectionsThatBrokeAfterConnectingAreRetried() {
    assertThat(policy.retries(new IOException("HTTP/1.1 header parser received no bytes"), true)).isTrue();
    assertThat(policy.retries(new IOException("fixed content-length: 100, bytes received: 5"), true)).isTrue();
    assertThat(policy.retries(new SocketException("Connection reset"), true)).isTrue();
    assertThat(policy.retries(new EOFException("EOF reached while reading"), true)).isTrue();
    assertThat(policy.retries(new SocketException("Connection reset"), false)).isFalse();

    assertThat(policy.retries(new ConnectException("refused"), true)).isFalse();
    assertThat(policy.retries(new HttpTimeoutException("request timed out"), true)).isFalse();
    assertThat(policy.retries(new HttpConnectTimeoutException("connect timed out"), true)).isFalse();
    assertThat(policy.retries(new SSLHandshakeException("bad certificate"), true)).isFalse();
    assertThat(policy.retries(new FileNotFoundException("/tmp/gone"), true)).isFalse();
    IOException unresolved = new ConnectException();
    unresolved.initCause(new UnresolvedAddressException());
    assertThat(policy.retries(unresolved, true)).isFalse();
  }

  @Test
  void backoffDoublesWithHalfOfItJitteredAndIsCapped() {
    RetryPolicy low = new RetryPolicy(10, MINUTE, () -> 0.0);
    RetryPolicy high = new RetryPolicy(10, MINUTE, () -> 0.999999);

    assertThat(low.backoff(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(high.backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(low.backoff(2)).isEqualTo(Duration.ofMillis(500));
    assertThat(high.backoff(3)).isEqualTo(Duration.ofMillis(2000));
    assertThat(high.backoff(9)).isEqualTo(RetryPolicy.MAX_DELAY);
    assertThat(low.backoff(40)).isEqualTo(RetryPolicy.MAX_DELAY.dividedBy(2));
  }

  @Test
  void retryAfterIsHonouredExactly() {
    RetryPolicy.Decision decision = policy.next(1, Duration.ofSeconds(2), Duration.ofSeconds(7));

    assertThat(decision.retry()).isTrue();
    assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void attemptsAreBounded() {
    assertThat(policy.next(3, Duration.ZERO, null).retry()).isTrue();

    RetryPolicy.Decision last = policy.next(4, Duration.ZERO, null);

    assertThat(last.retry()).isFalse();
    assertThat(last.stopReason()).isEqualTo("gave up after 4 attempts");
  }

  @Test
  void retryAfterLongerThanWhatIsLeftOfTheDeadlineEndsTheRetries() {
    RetryPolicy.Decision decision = policy.next(1, Duration.ofSeconds(5), Duration.ofSeconds(120));

    assertThat(decision.retry()).isFalse();
    assertThat(decision.stopReason())
        .isEqualTo("gave up after 1 attempt: the API asked to wait 120 s, longer than the 55 s left of the 60 s"
            + " this server spends on retries");
  }

  @Test
  void backoffPastTheDeadlineEndsTheRetries() {
    RetryPolicy.Decision decision = policy.next(2, Duration.ofMillis(59_900), null);

    assertThat(decision.retry()).isFalse();
    assertThat(decision.stopReason())
        .isEqualTo("gave up after 2 attempts: another attempt would pass the 60 s this server spends on retries");
  }

  @Test
  void notRetriedGatewayErrorsOfUnsafeCallsSaySo() {
    assertThat(policy.notRetriedReason(503, "POST", false))
        .isEqualTo("Not retried automatically: a POST may already have taken effect, so check before calling again");
    assertThat(policy.notRetriedReason(503, "GET", true)).isNull();
    assertThat(policy.notRetriedReason(400, "POST", false)).isNull();
  }
}
