package dev.openapimcp.runtime.internal.request;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} body (RFC 7578) described by its parts; files stay on disk until
 * the request is sent and are then streamed, never read into memory.
 *
 * @param boundary the delimiter between parts, random so that no part holds it by chance
 * @param parts the form fields in order
 */
public record MultipartBody(String boundary, List<Part> parts) {

  private static final String CRLF = "\r\n";

  public MultipartBody {
    Objects.requireNonNull(boundary, "boundary");
    parts = List.copyOf(parts);
  }

  /** One form field. */
  public sealed interface Part permits TextPart, FilePart {

    /** The field name. */
    String name();
  }

  /**
   * A field with a text value.
   *
   * @param contentType the part's media type, or {@code null} for plain text (the default)
   */
  public record TextPart(String name, String contentType, String value) implements Part {

    public TextPart {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A field holding a local file.
   *
   * @param filename the name sent to the API, without directories
   * @param contentType the file's media type
   * @param file the resolved file to stream
   */
  public record FilePart(String name, String filename, String contentType, Path file) implements Part {

    public FilePart {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(file, "file");
    }
  }

  /** The request's {@code Content-Type}. */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /**
   * A publisher that streams the body; each call opens the files again, so a retried request
   * sends them in full.
   *
   * @throws FileNotFoundException when a file has gone since the call was checked
   */
  public BodyPublisher publisher() throws FileNotFoundException {
    List<BodyPublisher> pieces = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      text.append("--").append(boundary).append(CRLF);
      text.append("Content-Disposition: form-data; name=\"").append(quote(part.name())).append('"');
      if (part instanceof FilePart file) {
        text.append("; filename=\"").append(quote(file.filename())).append('"').append(CRLF);
        text.append("Content-Type: ").append(file.contentType()).append(CRLF).append(CRLF);
        pieces.add(utf8(text));
        text.setLength(0);
        pieces.add(BodyPublishers.ofFile(file.file()));
      } else {
        TextPart field = (TextPart) part;
        text.append(CRLF);
        if (field.contentType() != null) {
          text.append("Content-Type: ").append(field.contentType()).append(CRLF);
        }
        text.append(CRLF).append(field.value());
      }
      text.append(CRLF);
    }
    text.append("--").append(boundary).append("--").append(CRLF);
    pieces.add(utf8(text));
    return BodyPublishers.concat(pieces.toArray(HttpRequest.BodyPublisher[]::new));
  }

  private static BodyPublisher utf8(CharSequence text) {
    return BodyPublishers.ofByteArray(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Names and file names in quotes, escaped as browsers do (WHATWG HTML, multipart/form-data). */
  static String quote(String value) {
    return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }
}
