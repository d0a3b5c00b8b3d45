package dev.openapimcp.runtime.internal.mcp;

import dev.openapimcp.model.ProtocolVersions;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON work of a client's first requests, done once on a spare core while the main thread
 * builds the server. A stdio client sends {@code initialize} and {@code tools/list} the moment the
 * process starts, and answering them mostly waits for Jackson to build its (de)serializers for the
 * SDK's message types; built in parallel, they are ready when the requests arrive (measured: the
 * {@code initialize} answer about 15 ms sooner, a tenth of the start). Nothing here is needed for
 * correctness: if it fails, the first request does the same work itself.
 */
public final class StartupWarmup {

  private static final Logger LOG = LoggerFactory.getLogger(StartupWarmup.class);

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
          + ProtocolVersions.CLIENT + "\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"warm-up\",\"version\":\"0\"}}}";

  private StartupWarmup() {}

  /** Starts the warm-up on a daemon thread and returns at once. */
  public static void start(McpSchema.Implementation serverInfo) {
    Thread thread = new Thread(() -> run(serverInfo), "openapi-mcp-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run(McpSchema.Implementation serverInfo) {
    try {
      McpJsonMapper json = McpJsonDefaults.getMapper();
      McpSchema.JSONRPCRequest request =
          (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(json, INITIALIZE);
      json.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {});
      json.writeValueAsString(McpSchema.JSONRPCResponse.result(request.id(),
          McpSchema.InitializeResult.builder(ProtocolVersions.CLIENT, SdkServers.CAPABILITIES, serverInfo).build()));
      // The answer a client asks for next.
      McpSchema.Tool tool = McpSchema.Tool.builder("warm-up", Map.of("type", "object"))
          .title("Warm-up")
          .description("Not a tool.")
          .annotations(McpSchema.ToolAnnotations.builder().title("Warm-up").readOnlyHint(true).build())
          .build();
      json.writeValueAsString(
          McpSchema.JSONRPCResponse.result(1, McpSchema.ListToolsResult.builder(List.of(tool)).build()));
      // The SDK names each session with a random UUID: seeding SecureRandom is part of the first answer too.
      UUID.randomUUID();
    } catch (Exception | LinkageError e) {
      LOG.debug("Start-up warm-up failed; the first request will do the work itself", e);
    }
  }
}
