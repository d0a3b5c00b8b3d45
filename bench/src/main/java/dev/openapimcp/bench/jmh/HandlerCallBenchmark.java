package dev.openapimcp.bench.jmh;

import dev.openapimcp.bench.LoopbackApi;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.runtime.internal.call.ArgumentDecoder;
import dev.openapimcp.runtime.internal.call.ArgumentValidator;
import dev.openapimcp.runtime.internal.call.ToolCallHandler;
import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ErrorHints;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.settings.ServerSettings;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole {@code tools/call} as the server runs it below the MCP layer: decode, validate, build,
 * send to a loopback API in the same process, map the answer ({@code ToolCallHandler.call}). It
 * compiles against the handler as it was before the asynchronous call path (9767d83) and after,
 * so one source measures both; the loopback API's own work is in every figure alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class HandlerCallBenchmark {

  /** A GET with a path parameter, a POST with a small body. */
  @Param({"API-retrieve-a-page", "API-post-search"})
  public String tool;

  private LoopbackApi api;
  private ToolCallHandler handler;
  private Map<String, Object> arguments;

  @Setup
  public void setUp() throws Exception {
    api = LoopbackApi.start(4);
    ToolCatalog catalog = NotionCatalog.load();
    ToolDefinition definition = NotionCatalog.tool(catalog, tool);
    Map<String, Object> schema = JsonText.parseTrustedObject(definition.inputSchema());
    arguments = JsonText.parseTrustedObject(NotionCatalog.arguments(tool));
    handler = new ToolCallHandler(
        definition,
        new ArgumentDecoder(schema),
        new ArgumentValidator(tool, schema, McpJsonDefaults.getSchemaValidator()),
        new RequestBuilder(
            BaseUrl.fromEnvironment(Map.of(BaseUrl.VARIABLE, api.baseUrl()), catalog.baseUrl()),
            Map.of("Authorization", "Bearer ntn_bench")),
        new UpstreamClient(null, ServerSettings.defaults(), RateLimiter.unlimited()),
        new ResultMapper(ServerSettings.defaults(), ErrorHints.generic()));
    CallToolResult first = handler.call(arguments);
    if (Boolean.TRUE.equals(first.isError())) {
      throw new IllegalStateException("the benchmark call fails: " + first.content());
    }
  }

  @TearDown
  public void tearDown() {
    api.close();
  }

  /** One caller: the latency of a call, as a client that waits for each answer sees it. */
  @Benchmark
  public CallToolResult call() {
    return handler.call(arguments);
  }

  /**
   * {@link #call()} in a JVM whose common pool has the parallelism a server gives it on two processors
   * or fewer ({@code ServerCommand.prepareJvm}); with the JDK's default there, {@code java.net.http} starts
   * a thread for every call, as {@link #call()} does on the 2-CPU machine.
   */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"})
  public CallToolResult callWithTheServersCommonPool() {
    return handler.call(arguments);
  }

  /** Four callers at once on the 2-CPU machine: time per call under contention (1 / throughput × 4). */
  @Benchmark
  @Threads(4)
  public CallToolResult callFromFourThreads() {
    return handler.call(arguments);
  }
}
