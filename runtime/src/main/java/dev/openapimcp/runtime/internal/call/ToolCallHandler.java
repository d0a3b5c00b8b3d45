package dev.openapimcp.runtime.internal.call;

import dev.openapimcp.runtime.internal.capacity.LocalLimitException;
import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.mcp.ToolHandler;
import dev.openapimcp.runtime.internal.request.InvalidCallException;
import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.result.ResultMapper;
import dev.openapimcp.runtime.internal.retry.RetryPolicy;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import dev.openapimcp.runtime.tool.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tool: decode, validate, build, send, map. Never throws, because the SDK would turn an
 * exception into a JSON-RPC error the model cannot read; every failure is an {@code isError} result.
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

  /** The result of calling the tool with {@code arguments} ({@code null} means none). */
  public CallToolResult call(Map<String, Object> arguments) {
    return call(arguments, Map.of());
  }

  /**
   * {@link #call(Map)} with headers that replace the environment's for this call only: the token
   * an HTTP client passed through for this request. Their values are never logged.
   */
  @Override
  public CallToolResult call(Map<String, Object> arguments, Map<String, String> requestHeaders) {
    try {
      Map<String, Object> decoded = decoder.decode(arguments == null ? Map.of() : arguments);
      Optional<String> invalid = validator.check(decoded);
      if (invalid.isPresent()) {
        LOG.debug("{}: arguments rejected", tool.name());
        return ResultMapper.error(invalid.get());
      }
      OutgoingRequest request = requests.build(tool.http(), decoded, requestHeaders);
      return send(request);
    } catch (InvalidCallException e) {
      return ResultMapper.error(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // Messages in this code base never carry header values, so the failure may be logged.
      LOG.error("{}: unexpected failure", tool.name(), e);
      return ResultMapper.error(
          "The server failed while calling " + tool.name() + " (" + e.getClass().getSimpleName() + ").");
    }
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
      return ResultMapper.error(e.getMessage());
    } catch (IOException e) {
      LOG.warn(
          "{}: no response from {} ({})",
          tool.name(),
          BaseUrl.hostAndPort(request.uri()),
          e.getClass().getSimpleName());
      return results.fromFailure(request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ResultMapper.error("The call to " + tool.name() + " was cancelled before the API answered.");
    }
  }
}
