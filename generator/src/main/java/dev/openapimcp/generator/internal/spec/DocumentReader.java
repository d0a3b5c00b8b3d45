package dev.openapimcp.generator.internal.spec;

import dev.openapimcp.generator.GenerationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one spec document, from a regular file or an {@code http(s)} address, up to a
 * size limit and within a time limit: a reference to {@code /dev/zero} made the generator run out
 * of memory, and one to a named pipe made it wait forever.
 */
final class DocumentReader {

  /**
   * 128 MiB. The largest description in use that we know of, GitHub's REST API with every
   * reference inlined ({@code @octokit/openapi} {@code api.github.com.deref.json}), is 73 MB.
   */
  static final int MAX_BYTES = 128 << 20;
  /** Bytes asked of a file at a time: a file channel reads them through a direct buffer as large. */
  private static final int READ_SIZE = 64 << 10;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(60);

  private DocumentReader() {}

  /**
   * How messages about reading a document name it: by its name ({@code "b.yaml cannot be read
   * (...)"}), or through the reference that leads to it ({@code "spec.yaml #/a: $ref 'b.yaml' names
   * /x/b.yaml, which cannot be read (...)"}).
   *
   * @param location the document named, or the one holding the reference
   * @param pointer the reference's JSON pointer, or {@code null}
   * @param clause the clause naming the document through the reference, ending before the verb,
   *     or {@code null}
   */
  record Subject(String location, String pointer, String clause) {

    static Subject document(String location) {
      return new Subject(location, null, null);
    }

    /** The problem {@code predicate} (a verb phrase, "cannot be read (...)") says of the document. */
    GenerationException problem(String predicate) {
      return clause == null ? GenerationException.about(location, predicate)
          : GenerationException.at(location, pointer, clause + " " + predicate);
    }
  }

  /**
   * The bytes of {@code file}, or {@code null} when there is no such file.
   *
   * @param subject how messages name the file
   * @throws GenerationException when it is not a regular file (a pipe, a device, a folder), is
   *     larger than {@link #MAX_BYTES}, or cannot be read
   */
  static byte[] readFile(Path file, Subject subject) throws GenerationException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw subject.problem("cannot be read (" + reason(e) + ")");
    }
    if (!attributes.isRegularFile()) {
      throw subject.problem("is " + kind(file, attributes) + ", not a regular file, so it is"
          + " not read");
    }
    if (attributes.size() > MAX_BYTES) {
      throw tooLarge(subject);
    }
    // The size can change between the check and the read (and /proc files report 0): read at most one byte more.
    try (InputStream in = Files.newInputStream(file)) {
      return bounded(read(in, attributes.size(), MAX_BYTES + 1), subject);
    } catch (IOException e) {
      throw subject.problem("cannot be read (" + reason(e) + ")");
    }
  }

  /**
   * At most {@code limit} bytes of {@code in}, read into an array of the {@code expected} size, which
   * grows only when there is more. {@code readNBytes(limit)} took 118 ms for GitHub's 13 MB
   * description in a cold JVM, these reads 48-65 ms: it gathers 8 KB buffers and copies them into
   * a new array, and a file channel reads a whole array through a direct buffer as large.
   */
  static byte[] read(InputStream in, long expected, int limit) throws IOException {
    byte[] bytes = new byte[(int) Math.min(Math.max(expected, 0), limit)];
    int count = 0;
    while (true) {
      if (count == bytes.length) {
        int next = count == limit ? -1 : in.read();
        if (next < 0) {
          return bytes;
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(2L * count, count + READ_SIZE)));
        bytes[count++] = (byte) next;
      }
      int read = in.read(bytes, count, Math.min(READ_SIZE, bytes.length - count));
      if (read < 0) {
        return Arrays.copyOf(bytes, count);
      }
      count += read;
    }
  }

  /**
   * The bytes at {@code url}.
   *
   * @throws GenerationException when the address does not answer 2xx within the time limits, or
   *     sends more than {@link #MAX_BYTES}
   */
  static byte[] readUrl(URI url, Subject subject) throws GenerationException {
    HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(TRANSFER_TIMEOUT)
        .header("Accept", "application/json, application/yaml, text/yaml, */*").build();
    CompletableFuture<HttpResponse<byte[]>> response = Http.CLIENT.sendAsync(request, info -> new LimitedBody());
    try {
      HttpResponse<byte[]> answer = response.get(TRANSFER_TIMEOUT.toSeconds() + CONNECT_TIMEOUT.toSeconds(),
          TimeUnit.SECONDS);
      if (answer.statusCode() / 100 != 2) {
        throw subject.problem("cannot be read (the server answered HTTP " + answer.statusCode()
            + ")");
      }
      return bounded(answer.body(), subject);
    } catch (TimeoutException e) {
      response.cancel(true);
      throw subject.problem("cannot be read (no complete answer within "
          + TRANSFER_TIMEOUT.toSeconds() + " s)");
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      throw subject.problem("cannot be read (interrupted)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      for (Throwable t = cause; t != null; t = t.getCause()) {
        if (t instanceof TooLarge) {
          throw tooLarge(subject);
        }
      }
      String why = cause instanceof HttpTimeoutException ? "no answer within " + TRANSFER_TIMEOUT.toSeconds() + " s"
          : cause instanceof ConnectException ? "cannot connect to " + url.getHost() + ":" + port(url)
          : reason(cause);
      throw subject.problem("cannot be read (" + why + ")");
    }
  }

  private static byte[] bounded(byte[] bytes, Subject subject) throws GenerationException {
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(subject);
    }
    return bytes;
  }

  private static GenerationException tooLarge(Subject subject) {
    return subject.problem("is larger than " + (MAX_BYTES >> 20) + " MiB, more than any API"
        + " description needs, so it is not read");
  }

  /** What a file that is not a regular file is, as far as the JDK can tell. */
  private static String kind(Path file, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a folder";
    }
    try {
      // Linux and macOS: the st_mode file type bits.
      int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
      switch (type) {
        case 0010000:
          return "a named pipe (FIFO)";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0140000:
          return "a socket";
        default:
          break;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      // Not a Unix file system: say what we know.
    }
    return "a special file";
  }

  private static int port(URI url) {
    return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  private static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** The HTTP client, made on first use: most runs read no address. */
  private static final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Signals a body over {@link #MAX_BYTES}. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Collects a response body, and gives up as soon as it passes {@link #MAX_BYTES}. */
  private static final class LimitedBody implements BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        if (result.isDone()) {
          return;
        }
        if ((long) bytes.size() + buffer.remaining() > MAX_BYTES) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
