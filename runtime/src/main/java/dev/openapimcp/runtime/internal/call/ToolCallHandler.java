package dev.openapimcp.runtime.internal.call;

import dev.openapimcp.runtime.internal.capacity.LocalLimitException;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.request.InvalidCallException;
import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.request.Secrets;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.retry.RetryPolicy;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.Cancellation;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import dev.openapimcp.runtime.settings.ServerSettings.Validation;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tool: decode, validate, build, send, map. Never fails, because the SDK would turn an
 * exception into a JSON-RPC error the model cannot read; every failure is an {@code isError} result.
 * Decoding, validation and building run on the caller's thread; the request goes out without the
 * caller waiting for it ({@link UpstreamClient#sendAsync}), and the result is mapped on the thread
 * its answer arrived on, completing the future {@link #call(Map, CallContext)} returned.
 */
public final class ToolCallHandler implements ToolHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ToolCallHandler.class);

  private final ToolDefinition tool;
  private final ArgumentDecoder decoder;
  private final ArgumentPolicy policy;
  private final RequestBuilder requests;
  private final UpstreamClient upstream;
  private final ResultMapper results;
  private final PromisedOutput promise;

  public ToolCallHandler(
      ToolDefinition tool,
      ArgumentDecoder decoder,
      ArgumentValidator validator,
      RequestBuilder requests,
      UpstreamClient upstream,
      ResultMapper results) {
    // Strict: the full input schema, as before validation had modes; the tool's own output schema.
    this(tool, decoder, validator, Validation.STRICT, requests, upstream, results,
        tool.outputSchema() == null ? null : CatalogTools.parse(tool, "output", tool.outputSchema()));
  }

  /**
   * A handler checking arguments as {@code validation} says, and answers against {@code outputSchema}
   * (the tool's, parsed; {@code null} when it has none) as {@link PromisedOutput} says.
   */
  public ToolCallHandler(
      ToolDefinition tool,
      ArgumentDecoder decoder,
      ArgumentValidator validator,
      Validation validation,
      RequestBuilder requests,
      UpstreamClient upstream,
      ResultMapper results,
      Map<String, Object> outputSchema) {
    this.promise = PromisedOutput.of(outputSchema, validator.validator());
    this.tool = tool;
    this.decoder = decoder;
    this.policy = new ArgumentPolicy(tool, validator, validation);
    this.requests = requests;
    this.upstream = upstream;
    this.results = results;
  }

  /** The result of calling the tool with {@code arguments} ({@code null} means none) and no request context. */
  public CallToolResult call(Map<String, Object> arguments) {
    return call(arguments, CallContext.NONE).join();
  }

  /**
   * {@link #call(Map)} with the request's headers replacing the environment's for this call only:
   * the token an HTTP client passed through for this request. Their values are never logged.
   */
  @Override
  public CompletableFuture<CallToolResult> call(Map<String, Object> arguments, CallContext context) {
    Map<String, String> requestHeaders = context.requestHeaders();
    // An API may quote the key it refused, an exception the URL it failed on: no credential leaves.
    return answer(arguments, requestHeaders, context.cancellation()).thenApply(result -> Boolean.TRUE.equals(result.isError())
        ? masked(result, requests.secrets().plus(requestHeaders)) : result);
  }

  private CompletableFuture<CallToolResult> answer(Map<String, Object> arguments, Map<String, String> requestHeaders,
      Cancellation cancellation) {
    try {
      Map<String, Object> decoded = decoder.decode(arguments == null ? Map.of() : arguments);
      Optional<String> invalid = policy.check(decoded);
      if (invalid.isPresent()) {
        LOG.debug("{}: arguments rejected", tool.name());
        return ToolResults.failed(invalid.get());
      }
      ArgumentPolicy.Routed routed = policy.route(decoded);
      if (!routed.dropped().isEmpty()) {
        LOG.debug("{}: no place in the request for the undeclared arguments {}", tool.name(), routed.dropped());
      }
      OutgoingRequest request = requests.build(routed.binding(), routed.arguments(), requestHeaders);
      CompletableFuture<CallToolResult> sent;
      try {
        sent = send(request, requestHeaders, cancellation);
      } catch (RuntimeException | StackOverflowError e) {
        request.close();
        throw e;
      }
      // Closing it closes the files a multipart body streams from, once the last attempt is over.
      return sent.whenComplete((result, failure) -> request.close());
    } catch (InvalidCallException e) {
      return ToolResults.failed(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return CompletableFuture.completedFuture(unexpected(e, requestHeaders));
    }
  }

  /** One line, without the stack trace; the message may quote a URL or a header value, so it is cleaned. */
  private CallToolResult unexpected(Throwable e, Map<String, String> requestHeaders) {
    StackTraceElement[] frames = e.getStackTrace();
    LOG.error("{}: unexpected failure: {}: {}{}", tool.name(), e.getClass().getName(),
        requests.secrets().plus(requestHeaders).mask(Secrets.withoutUrlSecrets(e.getMessage())),
        frames.length == 0 ? "" : " (at " + frames[0] + ")");
    return ToolResults.error(
        "The server failed while calling " + tool.name() + " (" + e.getClass().getSimpleName() + ").");
  }

  private static CallToolResult masked(CallToolResult result, Secrets secrets) {
    List<McpSchema.Content> content = new ArrayList<>(result.content().size());
    boolean changed = false;
    for (McpSchema.Content item : result.content()) {
      String masked = item instanceof McpSchema.TextContent text ? secrets.mask(text.text()) : null;
      if (item instanceof McpSchema.TextContent text && !masked.equals(text.text())) {
        content.add(new McpSchema.TextContent(text.annotations(), masked, text.meta()));
        changed = true;
      } else {
        content.add(item);
      }
    }
    return changed ? CallToolResult.builder().content(content).isError(true).meta(result.meta()).build() : result;
  }

  private CompletableFuture<CallToolResult> send(OutgoingRequest request, Map<String, String> requestHeaders,
      Cancellation cancellation) {
    long started = System.nanoTime();
    return upstream.sendAsync(request, RetryPolicy.isRetrySafe(request.method(), tool.hints()), cancellation)
        .handle((response, thrown) -> {
          Throwable cause = thrown;
          while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
          }
          if (cause instanceof Error error && !(error instanceof StackOverflowError)) {
            // Out of memory: the call limiter ends the process rather than answer.
            throw new CompletionException(error);
          }
          try {
            return cause == null ? mapped(request, response, started) : failed(request, cause, requestHeaders);
          } catch (RuntimeException | StackOverflowError e) {
            return unexpected(e, requestHeaders);
          }
        });
  }

  private CallToolResult mapped(OutgoingRequest request, UpstreamResponse response, long started) {
    LOG.debug(
        "{}: {} {} -> {} in {} ms",
        tool.name(),
        request.method(),
        request.uri().getRawPath(),
        response.status(),
        (System.nanoTime() - started) / 1_000_000);
    return promise.kept(results.fromResponse(response));
  }

  private CallToolResult failed(OutgoingRequest request, Throwable cause, Map<String, String> requestHeaders) {
    if (cause instanceof LocalLimitException) {
      // This server's own limit, not the API: the message says which, and whether anything was sent.
      LOG.info("{}: stopped by a local limit (calls at once, memory or rate)", tool.name());
      return ToolResults.error(cause.getMessage());
    }
    if (cause instanceof IOException e) {
      LOG.warn(
          "{}: no response from {} ({})",
          tool.name(),
          BaseUrl.hostAndPort(request.uri()),
          e.getClass().getSimpleName());
      return results.fromFailure(request.uri(), e);
    }
    if (cause instanceof InterruptedException || cause instanceof CancellationException) {
      return ToolResults.error("The call to " + tool.name() + " was cancelled before the API answered.");
    }
    return unexpected(cause, requestHeaders);
  }
}
