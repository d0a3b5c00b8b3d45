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
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tool: decode, validate, build, send, map. Never throws, because the SDK would turn an
 * exception into a JSON-RPC error the model cannot read; every failure is an {@code isError} result.
 * The call runs on the caller's thread, which waits for the API's answer: {@link #call(Map,
 * CallContext)} returns a completed future.
 */
public final class ToolCallHandler implements ToolHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ToolCallHandler.class);

  private final ToolDefinition tool;
  private final ArgumentDecoder decoder;
  private final ArgumentValidator validator;
  private final RequestBuilder requests;
  private final UpstreamClient upstream;
  private final ResultMapper results;

  public ToolCallHandler(
      ToolDefinition tool,
      ArgumentDecoder decoder,
      ArgumentValidator validator,
      RequestBuilder requests,
      UpstreamClient upstream,
      ResultMapper results) {
    this.tool = tool;
    this.decoder = decoder;
    this.validator = validator;
    this.requests = requests;
    this.upstream = upstream;
    this.results = results;
  }

  /** The result of calling the tool with {@code arguments} ({@code null} means none) and no request context. */
  public CallToolResult call(Map<String, Object> arguments) {
    return run(arguments, Map.of());
  }

  /**
   * {@link #call(Map)} with the request's headers replacing the environment's for this call only:
   * the token an HTTP client passed through for this request. Their values are never logged.
   */
  @Override
  public CompletableFuture<CallToolResult> call(Map<String, Object> arguments, CallContext context) {
    return CompletableFuture.completedFuture(run(arguments, context.requestHeaders()));
  }

  private CallToolResult run(Map<String, Object> arguments, Map<String, String> requestHeaders) {
    CallToolResult result = answer(arguments, requestHeaders);
    // An API may quote the key it refused, an exception the URL it failed on: no credential leaves.
    return Boolean.TRUE.equals(result.isError()) ? masked(result, requests.secrets().plus(requestHeaders)) : result;
  }

  private CallToolResult answer(Map<String, Object> arguments, Map<String, String> requestHeaders) {
    try {
      Map<String, Object> decoded = decoder.decode(arguments == null ? Map.of() : arguments);
      Optional<String> invalid = validator.check(decoded);
      if (invalid.isPresent()) {
        LOG.debug("{}: arguments rejected", tool.name());
        return ToolResults.error(invalid.get());
      }
      // Closing it closes the files a multipart body streams from.
      try (OutgoingRequest request = requests.build(tool.http(), decoded, requestHeaders)) {
        return send(request);
      }
    } catch (InvalidCallException e) {
      return ToolResults.error(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // One line, without the stack trace; the message may quote a URL or a header value, so it is cleaned.
      StackTraceElement[] frames = e.getStackTrace();
      LOG.error("{}: unexpected failure: {}: {}{}", tool.name(), e.getClass().getName(),
          requests.secrets().plus(requestHeaders).mask(Secrets.withoutUrlSecrets(e.getMessage())),
          frames.length == 0 ? "" : " (at " + frames[0] + ")");
      return ToolResults.error(
          "The server failed while calling " + tool.name() + " (" + e.getClass().getSimpleName() + ").");
    }
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

  private CallToolResult send(OutgoingRequest request) {
    long started = System.nanoTime();
    try {
      UpstreamResponse response = upstream.send(request, RetryPolicy.isRetrySafe(request.method(), tool.hints()));
      LOG.debug(
          "{}: {} {} -> {} in {} ms",
          tool.name(),
          request.method(),
          request.uri().getRawPath(),
          response.status(),
          (System.nanoTime() - started) / 1_000_000);
      return results.fromResponse(response);
    } catch (LocalLimitException e) {
      // This server's own limit, not the API: the message says which, and whether anything was sent.
      LOG.info("{}: stopped by a local limit (calls at once, memory or rate)", tool.name());
      return ToolResults.error(e.getMessage());
    } catch (IOException e) {
      LOG.warn(
          "{}: no response from {} ({})",
          tool.name(),
          BaseUrl.hostAndPort(request.uri()),
          e.getClass().getSimpleName());
      return results.fromFailure(request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ToolResults.error("The call to " + tool.name() + " was cancelled before the API answered.");
    }
  }
}
