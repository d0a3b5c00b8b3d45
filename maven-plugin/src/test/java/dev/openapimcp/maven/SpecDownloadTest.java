package dev.openapimcp.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecDownloadTest {

  private static final String ETAG = "\"v1\"";
  private static final String LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";

  @TempDir Path dir;

  private HttpServer server;
  /** Request headers of every request, in order. */
  private final List<Headers> requests = new CopyOnWriteArrayList<>();
  /** What the server answers: status and body; 304 when the client's validators match. */
  private volatile int status = 200;
  private volatile String body = "openapi: 3.0.3\n";
  private final RecordingLog log = new RecordingLog();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/specs/api.yaml", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.add(exchange.getRequestHeaders());
    boolean fresh = ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
    if (status == 200 && fresh) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (status == 200) {
      exchange.getResponseHeaders().add("ETag", ETAG);
      exchange.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/specs/api.yaml");
  }

  private SpecDownload download() {
    return new SpecDownload(Duration.ofSeconds(2), Duration.ofSeconds(5), log);
  }

  @Test
  void firstDownloadIsUnconditionalAndStoresTheValidators() throws Exception {
    Path file = download().fetch(url(), dir, false);

    assertThat(file).isEqualTo(dir.resolve("api.yaml")).hasContent("openapi: 3.0.3");
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getFirst("If-None-Match")).isNull();
    assertThat(requests.get(0).getFirst("If-Modified-Since")).isNull();
    Properties validators = validators();
    assertThat(validators.getProperty("etag")).isEqualTo(ETAG);
    assertThat(validators.getProperty("lastModified")).isEqualTo(LAST_MODIFIED);
    assertThat(validators.getProperty("url")).isEqualTo(url().toString());
    assertThat(log.warnings).isEmpty();
  }

  @Test
  void aRepeatedDownloadSendsTheValidatorsAndKeepsTheCopyOn304() throws Exception {
    Path file = download().fetch(url(), dir, false);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));

    Path again = download().fetch(url(), dir, false);

    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).getFirst("If-None-Match")).isEqualTo(ETAG);
    assertThat(requests.get(1).getFirst("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
    assertThat(again).isEqualTo(file).hasContent("openapi: 3.0.3");
    // Untouched, so nothing downstream sees a change.
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000L);
    assertThat(log.warnings).isEmpty();
  }

  @Test
  void aChangedSpecReplacesTheCopy() throws Exception {
    download().fetch(url(), dir, false);
    // The server no longer knows the old ETag: a full answer.
    body = "openapi: 3.1.0\n";
    server.removeContext("/specs/api.yaml");
    server.createContext("/specs/api.yaml", exchange -> {
      requests.add(exchange.getRequestHeaders());
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("ETag", "\"v2\"");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });

    Path file = download().fetch(url(), dir, false);

    assertThat(file).hasContent("openapi: 3.1.0");
    assertThat(validators().getProperty("etag")).isEqualTo("\"v2\"");
    assertThat(validators().getProperty("lastModified")).isNull();
    assertThat(dir).isDirectoryNotContaining("glob:**.part");
  }

  @Test
  void aServerErrorFallsBackToTheCachedCopyWithAWarning() throws Exception {
    download().fetch(url(), dir, false);
    status = 503;
    body = "maintenance";

    Path file = download().fetch(url(), dir, false);

    assertThat(file).hasContent("openapi: 3.0.3");
    assertThat(log.warnings).singleElement().asString()
        .contains(url().toString())
        .contains("HTTP 503")
        .containsPattern("using the cached copy from \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  void anUnreachableServerFallsBackToTheCachedCopyWithAWarning() throws Exception {
    download().fetch(url(), dir, false);
    URI url = url();
    server.stop(0);

    Path file = download().fetch(url, dir, false);

    assertThat(file).hasContent("openapi: 3.0.3");
    assertThat(log.warnings).singleElement().asString()
        .contains("Cannot download the OpenAPI description from " + url)
        .contains("connection refused")
        .contains("using the cached copy from");
  }

  @Test
  void aServerThatDoesNotAnswerInTimeFallsBackToTheCachedCopy() throws Exception {
    download().fetch(url(), dir, false);
    CountDownLatch answered = new CountDownLatch(1);
    server.removeContext("/specs/api.yaml");
    server.createContext("/specs/api.yaml", exchange -> {
      try {
        answered.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });

    Path file;
    try {
      file = new SpecDownload(Duration.ofSeconds(1), Duration.ofSeconds(1), log).fetch(url(), dir, false);
    } finally {
      answered.countDown();
    }

    assertThat(file).hasContent("openapi: 3.0.3");
    assertThat(log.warnings).singleElement().asString().contains("(no complete answer within 1 s)");
  }

  @Test
  void withoutACachedCopyAFailedDownloadFailsNamingTheUrlAndTheReason() {
    status = 404;
    body = "no such spec";

    assertThatThrownBy(() -> download().fetch(url(), dir, false))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("Cannot download the OpenAPI description from " + url() + ": the server answered HTTP 404");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void withoutACachedCopyAnUnreachableServerFails() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + freePort() + "/specs/api.yaml");

    assertThatThrownBy(() -> download().fetch(url, dir, false))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("Cannot download the OpenAPI description from " + url + ": connection refused or unreachable");
  }

  @Test
  void aCopyOfAnotherUrlIsNotUsed() throws Exception {
    download().fetch(url(), dir, false);
    URI other = URI.create("http://127.0.0.1:" + freePort() + "/other/api.yaml");

    assertThatThrownBy(() -> download().fetch(other, dir, false))
        .hasMessageStartingWith("Cannot download the OpenAPI description from " + other);
    // The failed attempt left the first URL's copy and validators alone.
    download().fetch(url(), dir, false);
    assertThat(requests.get(requests.size() - 1).getFirst("If-None-Match")).isEqualTo(ETAG);
  }

  @Test
  void offlineUsesTheCachedCopyWithoutTouchingTheNetwork() throws Exception {
    download().fetch(url(), dir, false);

    Path file = download().fetch(url(), dir, true);

    assertThat(file).hasContent("openapi: 3.0.3");
    assertThat(requests).hasSize(1);
    assertThat(log.infos).anySatisfy(line -> assertThat(line).contains("Maven is offline"));
  }

  @Test
  void offlineWithoutACachedCopyFails() {
    assertThatThrownBy(() -> download().fetch(url(), dir, true))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining(url().toString())
        .hasMessageContaining("Maven is offline and there is no cached copy");
    assertThat(requests).isEmpty();
  }

  @Test
  void onlyAbsoluteHttpUrlsAreAccepted() throws Exception {
    assertThat(SpecDownload.parse(" https://example.com/api.json ")).hasToString("https://example.com/api.json");
    assertThatThrownBy(() -> SpecDownload.parse("file:/tmp/api.yaml"))
        .hasMessageContaining("must be an absolute http:// or https:// URL");
    assertThatThrownBy(() -> SpecDownload.parse("api.yaml"))
        .hasMessageContaining("must be an absolute http:// or https:// URL");
    assertThatThrownBy(() -> SpecDownload.parse("https://exa mple.com/"))
        .hasMessageContaining("is not a valid URL");
  }

  @Test
  void theFileIsNamedAfterTheLastPathSegment() {
    assertThat(SpecDownload.cachedFile(URI.create("https://h/v1/openapi.json?x=1"), dir))
        .isEqualTo(dir.resolve("openapi.json"));
    assertThat(SpecDownload.cachedFile(URI.create("https://h/"), dir)).isEqualTo(dir.resolve("openapi"));
    assertThat(SpecDownload.cachedFile(URI.create("https://h/a%20b.yaml"), dir)).isEqualTo(dir.resolve("a_b.yaml"));
  }

  private Properties validators() throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve("api.yaml.http"), StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return properties;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Keeps what the downloader logs; debug lines are dropped. */
  private static final class RecordingLog extends SystemStreamLog {
    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void debug(CharSequence content) {}

    @Override
    public void info(CharSequence content) {
      infos.add(content.toString());
      super.info(content);
    }

    @Override
    public void warn(CharSequence content) {
      warnings.add(content.toString());
      super.warn(content);
    }
  }
}
