package dev.openapimcp.bench.jmh;

import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code tools/list} answer (29 Notion tools, about 57 KB) serialized by the SDK's JSON mapper,
 * and the start-up work of parsing every tool's input schema once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class ToolsListBenchmark {

  private ToolCatalog catalog;
  private McpSchema.ListToolsResult result;
  private McpJsonMapper mapper;

  @Setup
  public void setUp() throws Exception {
    catalog = NotionCatalog.load();
    mapper = McpJsonDefaults.getMapper();
    List<McpSchema.Tool> tools = new ArrayList<>();
    for (ToolDefinition definition : catalog.tools()) {
      tools.add(McpSchema.Tool.builder(definition.name(), JsonText.parseTrustedObject(definition.inputSchema()))
          .title(definition.title())
          .description(definition.description())
          .build());
    }
    result = new McpSchema.ListToolsResult(tools, null);
  }

  @Benchmark
  public byte[] serializeToolsList() throws IOException {
    return mapper.writeValueAsBytes(result);
  }

  @Benchmark
  public int parseAllInputSchemas() throws IOException {
    int size = 0;
    for (ToolDefinition definition : catalog.tools()) {
      Map<String, Object> schema = JsonText.parseTrustedObject(definition.inputSchema());
      size += schema.size();
    }
    return size;
  }
}
