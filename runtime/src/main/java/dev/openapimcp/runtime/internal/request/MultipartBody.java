package dev.openapimcp.runtime.internal.request;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} body (RFC 7578) described by its parts; files are opened when the
 * call is built and streamed from the open channel when it is sent, never read into memory and never
 * opened again by name. {@link #close()} closes them.
 *
 * @param boundary the delimiter between parts, random so that no part holds it by chance
 * @param parts the form fields in order
 */
public record MultipartBody(String boundary, List<Part> parts) implements AutoCloseable {

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
   * @param file the open file, read from its start by position (so a retry sends it whole)
   * @param size how many bytes are sent: the file's size when it was opened
   */
  public record FilePart(String name, String filename, String contentType, FileChannel file, long size)
      implements Part {

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

  /** A publisher that streams the body; each one reads the files from their start, so a retry sends them whole. */
  public BodyPublisher publisher() {
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
        pieces.add(BodyPublishers.fromPublisher(
            BodyPublishers.ofInputStream(() -> new FileSlice(file.file(), file.size())), file.size()));
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

  /** Closes the files; the body cannot be sent afterwards. */
  @Override
  public void close() {
    for (Part part : parts) {
      if (part instanceof FilePart file) {
        try {
          file.file().close();
        } catch (IOException e) {
          // Closing a file opened for reading loses nothing.
        }
      }
    }
  }

  /** Names and file names in quotes, escaped as browsers do (WHATWG HTML, multipart/form-data). */
  static String quote(String value) {
    return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  /**
   * The first {@code size} bytes of an open file, read by position: the channel's own position is
   * never used, so an attempt the client abandoned cannot disturb the next one.
   */
  private static final class FileSlice extends InputStream {

    private final FileChannel file;
    private final long size;
    private long position;

    FileSlice(FileChannel file, long size) {
      this.file = file;
      this.size = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (position >= size) {
        return -1;
      }
      int wanted = (int) Math.min(length, size - position);
      int read = file.read(ByteBuffer.wrap(buffer, offset, wanted), position);
      if (read < 0) {
        throw new IOException("The file to upload became shorter while it was sent.");
      }
      position += read;
      return read;
    }
  }
}
