package dev.openapimcp.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openapimcp.runtime.internal.call.ArgumentDecoder;
import dev.openapimcp.runtime.internal.call.ArgumentValidator;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.InvalidCallException;
import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.util.Map;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process part of one {@code tools/call}, per Notion tool: decoding JSON-text arguments,
 * schema validation (the SDK's validator, as the server uses it) and building the HTTP request.
 * The tools are the ones the server serves, converted from {@code specs/notion-openapi.json} by
 * the generator at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class CallPathBenchmark {

  /** A GET with a path parameter, a POST with a small body, a PATCH with nested block objects. */
  @Param({"API-retrieve-a-page", "API-post-search", "API-patch-block-children"})
  public String tool;

  private ToolDefinition definition;
  private Map<String, Object> arguments;
  private Map<String, Object> decoded;
  private ArgumentDecoder decoder;
  private ArgumentValidator validator;
  private RequestBuilder requests;

  @Setup
  public void setUp() throws Exception {
    ToolCatalog catalog = NotionCatalog.load();
    definition = NotionCatalog.tool(catalog, tool);
    Map<String, Object> schema = JsonText.parseTrustedObject(definition.inputSchema());
    arguments = JsonText.parseTrustedObject(NotionCatalog.arguments(tool));
    decoder = new ArgumentDecoder(schema);
    validator = new ArgumentValidator(tool, schema, McpJsonDefaults.getSchemaValidator());
    requests = new RequestBuilder(
        BaseUrl.fromEnvironment(Map.of(BaseUrl.VARIABLE, "http://127.0.0.1:9"), catalog.baseUrl()),
        Map.of("Authorization", "Bearer ntn_bench"));
    decoded = decoder.decode(arguments);
    Optional<String> invalid = validator.check(decoded);
    if (invalid.isPresent()) {
      throw new IllegalStateException("benchmark arguments are invalid: " + invalid.get());
    }
  }

  @Benchmark
  public Map<String, Object> decode() throws InvalidCallException {
    return decoder.decode(arguments);
  }

  @Benchmark
  public Optional<String> validate() {
    return validator.check(decoded);
  }

  @Benchmark
  public OutgoingRequest buildRequest() throws InvalidCallException {
    return requests.build(definition.http(), decoded);
  }

  /** decode + validate + build: everything our server does for a call before the HTTP request leaves. */
  @Benchmark
  public OutgoingRequest decodeValidateBuild() throws InvalidCallException {
    Map<String, Object> values = decoder.decode(arguments);
    if (validator.check(values).isPresent()) {
      throw new IllegalStateException();
    }
    return requests.build(definition.http(), values);
  }

  /** Parsing the wire arguments, as the SDK does for every request (Jackson into maps). */
  @Benchmark
  public Map<String, Object> parseArguments() throws JsonProcessingException {
    return JsonText.parseTrustedObject(NotionCatalog.arguments(tool));
  }
}
