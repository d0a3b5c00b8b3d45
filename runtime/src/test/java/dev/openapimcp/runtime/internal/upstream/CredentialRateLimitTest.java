package dev.openapimcp.runtime.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.capacity.LocalLimitException;
import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import dev.openapimcp.runtime.internal.retry.RetryPolicy;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.testing.VirtualTime;
import dev.openapimcp.testing.RecordingUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limit applies per credential the call goes out with: with token passthrough, each
 * client's token has its own bucket, so one client's burst does not hold up another's calls.
 */
class CredentialRateLimitTest {

  private final RecordingUpstream api = RecordingUpstream.start();
  private final VirtualTime time = new VirtualTime();
  private final UpstreamClient client = new UpstreamClient(
      null,
      limits(),
      RetryPolicy.of(limits()),
      RateLimiter.perSecond(1, time),
      time);

  /** A 5 s request timeout, the longest a call waits for its turn; small answers. */
  private static ServerSettings limits() {
    return ServerSettings.builder().requestTimeout(Duration.ofSeconds(5)).maxTextBytes(1000).maxBinaryBytes(1000)
        .build();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private UpstreamResponse send(String token) throws Exception {
    return client.send(new OutgoingRequest(
        "GET", URI.create(api.baseUrl() + "/v1/x"), Map.of("Authorization", "Bearer " + token), null));
  }

  @Test
  void anotherTokenDoesNotWaitForTheFirstOnesTurns() throws Exception {
    send("alice");
    send("alice");
    send("bob");

    // Alice's second call waited a second (the clock moved on for it); Bob's first went at once.
    assertThat(time.waits()).containsExactly(Duration.ofSeconds(1));
    assertThat(api.requests()).extracting(request -> request.header("Authorization"))
        .containsExactly("Bearer alice", "Bearer alice", "Bearer bob");
  }

  @Test
  void aTurnPastTheRequestTimeoutIsAnErrorAndNothingIsSent() throws Exception {
    RateLimiter limiter = RateLimiter.perSecond(0.1, time);
    UpstreamClient slow = new UpstreamClient(null,
        limits(), RetryPolicy.of(limits()), limiter, time);
    OutgoingRequest request =
        new OutgoingRequest("GET", URI.create(api.baseUrl() + "/v1/x"), Map.of("Authorization", "Bearer carol"), null);
    slow.send(request);

    assertThatThrownBy(() -> slow.send(request))
        .isInstanceOf(LocalLimitException.class)
        .hasMessage("Rate limited locally: this server sends at most 0.1 requests per second to the API for each"
            + " credential, and this one's next turn is 10 s away, longer than the 5 s request timeout. The request"
            + " was not sent; retry it later.");
    assertThat(api.requests()).hasSize(1);
  }
}
