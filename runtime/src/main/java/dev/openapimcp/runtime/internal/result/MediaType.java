package dev.openapimcp.runtime.internal.result;

import dev.openapimcp.runtime.internal.request.RequestBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an answer's {@code Content-Type} says about its body: the media type, the charset its text
 * is in, and whether it is text at all.
 */
final class MediaType {

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

  private final String type;
  private final Charset charset;

  private MediaType(String type, Charset charset) {
    this.type = type;
    this.charset = charset;
  }

  /** The media type of a {@code Content-Type} header value; an empty one when there is none. */
  static MediaType of(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    return new MediaType(type, charset(contentType));
  }

  /** The type without parameters, lower case ({@code application/json}); empty when none was declared. */
  String type() {
    return type;
  }

  boolean isDeclared() {
    return !type.isEmpty();
  }

  boolean isImage() {
    return type.startsWith("image/");
  }

  boolean isJson() {
    return RequestBuilder.isJson(type);
  }

  /** Text, JSON, XML and the like; everything else that is not an image is passed on as a blob. */
  boolean isText() {
    return type.startsWith("text/")
        || isJson()
        || type.endsWith("/xml")
        || type.endsWith("+xml")
        || TEXT_APPLICATION_TYPES.contains(type);
  }

  /** The declared charset, UTF-8 when none (or an unknown one) is declared. */
  Charset charset() {
    return charset;
  }

  /**
   * The body as text in its charset, or empty when it is not text: undecodable bytes or NUL
   * characters.
   */
  Optional<String> decode(byte[] body) {
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
  String decodeLeniently(byte[] body) {
    return new String(body, charset);
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
}
