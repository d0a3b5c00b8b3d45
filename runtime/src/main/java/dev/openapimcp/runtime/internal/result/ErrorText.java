package dev.openapimcp.runtime.internal.result;

import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import java.util.Map;

/**
 * The text of an error answer from the API: {@code HTTP 404 Not Found (object_not_found): message},
 * hints for 401 and 404, {@code Retry-After}, how often the call was tried, a blank line, then the
 * body as received (cut at {@link #ERROR_BODY_LIMIT}).
 */
final class ErrorText {

  /** Error bodies are cut here: enough for any real error, small enough for a model's context. */
  static final int ERROR_BODY_LIMIT = 100 * 1024;

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

  private ErrorText() {}

  /** {@code HTTP 404 Not Found}: how the text of every answer starts. */
  static String statusLine(int status) {
    String reason = REASONS.get(status);
    return "HTTP " + status + (reason == null ? "" : " " + reason);
  }

  /** {@code gave up after 4 attempts} → {@code Gave up after 4 attempts.} */
  static String sentence(String fragment) {
    return Character.toUpperCase(fragment.charAt(0)) + fragment.substring(1) + ".";
  }

  /** The text for an error answer (4xx, 5xx) of the API. */
  static String of(UpstreamResponse response, ErrorHints hints) {
    int status = response.status();
    String body = MediaType.of(response.contentType()).decode(response.body()).orElse(null);
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
    if (!JsonText.looksLikeJson(body)) {
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
}
