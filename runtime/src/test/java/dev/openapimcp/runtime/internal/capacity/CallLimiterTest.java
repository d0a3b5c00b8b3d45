package dev.openapimcp.runtime.internal.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallLimiterTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch running = new CountDownLatch(1);

  @AfterEach
  void releaseBlockedCalls() {
    release.countDown();
  }

  /** A tool that blocks until the test releases it. */
  private ToolHandler blocking() {
    return (arguments, headers) -> {
      running.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CompletableFuture.completedFuture(CallToolResult.builder().addTextContent("done").isError(false).build());
    };
  }

  private static ToolHandler limited(CallLimiter limiter, ToolHandler handler) {
    return limiter.limit(handler);
  }

  /** A call as a transport makes it, on this thread, with its answer. */
  private static CallToolResult call(ToolHandler tool) {
    return tool.call(Map.of(), CallContext.NONE).join();
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void aCallFindingNoFreeSlotWithinTheWaitIsAnsweredAsBusyAndNothingRuns() throws Exception {
    CallLimiter limiter = new CallLimiter(1, Duration.ZERO, MemoryBudget.of(1_000, Duration.ZERO));
    ToolHandler tool = limited(limiter, blocking());
    CompletableFuture<CallToolResult> first = CompletableFuture.supplyAsync(() -> call(tool));
    assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();

    CallToolResult second = call(limited(limiter, (arguments, context) -> {
      throw new AssertionError("ran without a slot");
    }));

    assertThat(second.isError()).isTrue();
    assertThat(text(second)).isEqualTo("The server is busy: none of its 1 call slots (--max-concurrent-calls) came free"
        + " within 0 s. Nothing was sent to the API; retry the call shortly.");
    release.countDown();
    assertThat(text(first.get(60, TimeUnit.SECONDS))).isEqualTo("done");
  }

  @Test
  void beyondTheWaitingCallsACallIsRefusedAtOnce() throws Exception {
    CallLimiter limiter = new CallLimiter(1, Duration.ofMinutes(5), MemoryBudget.of(1_000, Duration.ZERO));
    ToolHandler tool = limited(limiter, blocking());
    List<CompletableFuture<CallToolResult>> calls = new ArrayList<>();
    calls.add(CompletableFuture.supplyAsync(() -> call(tool)));
    assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < CallLimiter.WAITING_PER_SLOT; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> call(tool)));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (limiter.waiting() < CallLimiter.WAITING_PER_SLOT && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    CallToolResult refused = call(tool);

    assertThat(text(refused)).isEqualTo("The server is busy: its call slots are all taken (--max-concurrent-calls 1)"
        + " and 4 more calls are waiting. Nothing was sent to the API; retry the call shortly.");
    release.countDown();
    for (CompletableFuture<CallToolResult> call : calls) {
      assertThat(text(call.get(60, TimeUnit.SECONDS))).isEqualTo("done");
    }
  }

  @Test
  void eachCallHasAMemoryAccountGivenBackWhenItEnds() {
    MemoryBudget memory = MemoryBudget.of(1_000, Duration.ZERO);
    CallLimiter limiter = new CallLimiter(2, Duration.ZERO, memory);

    CallToolResult result = call(limited(limiter, (arguments, context) -> {
      boolean charged = MemoryBudget.current().tryCharge(600);
      return CompletableFuture.completedFuture(
          CallToolResult.builder().addTextContent(charged + " " + memory.used()).isError(false).build());
    }));

    assertThat(text(result)).isEqualTo("true 600");
    assertThat(memory.used()).isZero();
    assertThat(MemoryBudget.hasCurrent()).isFalse();
  }

  @Test
  void aCallAnsweredLaterKeepsItsSlotAndMemoryUntilItsAnswerIsComplete() {
    MemoryBudget memory = MemoryBudget.of(1_000, Duration.ZERO);
    CallLimiter limiter = new CallLimiter(1, Duration.ZERO, memory);
    CompletableFuture<CallToolResult> answer = new CompletableFuture<>();
    ToolHandler later = limited(limiter, (arguments, context) -> {
      MemoryBudget.current().tryCharge(600);
      return answer;
    });

    CompletableFuture<CallToolResult> first = later.call(Map.of(), CallContext.NONE);
    CallToolResult whileRunning = call(limited(limiter, (arguments, context) -> {
      throw new AssertionError("ran without a slot");
    }));

    assertThat(first).isNotDone();
    assertThat(text(whileRunning)).startsWith("The server is busy: none of its 1 call slots");
    assertThat(memory.used()).isEqualTo(600);
    assertThat(MemoryBudget.hasCurrent()).isFalse();

    answer.complete(CallToolResult.builder().addTextContent("late").isError(false).build());

    assertThat(text(first.join())).isEqualTo("late");
    assertThat(memory.used()).isZero();
    assertThat(text(call(limited(limiter, (arguments, context) ->
        CompletableFuture.completedFuture(CallToolResult.builder().addTextContent("next").isError(false).build())))))
        .isEqualTo("next");
  }

  @Test
  void runningOutOfMemoryIsAnErrorResultAndTheSlotIsFreedAgain() {
    CallLimiter limiter = new CallLimiter(1, Duration.ZERO, MemoryBudget.of(1_000, Duration.ZERO));

    CallToolResult failed = call(limited(limiter, (arguments, context) -> {
      throw new OutOfMemoryError("Java heap space");
    }));
    CallToolResult next = call(limited(limiter, (arguments, context) ->
        CompletableFuture.completedFuture(CallToolResult.builder().addTextContent("ok").isError(false).build())));

    // The test JVM never enables the exit, so the call is answered and the process lives on.
    assertThat(OutOfMemoryExit.enabled()).isFalse();
    assertThat(failed.isError()).isTrue();
    assertThat(text(failed)).isEqualTo(OutOfMemoryExit.CALL_MESSAGE);
    assertThat(text(next)).isEqualTo("ok");
  }
}
