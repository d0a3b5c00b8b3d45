package dev.openapimcp.runtime.internal.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.runtime.internal.tool.ToolResults;
import dev.openapimcp.runtime.internal.upstream.UpstreamResponse;
import dev.openapimcp.runtime.settings.ServerSettings;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps what the API answered, or why nothing came back, to a {@link CallToolResult}: a successful
 * answer by its media type ({@link MediaType}), an error answer as {@link ErrorText}, a failure as
 * {@link FailureText}.
 */
public final class ResultMapper {

  private final ServerSettings settings;
  private final ErrorHints hints;

  /**
   * @param settings the answer size limits and time-outs results name
   * @param hints what 401 and 404 results add
   */
  public ResultMapper(ServerSettings settings, ErrorHints hints) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.hints = Objects.requireNonNull(hints, "hints");
  }

  /** The result for what the API answered. */
  public CallToolResult fromResponse(UpstreamResponse response) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return success(response);
    }
    if (status >= 300 && status < 400) {
      String location = response.headers().firstValue("Location").orElse("");
      return ToolResults.error(
          ErrorText.statusLine(status)
              + ": the API answered with a redirect"
              + (location.isEmpty() ? "" : " to " + location)
              + ", which this server does not follow.");
    }
    return ToolResults.error(ErrorText.of(response, hints));
  }

  /** The result when no response arrived from {@code uri}. */
  public CallToolResult fromFailure(URI uri, IOException failure) {
    return ToolResults.error(FailureText.of(uri, failure, settings));
  }

  private CallToolResult success(UpstreamResponse response) {
    int status = response.status();
    byte[] body = response.body();
    if (body.length == 0) {
      return text(ErrorText.statusLine(status) + (status == 204 ? "" : " with an empty body"));
    }
    MediaType type = MediaType.of(response.contentType());
    if (type.isImage()) {
      return tooLargeForBinary(response, type)
          .orElseGet(() -> CallToolResult.builder()
              .addContent(McpSchema.ImageContent.builder(Base64.getEncoder().encodeToString(body), type.type()).build())
              .isError(false)
              .build());
    }
    boolean declaredText = type.isText();
    // An answer without a media type is text when it decodes as such.
    Optional<String> decoded = declaredText || type.isDeclared() ? Optional.empty() : type.decode(body);
    if (!declaredText && decoded.isEmpty()) {
      return tooLargeForBinary(response, type).orElseGet(() -> binary(response, type));
    }
    if (body.length > settings.maxTextBytes() || response.truncated()) {
      return truncatedText(response, type);
    }
    String text = decoded.orElseGet(() -> type.decodeLeniently(body));
    if (!type.isDeclared() || type.isJson() || type.type().equals("text/plain")) {
      Optional<ObjectNode> json = JsonText.looksLikeJson(text) ? parse(body, text, type) : Optional.empty();
      if (json.isPresent()) {
        return CallToolResult.builder().addTextContent(text).structuredContent(json.get()).isError(false).build();
      }
    }
    return text(text);
  }

  /**
   * The JSON object of an answer, as the tree it is sent and checked as (its output schema checks
   * the tree itself: converting a map back into one was a thirteenth of a loaded server's work, JFR).
   * Read from the bytes when they are UTF-8 (a fifth of that work was reading answers from their
   * decoded text), from the text when they are not, or when the bytes are not valid UTF-8 and the
   * text holds replacement characters instead.
   */
  private static Optional<ObjectNode> parse(byte[] body, String text, MediaType type) {
    Optional<ObjectNode> json =
        type.charset().equals(StandardCharsets.UTF_8) ? JsonText.parseObject(body) : Optional.empty();
    return json.isPresent() ? json : JsonText.parseObject(text);
  }

  /**
   * The first {@code maxTextBytes} of a long text answer, cut between characters, and a note
   * saying so. No structured content: the cut JSON would not parse.
   */
  private CallToolResult truncatedText(UpstreamResponse response, MediaType type) {
    int limit = settings.maxTextBytes();
    byte[] body = response.body();
    int end = Math.min(limit, body.length);
    if (type.charset().equals(StandardCharsets.UTF_8)) {
      // Back up to the first byte of a character, so the kept part decodes whole.
      while (end > 0 && end < body.length && (body[end] & 0xC0) == 0x80) {
        end--;
      }
    }
    String kept = type.decodeLeniently(Arrays.copyOf(body, end));
    return text(kept + "\n\n[truncated: the response is " + fullSize(response) + "; only the first " + bytes(end)
        + " are shown (this server's limit is " + bytes(limit) + "). Ask for less, such as a smaller page"
        + " size or a filter, to see the rest.]");
  }

  /** An error result when a binary answer is over the limit, else empty. */
  private Optional<CallToolResult> tooLargeForBinary(UpstreamResponse response, MediaType type) {
    int limit = settings.maxBinaryBytes();
    if (response.body().length <= limit && !response.truncated()) {
      return Optional.empty();
    }
    return Optional.of(ToolResults.error(ErrorText.statusLine(response.status()) + ": the response is "
        + fullSize(response) + " of " + (type.isDeclared() ? type.type() : "binary data") + ", more than the "
        + bytes(limit) + " this server passes on (its --max-binary-bytes limit)."));
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
  private static CallToolResult binary(UpstreamResponse response, MediaType type) {
    String mimeType = type.isDeclared() ? type.type() : "application/octet-stream";
    byte[] body = response.body();
    McpSchema.BlobResourceContents blob =
        McpSchema.BlobResourceContents.builder(resourceUri(response.uri()), Base64.getEncoder().encodeToString(body))
            .mimeType(mimeType)
            .build();
    return CallToolResult.builder()
        .addTextContent(ErrorText.statusLine(response.status()) + ": " + bytes(body.length) + " of " + mimeType
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

  private static CallToolResult text(String text) {
    return CallToolResult.builder().addTextContent(text).isError(false).build();
  }
}
