package dev.openapimcp.runtime.internal.result;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.request.RequestBuilder;
import dev.openapimcp.runtime.internal.request.Secrets;
import dev.openapimcp.runtime.internal.retry.Durations;
import dev.openapimcp.runtime.internal.upstream.RetriesExhaustedException;
import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import dev.openapimcp.runtime.internal.upstream.UpstreamSettings;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.FileNotFoundException;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

  /** Media types outside {@code text/*} whose bodies are text. */
  private static final Set<String> TEXT_APPLICATION_TYPES =
      Set.of(
          "application/javascript",
          "application/ecmascript",
          "application/x-www-form-urlencoded",
          "application/yaml",
          "application/x-yaml",
          "application/x-ndjson",
          "application/graphql",
          "application/sql");

  private final UpstreamSettings settings;
  private final ErrorHints hints;

  /** Default limits and hints that name no credential variable. */
  public ResultMapper() {
    this(UpstreamSettings.defaults(), ErrorHints.generic());
  }

  public ResultMapper(UpstreamSettings settings, ErrorHints hints) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.hints = Objects.requireNonNull(hints, "hints");
  }

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

  private CallToolResult success(UpstreamResponse response) {
    int status = response.status();
    byte[] body = response.body();
    if (body.length == 0) {
      return text(statusLine(status) + (status == 204 ? "" : " with an empty body"));
    }
    String contentType = response.contentType();
    String type = baseType(contentType);
    if (type.startsWith("image/")) {
      return tooLargeForBinary(response, type)
          .orElseGet(() -> CallToolResult.builder()
              .addContent(McpSchema.ImageContent.builder(Base64.getEncoder().encodeToString(body), type).build())
              .isError(false)
              .build());
    }
    boolean declaredText = isText(type);
    // An answer without a media type is text when it decodes as such.
    Optional<String> decoded =
        declaredText || !type.isEmpty() ? Optional.empty() : decode(body, contentType);
    if (!declaredText && decoded.isEmpty()) {
      return tooLargeForBinary(response, type).orElseGet(() -> binary(response, type));
    }
    if (body.length > settings.maxTextBytes() || response.truncated()) {
      return truncatedText(response);
    }
    String text = decoded.orElseGet(() -> decodeLeniently(body, contentType));
    if (type.isEmpty() || RequestBuilder.isJson(type) || type.equals("text/plain")) {
      Optional<Object> json = looksLikeJson(text) ? JsonText.parse(text) : Optional.empty();
      if (json.isPresent() && json.get() instanceof Map<?, ?> object) {
        return CallToolResult.builder().addTextContent(text).structuredContent(object).isError(false).build();
      }
    }
    return text(text);
  }

  /** Text, JSON, XML and the like; everything else that is not an image is passed on as a blob. */
  private static boolean isText(String type) {
    return type.startsWith("text/")
        || RequestBuilder.isJson(type)
        || type.endsWith("/xml")
        || type.endsWith("+xml")
        || TEXT_APPLICATION_TYPES.contains(type);
  }

  /**
   * The first {@code maxTextBytes} of a long text answer, cut between characters, and a note
   * saying so. No structured content: the cut JSON would not parse.
   */
  private CallToolResult truncatedText(UpstreamResponse response) {
    int limit = settings.maxTextBytes();
    byte[] body = response.body();
    int end = Math.min(limit, body.length);
    Charset charset = charset(response.contentType());
    if (charset.equals(StandardCharsets.UTF_8)) {
      // Back up to the first byte of a character, so the kept part decodes whole.
      while (end > 0 && end < body.length && (body[end] & 0xC0) == 0x80) {
        end--;
      }
    }
    String kept = decodeLeniently(Arrays.copyOf(body, end), response.contentType());
    return text(kept + "\n\n[truncated: the response is " + fullSize(response) + "; only the first " + bytes(end)
        + " are shown (this server's limit is " + bytes(limit) + "). Ask for less, such as a smaller page"
        + " size or a filter, to see the rest.]");
  }

  /** An error result when a binary answer is over the limit, else empty. */
  private Optional<CallToolResult> tooLargeForBinary(UpstreamResponse response, String type) {
    int limit = settings.maxBinaryBytes();
    if (response.body().length <= limit && !response.truncated()) {
      return Optional.empty();
    }
    return Optional.of(error(statusLine(response.status()) + ": the response is " + fullSize(response) + " of "
        + (type.isEmpty() ? "binary data" : type) + ", more than the " + bytes(limit)
        + " this server passes on (its --max-binary-bytes limit)."));
  }

  /** The answer's whole size: as read, else as {@code Content-Length} declares it, else at least what was read. */
  private static String fullSize(UpstreamResponse response) {
    int read = response.body().length;
    if (!response.truncated()) {
      return bytes(read);
    }
    long declared = response.declaredLength();
    return declared > read ? bytes(declared) : "more than " + bytes(read);
  }

  /** A binary answer as an embedded resource, with a line of text for models that skip resources. */
  private static CallToolResult binary(UpstreamResponse response, String type) {
    String mimeType = type.isEmpty() ? "application/octet-stream" : type;
    byte[] body = response.body();
    McpSchema.BlobResourceContents blob =
        McpSchema.BlobResourceContents.builder(resourceUri(response.uri()), Base64.getEncoder().encodeToString(body))
            .mimeType(mimeType)
            .build();
    return CallToolResult.builder()
        .addTextContent(statusLine(response.status()) + ": " + bytes(body.length) + " of " + mimeType
            + ", attached as an embedded resource (base64).")
        .addContent(McpSchema.EmbeddedResource.builder(blob).build())
        .isError(false)
        .build();
  }

  /** Where the answer came from, without the query: query parameters can hold API keys. */
  private static String resourceUri(URI uri) {
    if (uri == null) {
      return "about:blank";
    }
    return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** {@code 5 MB}, {@code 64 KB} or {@code 1234 bytes}: exact, so limits read as they were set. */
  private static String bytes(long count) {
    if (count >= 1024 * 1024 && count % (1024 * 1024) == 0) {
      return count / (1024 * 1024) + " MB";
    }
    if (count >= 1024 && count % 1024 == 0) {
      return count / 1024 + " KB";
    }
    return count + (count == 1 ? " byte" : " bytes");
  }

  /**
   * {@code HTTP 404 Not Found (object_not_found): message}, hints for 401, 404 and 429, how often
   * the call was tried, a blank line, then the body as received.
   */
  private String errorText(UpstreamResponse response) {
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
      text.append('\n').append(hints.unauthorized());
    }
    if (status == 404) {
      text.append('\n').append(hints.notFound());
    }
    response
        .headers()
        .firstValue("Retry-After")
        .filter(value -> status == 429 || status == 503)
        .ifPresent(value -> text.append("\nRetry after ").append(value).append(value.matches("\\d+") ? " s." : "."));
    if (response.retryNote() != null) {
      text.append('\n').append(sentence(response.retryNote()));
    }
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
    if (failure instanceof RetriesExhaustedException retried) {
      return error(describeFailure(uri, retried.lastFailure()) + "\n" + sentence(retried.reason()));
    }
    return error(describeFailure(uri, failure));
  }

  private String describeFailure(URI uri, IOException failure) {
    String where = BaseUrl.hostAndPort(uri);
    if (failure instanceof HttpConnectTimeoutException) {
      return "Could not connect to " + where + ": the connection timed out after "
          + Durations.describe(settings.connectTimeout()) + ".";
    }
    if (failure instanceof HttpTimeoutException) {
      return "The request to " + where + " timed out after " + Durations.describe(settings.requestTimeout())
          + " without a complete response.";
    }
    if (causedBy(failure, FileNotFoundException.class)) {
      return "A file to upload could not be read: " + describe(failure) + ".";
    }
    if (causedBy(failure, UnresolvedAddressException.class) || causedBy(failure, UnknownHostException.class)) {
      return "Could not connect to " + where + ": unknown host (the name does not resolve).";
    }
    if (causedBy(failure, NoRouteToHostException.class)) {
      return "Could not connect to " + where + ": no route to host.";
    }
    if (causedBy(failure, ConnectException.class)) {
      return "Could not connect to " + where + ": connection refused (nothing is listening there).";
    }
    if (causedBy(failure, SSLException.class)) {
      return "Could not connect to " + where + ": the TLS handshake failed (" + describe(failure) + ").";
    }
    return "The request to " + where + " failed before a response arrived: " + describe(failure) + ".";
  }

  /** {@code gave up after 4 attempts} → {@code Gave up after 4 attempts.} */
  private static String sentence(String fragment) {
    return Character.toUpperCase(fragment.charAt(0)) + fragment.substring(1) + ".";
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
    // Messages of some failures quote the URL, whose query may hold an API key.
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : Secrets.withoutUrlSecrets(message);
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

  /** The body as text, with undecodable bytes replaced: for bodies declared to be text. */
  private static String decodeLeniently(byte[] body, String contentType) {
    return new String(body, charset(contentType));
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
