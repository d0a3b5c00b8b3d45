package dev.openapimcp.runtime.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.capacity.LocalLimitException;
import dev.openapimcp.runtime.internal.capacity.MemoryBudget;
import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.RecordingUpstream.Response;
import dev.openapimcp.testing.RecordingUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers are counted against the calling thread's memory account as they arrive. */
class AnswerMemoryTest {

  private static final int IMAGE_BYTES = 100_000;
  private static final long IMAGE_COST = (long) IMAGE_BYTES * MemoryBudget.BINARY_FACTOR;

  private final RecordingUpstream api = RecordingUpstream.start();
  private final ServerSettings settings = ServerSettings.builder().maxTextBytes(50_000).maxBinaryBytes(200_000).build();
  private final UpstreamClient client = new UpstreamClient(null, settings, RateLimiter.unlimited());

  @AfterEach
  void stop() {
    api.close();
  }

  private void serveImage() {
    api.respond(new Response(200, Map.of("Content-Type", "image/png"), new byte[IMAGE_BYTES], Duration.ZERO));
  }

  private OutgoingRequest request(String method) {
    return new OutgoingRequest(method, URI.create(api.baseUrl() + "/image"), Map.of(), null);
  }

  /** Sends on this thread with {@code account} as the call's account. */
  private UpstreamResponse sendAs(MemoryBudget.Account account, String method, boolean retrySafe) throws Exception {
    MemoryBudget.Scope scope = account.enter();
    try {
      return client.send(request(method), retrySafe);
    } finally {
      scope.close();
    }
  }

  @Test
  void anAnswerStaysChargedToTheCallUntilItsAccountCloses() throws Exception {
    serveImage();
    MemoryBudget budget = MemoryBudget.of(10 * IMAGE_COST, Duration.ZERO);
    MemoryBudget.Account call = budget.open();

    UpstreamResponse response = sendAs(call, "GET", true);

    assertThat(response.body()).hasSize(IMAGE_BYTES);
    assertThat(call.held()).isEqualTo(IMAGE_COST);
    call.close();
    assertThat(budget.used()).isZero();
  }

  @Test
  void anAnswerSafeToRepeatThatFindsNoRoomIsRefusedAsBusyAfterTheWait() throws Exception {
    serveImage();
    MemoryBudget budget = MemoryBudget.of(IMAGE_COST + IMAGE_COST / 2, Duration.ZERO);
    MemoryBudget.Account other = budget.open();
    assertThat(other.tryCharge(IMAGE_COST)).isTrue();
    MemoryBudget.Account call = budget.open();

    assertThatThrownBy(() -> sendAs(call, "GET", true))
        .isInstanceOf(LocalLimitException.class)
        .hasMessageStartingWith("The server is busy: the answers it holds fill its memory budget (1.1 MB,"
            + " --memory-budget), and no room for this call's answer (781 KB to map and send) came free within 0 s.")
        .hasMessageEndingWith("The call is safe to repeat; retry it shortly.");
    assertThat(api.requests()).hasSize(1);
    assertThat(call.held()).isZero();
  }

  @Test
  void anAnswerSafeToRepeatWaitsForRoomAndIsAskedForAgain() throws Exception {
    serveImage();
    MemoryBudget budget = MemoryBudget.of(IMAGE_COST + IMAGE_COST / 2, Duration.ofMinutes(5));
    MemoryBudget.Account other = budget.open();
    assertThat(other.tryCharge(IMAGE_COST)).isTrue();
    MemoryBudget.Account call = budget.open();

    CompletableFuture<UpstreamResponse> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return sendAs(call, "GET", true);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // Room comes free once the call waits for it, having seen the answer's size: never before.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (budget.waiting() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    other.close();

    assertThat(answer.get(60, TimeUnit.SECONDS).body()).hasSize(IMAGE_BYTES);
    assertThat(api.requests()).hasSize(2);
    assertThat(call.held()).isEqualTo(IMAGE_COST);
  }

  @Test
  void aCallNotSafeToRepeatIsNotSentWithoutRoomForItsLargestAnswer() {
    serveImage();
    MemoryBudget budget = MemoryBudget.of(IMAGE_COST * 100, Duration.ZERO);
    MemoryBudget.Account other = budget.open();
    assertThat(other.tryCharge(IMAGE_COST * 99)).isTrue();

    assertThatThrownBy(() -> sendAs(budget.open(), "PATCH", false))
        .isInstanceOf(LocalLimitException.class)
        .hasMessage("The server is busy: the answers it holds fill its memory budget (76 MB, --memory-budget), and no"
            + " room for this call's answer came free within 0 s. Nothing was sent to the API; retry the call shortly.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aCallNotSafeToRepeatKeepsOnlyWhatItsAnswerCosts() throws Exception {
    serveImage();
    MemoryBudget budget = MemoryBudget.of(IMAGE_COST * 100, Duration.ZERO);
    MemoryBudget.Account call = budget.open();

    UpstreamResponse response = sendAs(call, "PATCH", false);

    assertThat(response.body()).hasSize(IMAGE_BYTES);
    assertThat(call.held()).isEqualTo(IMAGE_COST);
  }

  @Test
  void anAnswerLargerThanTheWholeBudgetIsServedWhenItIsAlone() throws Exception {
    serveImage();
    MemoryBudget budget = MemoryBudget.of(1, Duration.ZERO);

    assertThat(sendAs(budget.open(), "GET", true).body()).hasSize(IMAGE_BYTES);
  }
}
