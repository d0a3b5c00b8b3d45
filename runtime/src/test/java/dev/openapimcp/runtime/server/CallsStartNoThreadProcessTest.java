package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.testing.TestServerMain;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server on a machine of two processors answers a run of tool calls without starting a thread per
 * call. The JDK's HttpClient ends each {@code sendAsync} with a task on {@code CompletableFuture}'s
 * default pool, which on two processors starts a thread per task unless the common pool's parallelism
 * is raised ({@code CommonPool}); and the stdio call pool, made at its full size, started a thread for
 * each of its first calls. Before either change, these 60 calls started 60 threads. The count is the
 * child JVM's own {@code java.threads.started} counter, read with {@code jcmd}.
 */
class CallsStartNoThreadProcessTest {

  private static final int CALLS = 60;

  /** Threads the server started for {@value #CALLS} calls made one after another, once it had answered one. */
  private static long threadsForCalls(String... jvmOptions) throws Exception {
    try (RecordingUpstream api = RecordingUpstream.start().respond(200, "{\"id\":\"i\"}")) {
      ProcessBuilder builder = new ProcessBuilder(ServerProcess.command(List.of(jvmOptions), TestServerMain.class))
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("BASE_URL", api.baseUrl());
      Process process = builder.start();
      try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
        client.initialize();
        answered(client.callTool("get-item", Map.of("item_id", "first")));
        long before = ServerProcess.threadsStarted(process.pid());
        for (int i = 0; i < CALLS; i++) {
          answered(client.callTool("get-item", Map.of("item_id", "i" + i)));
        }
        long started = ServerProcess.threadsStarted(process.pid()) - before;
        System.err.printf("%d calls with %s started %d threads%n", CALLS, String.join(" ", jvmOptions), started);
        assertThat(api.requests()).hasSize(CALLS + 1);
        assertThat(client.endSession(process, Duration.ofSeconds(20))).isNotEmpty();
        return started;
      } finally {
        process.destroyForcibly();
      }
    }
  }

  private static void answered(Map<String, Object> result) {
    assertThat(result).containsKey("content");
    assertThat(result.get("isError")).isNotEqualTo(true);
  }

  @Test
  void onTwoProcessorsCallsReuseThreads() throws Exception {
    assertThat(threadsForCalls("-XX:ActiveProcessorCount=2")).isLessThan(CALLS / 4);
  }

  @Test
  void onOneProcessorCallsReuseThreads() throws Exception {
    assertThat(threadsForCalls("-XX:ActiveProcessorCount=1")).isLessThan(CALLS / 4);
  }

  /** The user's own setting is kept: with parallelism 1 the JDK's pool starts a thread per call again. */
  @Test
  void aParallelismTheUserSetIsKept() throws Exception {
    assertThat(threadsForCalls("-XX:ActiveProcessorCount=2", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"))
        .isGreaterThanOrEqualTo(CALLS);
  }
}
