package dev.openapimcp.runtime.internal.result;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.request.Secrets;
import dev.openapimcp.runtime.internal.retry.Durations;
import dev.openapimcp.runtime.internal.upstream.RetriesExhaustedException;
import dev.openapimcp.runtime.settings.ServerSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * The text for a call no answer arrived for: which {@code host:port} could not be reached and why
 * (refused, unknown host, TLS, a time-out naming the configured limit, a file to upload that could
 * not be read), and how often the call was tried.
 */
final class FailureText {

  private FailureText() {}

  /** Why nothing came back from {@code uri}. */
  static String of(URI uri, IOException failure, ServerSettings settings) {
    if (failure instanceof RetriesExhaustedException retried) {
      return describe(uri, retried.lastFailure(), settings) + "\n" + ErrorText.sentence(retried.reason());
    }
    return describe(uri, failure, settings);
  }

  private static String describe(URI uri, IOException failure, ServerSettings settings) {
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
      return "A file to upload could not be read: " + rootMessage(failure) + ".";
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
      return "Could not connect to " + where + ": the TLS handshake failed (" + rootMessage(failure) + ").";
    }
    return "The request to " + where + " failed before a response arrived: " + rootMessage(failure) + ".";
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
  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    // Messages of some failures quote the URL, whose query may hold an API key.
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : Secrets.withoutUrlSecrets(message);
  }
}
