package dev.openapimcp.runtime.internal.modern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The signed {@code requestState} of a confirmation: bound, expiring, spent once, and this process's only. */
class RequestStatesTest {

  private static final byte[] ARGUMENTS = "{\"item_id\":\"7\"}".getBytes(StandardCharsets.UTF_8);

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final RequestStates states = new RequestStates(null, now::get);

  @Test
  void aStateVerifiesForItsToolAndArgumentsOnly() {
    String state = states.issue("delete-item", ARGUMENTS);

    assertThat(states.verify(state, "delete-item", ARGUMENTS)).isNotNull();
    assertThat(states.verify(state, "delete-other", ARGUMENTS)).isNull();
    assertThat(states.verify(state, "delete-item", "{\"item_id\":\"8\"}".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void aStateExpires() {
    String state = states.issue("delete-item", ARGUMENTS);

    now.addAndGet(RequestStates.LIFETIME_MILLIS);
    assertThat(states.verify(state, "delete-item", ARGUMENTS)).isNotNull();
    now.incrementAndGet();
    assertThat(states.verify(state, "delete-item", ARGUMENTS)).isNull();
  }

  @Test
  void aStateIsSpentOnce() {
    String state = states.issue("delete-item", ARGUMENTS);
    RequestStates.State verified = states.verify(state, "delete-item", ARGUMENTS);

    assertThat(states.spend(verified)).isTrue();
    assertThat(states.spend(verified)).isFalse();
    assertThat(states.verify(state, "delete-item", ARGUMENTS)).isNull();
  }

  @Test
  void anotherProcessesStateOrGarbageFailsVerification() {
    String foreign = new RequestStates(null, now::get).issue("delete-item", ARGUMENTS);

    assertThat(states.verify(foreign, "delete-item", ARGUMENTS)).isNull();
    assertThat(states.verify("", "delete-item", ARGUMENTS)).isNull();
    assertThat(states.verify("not.base64!", "delete-item", ARGUMENTS)).isNull();
    assertThat(states.verify("eyJpZCI6ICI3In0=", "delete-item", ARGUMENTS)).isNull();
  }

  @Test
  void statesOfTheSameKeyVerifyInAnyProcessOfIt() {
    byte[] key = new byte[32];
    key[0] = 42;
    String state = new RequestStates(key, now::get).issue("delete-item", ARGUMENTS);

    assertThat(new RequestStates(key.clone(), now::get).verify(state, "delete-item", ARGUMENTS)).isNotNull();
    assertThat(states.verify(state, "delete-item", ARGUMENTS)).isNull();
  }
}
