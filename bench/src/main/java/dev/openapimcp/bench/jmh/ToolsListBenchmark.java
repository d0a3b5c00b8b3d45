package dev.openapimcp.bench.jmh;

import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.json.ObjectText;
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
 * The {@code tools/list} answer (the Notion tools, about 57 KB) serialized by the SDK's JSON mapper,
 * and the start-up work on every tool's input schema, each two ways: schemas parsed into maps (as
 * servers did before) and schemas kept as their text ({@link ObjectText}, as they do now: a syntax
 * pass at start, the text written as it is).
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
  private McpSchema.ListToolsResult textResult;
  private McpJsonMapper mapper;

  @Setup
  public void setUp() throws Exception {
    catalog = NotionCatalog.load();
    mapper = McpJsonDefaults.getMapper();
    List<McpSchema.Tool> tools = new ArrayList<>();
    List<McpSchema.Tool> textTools = new ArrayList<>();
    for (ToolDefinition definition : catalog.tools()) {
      tools.add(tool(definition, JsonText.parseTrustedObject(definition.inputSchema())));
      textTools.add(tool(definition, ObjectText.of(definition.inputSchema())));
    }
    result = McpSchema.ListToolsResult.builder(tools).build();
    textResult = McpSchema.ListToolsResult.builder(textTools).build();
  }

  private static McpSchema.Tool tool(ToolDefinition definition, Map<String, Object> inputSchema) {
    return McpSchema.Tool.builder(definition.name(), inputSchema)
        .title(definition.title())
        .description(definition.description())
        .build();
  }

  @Benchmark
  public byte[] serializeToolsList() throws IOException {
    return mapper.writeValueAsBytes(result);
  }

  @Benchmark
  public byte[] serializeToolsListOfSchemaTexts() throws IOException {
    return mapper.writeValueAsBytes(textResult);
  }

  @Benchmark
  public int checkAllInputSchemaTexts() throws IOException {
    int size = 0;
    for (ToolDefinition definition : catalog.tools()) {
      size += ObjectText.of(definition.inputSchema()).text().length();
    }
    return size;
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
