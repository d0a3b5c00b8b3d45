package dev.openapimcp.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * Keeps a local copy of a spec published at an http(s) URL. The copy is revalidated with a
 * conditional GET on every build (ETag and Last-Modified are kept in a file beside it), so the
 * generator's fingerprint sees new bytes exactly when the spec changed upstream; when the server
 * cannot be reached the last good copy is used with a warning.
 */
final class SpecDownload {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final String USER_AGENT = "openapi-mcp-maven-plugin";

  private final HttpClient client;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Log log;

  /** A downloader with the production timeouts, logging to the Mojo's log. */
  SpecDownload(Log log) {
    this(CONNECT_TIMEOUT, REQUEST_TIMEOUT, log);
  }

  SpecDownload(Duration connectTimeout, Duration requestTimeout, Log log) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        // NORMAL never follows https → http, so a redirect cannot downgrade the transport.
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.log = log;
  }

  /** The checked URL of a {@code specUrl} parameter; only absolute http and https URLs are accepted. */
  static URI parse(String url) throws MojoExecutionException {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new MojoExecutionException("specUrl '" + url + "' is not a valid URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new MojoExecutionException("specUrl '" + url
          + "' must be an absolute http:// or https:// URL; use specFile for a local file");
    }
    return uri;
  }

  /** Where the copy of {@code url} is kept under {@code cacheDir}: its last path segment, made safe. */
  static Path cachedFile(URI url, Path cacheDir) {
    String path = url.getPath() == null ? "" : url.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
      name = "openapi";
    }
    return cacheDir.resolve(name);
  }

  /**
   * Brings the copy of {@code url} under {@code cacheDir} up to date and returns it.
   *
   * @param offline Maven runs offline: the network is not touched and the cached copy is used
   * @throws MojoExecutionException when the spec can be neither downloaded nor taken from the cache;
   *     the message names the URL and the reason
   */
  Path fetch(URI url, Path cacheDir, boolean offline) throws MojoExecutionException {
    Path file = cachedFile(url, cacheDir);
    Metadata cached = Metadata.read(file, url);
    if (offline) {
      if (cached == null) {
        throw new MojoExecutionException("Cannot read the OpenAPI description from " + url
            + ": Maven is offline and there is no cached copy at " + file);
      }
      log.info("Maven is offline: using the cached copy of " + url + " from " + cached.downloaded());
      return file;
    }
    try {
      download(url, file, cached);
      return file;
    } catch (IOException e) {
      String reason = reason(e, url);
      if (cached == null) {
        throw new MojoExecutionException("Cannot download the OpenAPI description from " + url + ": " + reason, e);
      }
      log.warn("Cannot download the OpenAPI description from " + url + " (" + reason
          + "); using the cached copy from " + cached.downloaded());
      return file;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted while downloading " + url, e);
    }
  }

  private void download(URI url, Path file, Metadata cached) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("User-Agent", USER_AGENT)
        .header("Accept", "application/json, application/yaml, application/x-yaml, text/yaml, */*;q=0.8")
        .GET();
    if (cached != null && cached.etag() != null) {
      request.header("If-None-Match", cached.etag());
    }
    if (cached != null && cached.lastModified() != null) {
      request.header("If-Modified-Since", cached.lastModified());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try {
      HttpResponse<Path> response = client.send(request.build(), info -> info.statusCode() == 200
          ? HttpResponse.BodySubscribers.ofFile(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)
          : HttpResponse.BodySubscribers.replacing(part));
      int status = response.statusCode();
      if (status == 304 && cached != null) {
        log.debug("Not modified since " + cached.downloaded() + ": " + url);
        return;
      }
      if (status != 200) {
        throw new IOException("the server answered HTTP " + status);
      }
      // Same bytes (a server without validators): keep the file and its timestamp.
      if (!Files.isRegularFile(file) || Files.mismatch(part, file) != -1) {
        // Replaced in one step, so a failed download never leaves half a spec behind.
        move(part, file);
        log.info("Downloaded " + url + " to " + file);
      }
      new Metadata(url, response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null),
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).write(file);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** One phrase for the log: the JDK's messages are often empty or name only the exception type. */
  private String reason(IOException e, URI url) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host " + url.getHost();
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "no connection within " + connectTimeout.toSeconds() + " s";
      }
      if (t instanceof HttpTimeoutException) {
        return "no complete answer within " + requestTimeout.toSeconds() + " s";
      }
      if (t instanceof ConnectException) {
        return "connection refused or unreachable";
      }
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /**
   * Validators of the cached copy, in {@code <file>.http} beside it.
   *
   * @param etag the {@code ETag} of the last download, or {@code null}
   * @param lastModified the {@code Last-Modified} of the last download, or {@code null}
   * @param downloaded when the copy was downloaded, ISO-8601
   */
  private record Metadata(URI url, String etag, String lastModified, String downloaded) {

    static Path path(Path file) {
      return file.resolveSibling(file.getFileName() + ".http");
    }

    /** The metadata of a cached copy of {@code url}, or {@code null} when there is none usable. */
    static Metadata read(Path file, URI url) {
      Path path = path(file);
      if (!Files.isRegularFile(file) || !Files.isRegularFile(path)) {
        return null;
      }
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(in);
      } catch (IOException | IllegalArgumentException e) {
        return null;
      }
      // A copy of another URL with the same file name is not a copy of this one.
      if (!url.toString().equals(properties.getProperty("url"))) {
        return null;
      }
      String downloaded = properties.getProperty("downloaded", "");
      try {
        Instant.parse(downloaded);
      } catch (DateTimeParseException e) {
        downloaded = modified(file);
      }
      return new Metadata(url, properties.getProperty("etag"), properties.getProperty("lastModified"), downloaded);
    }

    private static String modified(Path file) {
      try {
        return Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
      } catch (IOException e) {
        return "an unknown date";
      }
    }

    void write(Path file) throws IOException {
      Properties properties = new Properties();
      properties.setProperty("url", url.toString());
      if (etag != null) {
        properties.setProperty("etag", etag);
      }
      if (lastModified != null) {
        properties.setProperty("lastModified", lastModified);
      }
      properties.setProperty("downloaded", downloaded);
      try (Writer out = Files.newBufferedWriter(path(file), StandardCharsets.UTF_8)) {
        properties.store(out, "Validators of " + file.getFileName() + " for conditional requests");
      }
    }
  }
}
