package dev.openapimcp.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a spec's http(s) address cannot be downloaded. Asked only after reading the spec from it
 * failed: swagger-parser answers an unreachable address with "not an OpenAPI 3.x or Swagger 2.0
 * document" (and printed 203 lines of stack traces for a refused connection), so the command line
 * finds out itself what the real reason was, in the words the Maven plugin uses for its
 * {@code specUrl}.
 */
final class SpecUrl {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final Duration connectTimeout;
  private final Duration requestTimeout;

  SpecUrl(Duration connectTimeout, Duration requestTimeout) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /** Whether {@code location} is an http(s) address rather than a file. */
  static boolean isUrl(String location) {
    String lower = location.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /**
   * Downloads {@code location} (and throws the body away) to learn why it cannot be read: a phrase
   * such as {@code connection refused}, or empty when it downloads fine, so the reason lies in its
   * content.
   */
  Optional<String> downloadProblem(String location) {
    URI url;
    try {
      url = URI.create(location.strip());
    } catch (IllegalArgumentException e) {
      return Optional.of("it is not a valid URL");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET().build();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2 ? Optional.empty() : Optional.of("the server answered HTTP " + status);
    } catch (IOException e) {
      return Optional.of(reason(e, url));
    } catch (IllegalArgumentException e) {
      return Optional.of("it is not a valid URL");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /**
   * One phrase: the JDK's messages are often empty or name only the exception's type. The whole
   * chain is searched for each kind in turn, since an unknown host arrives as a
   * {@code ConnectException} caused by an {@code UnresolvedAddressException}.
   */
  private String reason(IOException e, URI url) {
    if (causedBy(e, UnknownHostException.class) != null || causedBy(e, UnresolvedAddressException.class) != null) {
      return "unknown host " + url.getHost();
    }
    if (causedBy(e, HttpConnectTimeoutException.class) != null) {
      return "no connection within " + connectTimeout.toSeconds() + " s";
    }
    if (causedBy(e, HttpTimeoutException.class) != null) {
      return "no complete answer within " + requestTimeout.toSeconds() + " s";
    }
    Throwable refused = causedBy(e, ConnectException.class);
    if (refused != null) {
      String message = refused.getMessage();
      return message == null || message.isBlank() || message.toLowerCase(Locale.ROOT).contains("refused")
          ? "connection refused" : "cannot connect (" + message + ")";
    }
    Throwable tls = causedBy(e, SSLException.class);
    if (tls != null) {
      return "the TLS handshake failed (" + OpenApiMcp.describe(tls) + ")";
    }
    return OpenApiMcp.describe(e);
  }

  private static Throwable causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
