package dev.openapimcp.runtime.internal.mcp;

import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The MCP Java SDK's server, built for every transport in this one place: the catalog's name and
 * version as server info (the SDK's default names the SDK, and clients show it), the tools
 * capability, the schema validator, and the tools, each call answered by its {@link ToolHandler}.
 *
 * <p>The SDK's asynchronous servers, because a handler answers with a future: a call's result goes
 * out when its future completes, without a thread blocked on it here. Handlers complete on the
 * transport's thread today (the SDK then answers on that thread, as its synchronous server with
 * immediate execution did), so a call still holds its transport's thread and memory account until
 * its answer is written.
 */
public final class SdkServers {

  /** Tools only; the list never changes while the server runs. */
  static final McpSchema.ServerCapabilities CAPABILITIES = McpSchema.ServerCapabilities.builder().tools(false).build();

  private final McpSchema.Implementation serverInfo;
  private final JsonSchemaValidator schemas;

  /**
   * @param serverInfo what {@code initialize} answers as the server's name and version
   * @param schemas the validator the SDK is given (see {@link DeferredSchemaValidator})
   */
  public SdkServers(McpSchema.Implementation serverInfo, JsonSchemaValidator schemas) {
    this.serverInfo = Objects.requireNonNull(serverInfo, "serverInfo");
    this.schemas = Objects.requireNonNull(schemas, "schemas");
  }

  /** A server of one session on {@code transport} (stdio) offering {@code tools}. */
  public McpAsyncServer sessions(McpServerTransportProvider transport, List<PreparedTool> tools) {
    return build(McpServer.async(transport), tools);
  }

  /** A server of sessions on Streamable HTTP offering {@code tools}. */
  public McpAsyncServer sessions(McpStreamableServerTransportProvider transport, List<PreparedTool> tools) {
    return build(McpServer.async(transport), tools);
  }

  private McpAsyncServer build(McpServer.AsyncSpecification<?> server, List<PreparedTool> tools) {
    return server
        .serverInfo(serverInfo)
        .capabilities(CAPABILITIES)
        .jsonSchemaValidator(new AnswersAsGiven(schemas))
        // Validation runs in the tool handler, after JSON text arguments are decoded.
        .validateToolInputs(false)
        .tools(tools.stream()
            .map(prepared -> McpServerFeatures.AsyncToolSpecification.builder()
                .tool(prepared.tool())
                .callHandler((exchange, request) ->
                    answer(prepared.handler(), request, PerRequestHeaders.context(exchange.transportContext())))
                .build())
            .toList())
        .build();
  }

  /** A server without sessions on Streamable HTTP offering {@code tools}: the same server, the SDK's other builder. */
  public McpStatelessAsyncServer stateless(McpStatelessServerTransport transport, List<PreparedTool> tools) {
    return McpServer.async(transport)
        .serverInfo(serverInfo)
        .capabilities(CAPABILITIES)
        .jsonSchemaValidator(new AnswersAsGiven(schemas))
        .validateToolInputs(false)
        .tools(tools.stream()
            .map(prepared -> McpStatelessServerFeatures.AsyncToolSpecification.builder()
                .tool(prepared.tool())
                .callHandler((context, request) ->
                    answer(prepared.handler(), request, PerRequestHeaders.context(context)))
                .build())
            .toList())
        .build();
  }

  /**
   * The validator the SDK's server is given. With its input check off, the server uses it for one
   * more thing: a tool with an {@code outputSchema} has its {@code structuredContent} checked, and
   * an answer that does not match becomes an error result carrying the SDK's message instead of the
   * API's answer ({@code McpAsyncServer.StructuredOutputCallToolHandler}, SDK 2.1.0). The API is the
   * authority on what it answers: its answer goes to the client as it came, text and structured
   * content, never as an error ({@code OutputSchemaTest}).
   */
  private record AnswersAsGiven(JsonSchemaValidator schemas) implements JsonSchemaValidator {

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
      return ValidationResponse.asValid(null);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
      return schemas.validateSchema(schema);
    }
  }

  /** The call, made when the SDK subscribes (on the thread that handles the request), answered when it completes. */
  private static Mono<CallToolResult> answer(ToolHandler handler, CallToolRequest request, CallContext context) {
    return Mono.fromFuture(() -> handler.call(request.arguments(), context));
  }
}
