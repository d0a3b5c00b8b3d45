package dev.openapimcp.runtime.internal.mcp;

import dev.openapimcp.runtime.internal.resource.ToolResources;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.Confirmer;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncListFilter;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * The MCP Java SDK's server, built for every transport in this one place: the catalog's name and
 * version as server info (the SDK's default names the SDK, and clients show it), the tools
 * capability, the schema validator, and the tools, each call answered by its {@link ToolHandler};
 * with {@link #withResources}, the resources capability and the tools offered as resources too.
 *
 * <p>The SDK's asynchronous servers, because a handler answers with a future: a call's result goes
 * out when its future completes, without a thread blocked on it here. An operation's handler
 * completes on the HTTP client's thread when the API answers, and the SDK answers on that thread:
 * no scheduler hop between the API's answer and the client's.
 */
public final class SdkServers {

  /** Tools only; the list never changes while the server runs. */
  static final McpSchema.ServerCapabilities CAPABILITIES = McpSchema.ServerCapabilities.builder().tools(false).build();

  /** Tools and resources (no subscriptions); neither list changes while the server runs. */
  static final McpSchema.ServerCapabilities WITH_RESOURCES =
      McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build();

  /**
   * How long a request to the client may take: the only ones are {@code --confirm}'s questions,
   * which wait for a person (the SDK's default, 10 s, is too short to read one).
   */
  static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final McpSchema.Implementation serverInfo;
  private final JsonSchemaValidator schemas;
  private final String instructions;
  private final Set<String> unlisted;
  private final ToolResources resources;

  /**
   * @param serverInfo what {@code initialize} answers as the server's name and version
   * @param schemas the validator the SDK is given (see {@link DeferredSchemaValidator})
   */
  public SdkServers(McpSchema.Implementation serverInfo, JsonSchemaValidator schemas) {
    this(serverInfo, schemas, null, Set.of());
  }

  /**
   * @param instructions what {@code initialize} answers as instructions, or {@code null} for none
   * @param unlisted tools that answer calls but {@code tools/list} leaves out: with {@code --read-only},
   *     the writes, which answer that the server runs read-only (an unknown tool would be a JSON-RPC
   *     error the model may never see)
   */
  public SdkServers(McpSchema.Implementation serverInfo, JsonSchemaValidator schemas, String instructions,
      Set<String> unlisted) {
    this(serverInfo, schemas, instructions, unlisted, ToolResources.NONE);
  }

  private SdkServers(McpSchema.Implementation serverInfo, JsonSchemaValidator schemas, String instructions,
      Set<String> unlisted, ToolResources resources) {
    this.serverInfo = Objects.requireNonNull(serverInfo, "serverInfo");
    this.schemas = Objects.requireNonNull(schemas, "schemas");
    this.instructions = instructions;
    this.unlisted = Set.copyOf(unlisted);
    this.resources = Objects.requireNonNull(resources, "resources");
  }

  /** These servers, offering {@code resources} too (with the {@code resources} capability when there are any). */
  public SdkServers withResources(ToolResources resources) {
    return new SdkServers(serverInfo, schemas, instructions, unlisted, resources);
  }

  private McpSchema.ServerCapabilities capabilities() {
    return resources.isEmpty() ? CAPABILITIES : WITH_RESOURCES;
  }

  /** How many tools answer calls without being listed. */
  public int unlistedCount() {
    return unlisted.size();
  }

  /** Shows every tool but the unlisted ones and the one answering unknown names. */
  private McpAsyncListFilter<McpSchema.Tool> listed() {
    return (context, tool) -> Mono.just(!unlisted.contains(tool.name()) && !tool.name().equals(UnknownTools.TOOL));
  }

  /** {@code tools} and the hidden tool that answers calls of any other name. */
  private static List<PreparedTool> withUnknown(List<PreparedTool> tools, UnknownTools unknown) {
    List<PreparedTool> all = new ArrayList<>(tools);
    all.add(unknown.tool());
    return all;
  }

  private static UnknownTools unknownTools(List<PreparedTool> tools) {
    return new UnknownTools(tools.stream().map(prepared -> prepared.tool().name()).collect(Collectors.toSet()));
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
    UnknownTools unknown = unknownTools(tools);
    return server
        .jsonMapper(unknown.mapper(McpJsonDefaults.getMapper()))
        .serverInfo(serverInfo)
        .instructions(instructions)
        .addToolFilter(listed())
        .capabilities(capabilities())
        .requestTimeout(CLIENT_REQUEST_TIMEOUT)
        .jsonSchemaValidator(new AnswersAsGiven(schemas))
        // Validation runs in the tool handler, after JSON text arguments are decoded.
        .validateToolInputs(false)
        .tools(withUnknown(tools, unknown).stream()
            .map(prepared -> McpServerFeatures.AsyncToolSpecification.builder()
                .tool(prepared.tool())
                .callHandler((exchange, request) ->
                    answer(prepared.handler(), request, context(exchange)))
                .build())
            .toList())
        .resources(resources.resources().stream()
            .map(resource -> new McpServerFeatures.AsyncResourceSpecification(resource, (exchange, request) ->
                read(request.uri(), context(exchange))))
            .toList())
        .resourceTemplates(resources.templates().stream()
            .map(template -> new McpServerFeatures.AsyncResourceTemplateSpecification(template, (exchange, request) ->
                read(request.uri(), context(exchange))))
            .toList())
        .build();
  }

  /** A server without sessions on Streamable HTTP offering {@code tools}: the same server, the SDK's other builder. */
  public McpStatelessAsyncServer stateless(McpStatelessServerTransport transport, List<PreparedTool> tools) {
    UnknownTools unknown = unknownTools(tools);
    return McpServer.async(transport)
        .jsonMapper(unknown.mapper(McpJsonDefaults.getMapper()))
        .serverInfo(serverInfo)
        .instructions(instructions)
        .addToolFilter(listed())
        .capabilities(capabilities())
        .jsonSchemaValidator(new AnswersAsGiven(schemas))
        .validateToolInputs(false)
        .tools(withUnknown(tools, unknown).stream()
            .map(prepared -> McpStatelessServerFeatures.AsyncToolSpecification.builder()
                .tool(prepared.tool())
                .callHandler((context, request) ->
                    answer(prepared.handler(), request, PerRequestHeaders.context(context)))
                .build())
            .toList())
        .resources(resources.resources().stream()
            .map(resource -> new McpStatelessServerFeatures.AsyncResourceSpecification(resource, (context, request) ->
                read(request.uri(), PerRequestHeaders.context(context))))
            .toList())
        .resourceTemplates(resources.templates().stream()
            .map(template -> new McpStatelessServerFeatures.AsyncResourceTemplateSpecification(template,
                (context, request) -> read(request.uri(), PerRequestHeaders.context(context))))
            .toList())
        .build();
  }

  /** What a session's request brings to its call: per-request headers, and a way to ask the user. */
  private static CallContext context(McpAsyncServerExchange exchange) {
    return PerRequestHeaders.context(exchange.transportContext()).withConfirmer(confirmer(exchange));
  }

  /**
   * Asks through {@code exchange}'s client with an {@code elicitation/create} request (2025-11-25),
   * waiting for the answer; {@code null} when the client declared no form elicitation. (The
   * stateless server has no exchange to ask through: its calls get no confirmer.)
   */
  static Confirmer confirmer(McpAsyncServerExchange exchange) {
    McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
    McpSchema.ClientCapabilities.Elicitation elicitation = capabilities == null ? null : capabilities.elicitation();
    // No mode named means form mode only (client/elicitation.mdx); a client of URL mode alone cannot show a form.
    if (elicitation == null || (elicitation.form() == null && elicitation.url() != null)) {
      return null;
    }
    return message -> {
      McpSchema.ElicitResult answer =
          exchange.createElicitation(McpSchema.ElicitFormRequest.builder(message, Confirmer.FORM).build()).block();
      return answer != null && answer.action() != null
          && Confirmer.approves(answer.action().name().toLowerCase(Locale.ROOT), answer.content())
          ? Confirmer.Answer.CONFIRMED : Confirmer.Answer.REFUSED;
    };
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

  /**
   * A read, made when the SDK subscribes: the tool's answer as contents, or a JSON-RPC error, since a
   * read result has no {@code isError}: -32002 for a URI no resource has (2025-11-25's code), else
   * -32603 with the tool's error text (the API's status and message, or why nothing was sent).
   */
  private Mono<McpSchema.ReadResourceResult> read(String uri, CallContext context) {
    return Mono.fromFuture(() -> resources.read(uri, context)).flatMap(read -> {
      if (read.notFound()) {
        return Mono.error(McpError.RESOURCE_NOT_FOUND.apply(uri));
      }
      if (read.failure() != null) {
        return Mono.error(McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message(read.failure())
            .data(Map.of("uri", uri)).build());
      }
      return Mono.just(read.result());
    });
  }

  /** The call, made when the SDK subscribes (on the thread that handles the request), answered when it completes. */
  private static Mono<CallToolResult> answer(ToolHandler handler, CallToolRequest request, CallContext context) {
    return Mono.fromFuture(() -> handler.call(request.arguments(), context));
  }
}
