package dev.openapimcp.runtime.internal.result;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.upstream.UpstreamClient;
import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Maps API responses and transport failures to {@link CallToolResult}s. */
public final class ResultMapper {

  /** Error bodies are cut here: enough for any real error, small enough for a model's context. */
  public static final int ERROR_BODY_LIMIT = 100 * 1024;

  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(201, "Created"),
          Map.entry(202, "Accepted"),
          Map.entry(204, "No Content"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(304, "Not Modified"),
          Map.entry(307, "Temporary Redirect"),
          Map.entry(308, "Permanent Redirect"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(409, "Conflict"),
          Map.entry(410, "Gone"),
          Map.entry(413, "Content Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  public ResultMapper() {}

  /** An error result with {@code text}. */
  public static CallToolResult error(String text) {
    return CallToolResult.builder().addTextContent(text).isError(true).build();
  }

  /** The result for what the API answered. */
  public CallToolResult fromResponse(UpstreamResponse response) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return success(response);
    }
    if (status >= 300 && status < 400) {
      String location = response.headers().firstValue("Location").orElse("");
      return error(
          statusLine(status)
              + ": the API answered with a redirect"
              + (location.isEmpty() ? "" : " to " + location)
              + ", which this server does not follow.");
    }
    return error(errorText(response));
  }

  private static CallToolResult success(UpstreamResponse response) {
    int status = response.status();
    if (response.truncated()) {
      return error(
          statusLine(status)
              + ": the response is larger than "
              + UpstreamClient.MAX_BODY_BYTES / (1024 * 1024)
              + " MB, which this server does not relay.");
    }
    byte[] body = response.body();
    if (body.length == 0) {
      return text(statusLine(status) + (status == 204 ? "" : " with an empty body"));
    }
    String contentType = response.contentType();
    String type = baseType(contentType);
    if (type.startsWith("image/")) {
      return CallToolResult.builder()
          .addContent(McpSchema.ImageContent.builder(Base64.getEncoder().encodeToString(body), type).build())
          .build();
    }
    Optional<String> decoded = decode(body, contentType);
    if (decoded.isEmpty()) {
      return text(
          statusLine(status)
              + ": "
              + body.length
              + " bytes of "
              + (type.isEmpty() ? "binary data" : type)
              + " (binary content is not shown).");
    }
    String text = decoded.get();
    if (type.isEmpty() || RequestBuilder.isJson(type) || type.equals("text/plain")) {
      Optional<Object> json = looksLikeJson(text) ? JsonText.parse(text) : Optional.empty();
      if (json.isPresent() && json.get() instanceof Map<?, ?> object) {
        return CallToolResult.builder().addTextContent(text).structuredContent(object).build();
      }
    }
    return text(text);
  }

  /**
   * {@code HTTP 404 Not Found (object_not_found): message}, hints for 401 and 429, a blank line,
   * then the body as received.
   */
  private static String errorText(UpstreamResponse response) {
    int status = response.status();
    String body = decode(response.body(), response.contentType()).orElse(null);
    StringBuilder text = new StringBuilder(statusLine(status));
    Map<?, ?> problem = body == null ? null : errorObject(body);
    String code = problem == null ? null : scalar(problem.get("code"));
    String message = problem == null ? null : scalar(problem.get("message"));
    if (code != null) {
      text.append(" (").append(code).append(')');
    }
    if (message != null) {
      text.append(": ").append(message);
    }
    if (response.body().length == 0) {
      text.append(" (empty body)");
    }
    if (status == 401) {
      text.append("\nThe API rejected the credentials this server sends; check the token it was started with.");
    }
    response
        .headers()
        .firstValue("Retry-After")
        .filter(value -> status == 429 || status == 503)
        .ifPresent(value -> text.append("\nRetry after ").append(value).append(value.matches("\\d+") ? " s." : "."));
    if (response.body().length > 0) {
      text.append("\n\n")
          .append(
              body == null
                  ? response.body().length + " bytes of binary content not shown."
                  : truncate(body, response.body().length, response.truncated()));
    }
    return text.toString();
  }

  /** The object holding {@code code}/{@code message}: the body itself or its {@code error} member. */
  private static Map<?, ?> errorObject(String body) {
    if (!looksLikeJson(body)) {
      return null;
    }
    Object parsed = JsonText.parse(body).orElse(null);
    if (!(parsed instanceof Map<?, ?> object)) {
      return null;
    }
    boolean flat = object.get("code") != null || object.get("message") != null;
    if (!flat && object.get("error") instanceof Map<?, ?> nested) {
      return nested;
    }
    return object;
  }

  private static String scalar(Object value) {
    return value instanceof String || value instanceof Number ? String.valueOf(value) : null;
  }

  private static String truncate(String body, int totalBytes, boolean alreadyCut) {
    if (body.length() <= ERROR_BODY_LIMIT && !alreadyCut) {
      return body;
    }
    int end = Math.min(body.length(), ERROR_BODY_LIMIT);
    if (end > 0 && Character.isHighSurrogate(body.charAt(end - 1))) {
      end--;
    }
    return body.substring(0, end)
        + "\n[truncated: showing the first "
        + end
        + " characters of a "
        + (alreadyCut ? "more than " : "")
        + totalBytes
        + "-byte body]";
  }

  /** The result when no response arrived from {@code uri}. */
  public CallToolResult fromFailure(URI uri, IOException failure) {
    String where = BaseUrl.hostAndPort(uri);
    if (failure instanceof HttpConnectTimeoutException) {
      return error(
          "Could not connect to "
              + where
              + ": the connection timed out after "
              + UpstreamClient.CONNECT_TIMEOUT.toSeconds()
              + " s.");
    }
    if (failure instanceof HttpTimeoutException) {
      return error(
          "The request to "
              + where
              + " timed out after "
              + UpstreamClient.REQUEST_TIMEOUT.toSeconds()
              + " s without a complete response.");
    }
    if (causedBy(failure, UnresolvedAddressException.class) || causedBy(failure, UnknownHostException.class)) {
      return error("Could not connect to " + where + ": unknown host (the name does not resolve).");
    }
    if (causedBy(failure, NoRouteToHostException.class)) {
      return error("Could not connect to " + where + ": no route to host.");
    }
    if (causedBy(failure, ConnectException.class)) {
      return error("Could not connect to " + where + ": connection refused (nothing is listening there).");
    }
    if (causedBy(failure, SSLException.class)) {
      return error("Could not connect to " + where + ": the TLS handshake failed (" + describe(failure) + ").");
    }
    return error("The request to " + where + " failed before a response arrived: " + describe(failure) + ".");
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The innermost cause's message, or its type when it has none. */
  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }

  private static CallToolResult text(String text) {
    return CallToolResult.builder().addTextContent(text).isError(false).build();
  }

  private static String statusLine(int status) {
    String reason = REASONS.get(status);
    return "HTTP " + status + (reason == null ? "" : " " + reason);
  }

  private static boolean looksLikeJson(String text) {
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }

  /**
   * The body as text in its declared charset (UTF-8 by default), or empty when it is not text:
   * undecodable bytes or NUL characters.
   */
  private static Optional<String> decode(byte[] body, String contentType) {
    Charset charset = charset(contentType);
    try {
      String text =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
      return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static Charset charset(String contentType) {
    for (String parameter : contentType.split(";")) {
      String[] pair = parameter.strip().split("=", 2);
      if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
        try {
          return Charset.forName(pair[1].strip().replace("\"", ""));
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static String baseType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
