package dev.openapimcp.runtime.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which sessions' calls are answered without the SDK, on a clock the test moves. */
class KnownSessionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SWEEP = Duration.ofMinutes(30);

  private final AtomicLong now = new AtomicLong(1_000);
  private final KnownSessions sessions = new KnownSessions(SWEEP, now::get);

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void aSessionIsKnownOnlyWhileTheSdkSawOneOfItsRequestsWithinAThirdOfItsSweepInterval() throws Exception {
    sessions.opened("s1", json("{}"));
    assertThat(sessions.find("s1")).isNotNull();
    assertThat(sessions.find("s2")).isNull();

    advance(Duration.ofMinutes(10).minusNanos(1));
    assertThat(sessions.find("s1")).isNotNull();
    advance(Duration.ofNanos(1));
    // Ten minutes without a request the SDK saw: the next one goes to the SDK, so it keeps the session.
    assertThat(sessions.find("s1")).isNull();

    sessions.seenBySdk("s1");
    assertThat(sessions.find("s1")).isNotNull();
    sessions.seenBySdk("never-opened");
    assertThat(sessions.find("never-opened")).isNull();
  }

  @Test
  void anEndedSessionIsForgotten() throws Exception {
    sessions.opened("s1", json("{}"));
    sessions.ended("s1");
    assertThat(sessions.find("s1")).isNull();
    sessions.seenBySdk("s1");
    assertThat(sessions.find("s1")).isNull();
  }

  @Test
  void sessionsTheSdkHasCertainlyDroppedAreForgottenWhenAnotherOpens() throws Exception {
    sessions.opened("idle", json("{}"));
    sessions.opened("busy", json("{}"));
    advance(Duration.ofMinutes(40));
    sessions.seenBySdk("busy");
    advance(Duration.ofMinutes(21));
    sessions.opened("new", json("{}"));
    // 61 minutes without a request the SDK saw: two sweeps and a minute, so it has dropped "idle".
    assertThat(sessions.size()).isEqualTo(2);
    sessions.seenBySdk("idle");
    assertThat(sessions.find("idle")).isNull();
    assertThat(sessions.find("busy")).isNull();
    sessions.seenBySdk("busy");
    assertThat(sessions.find("busy")).isNotNull();
    assertThat(sessions.find("new")).isNotNull();
  }

  @Test
  void aSessionKeepsWhetherItsClientCanBeAsked() throws Exception {
    sessions.opened("asks", json("{\"elicitation\":{}}"));
    sessions.opened("silent", json("{}"));
    assertThat(sessions.find("asks").canAsk()).isTrue();
    assertThat(sessions.find("silent").canAsk()).isFalse();
  }
}
