package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.RecordingUpstream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A spec at an address that cannot be downloaded: one sentence saying why (issue 12.4), where
 * swagger-parser said "not an OpenAPI document" after 188 to 211 lines of stack traces.
 */
class SpecUrlTest {

  private static final String NL = System.lineSeparator();

  /** A port nothing listens on: bound, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aRefusedConnectionIsSaidAsSuch() throws Exception {
    String url = "http://127.0.0.1:" + closedPort() + "/openapi.json";
    Cli.Result result = Cli.run("tools", "--spec", url);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("Cannot download " + url + ": connection refused." + NL);
    assertThat(result.out()).isEmpty();
  }

  /** What {@code openapi-mcp <command> --spec <url>} said, with the spec at {@code url}'s path served as {@code answer}. */
  private record Served(String url, Cli.Result result) {}

  private static Served served(String command, String path, RecordingUpstream.Response answer) {
    try (RecordingUpstream upstream = RecordingUpstream.start().respond(answer)) {
      String url = upstream.baseUrl() + path;
      return new Served(url, Cli.run(command, "--spec", url));
    }
  }

  @Test
  void anHttpErrorGivesTheStatus() {
    Served run = served("lint", "/missing.yaml", RecordingUpstream.Response.of(404, "text/plain", "no such spec"));
    assertThat(run.result().exitCode()).isEqualTo(2);
    assertThat(run.result().err()).isEqualTo("Cannot download " + run.url() + ": the server answered HTTP 404." + NL);
  }

  @Test
  void aDocumentThatDownloadsButIsNoSpecKeepsTheParsersReason() {
    Served run = served("tools", "/index.html",
        RecordingUpstream.Response.of(200, "text/html", "<html><body>Hello</body></html>"));
    assertThat(run.result().exitCode()).isEqualTo(2);
    assertThat(run.result().err().lines()).hasSize(1).first().asString().startsWith(run.url() + ": ")
        .doesNotContain("Cannot download");
  }

  @Test
  void aSpecThatDownloadsIsRead() {
    Cli.Result result = served("tools", "/shop.yaml", RecordingUpstream.Response.of(200, "application/yaml", Cli.SHOP))
        .result();
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("getItem", "2 tools.");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread accept = new Thread(() -> {
        try (Socket connection = silent.accept()) {
          // Reads nothing useful and answers nothing: returns when the client gives up and closes.
          connection.getInputStream().read();
        } catch (IOException e) {
          // The test is over.
        }
      });
      accept.setDaemon(true);
      accept.start();
      SpecUrl specUrl = new SpecUrl(Duration.ofSeconds(5), Duration.ofSeconds(1));
      assertThat(specUrl.downloadProblem("http://127.0.0.1:" + silent.getLocalPort() + "/spec.json"))
          .hasValue("no complete answer within 1 s");
      accept.interrupt();
    }
  }

  @Test
  void anUnknownHostIsNamed() {
    // .invalid never resolves (RFC 6761).
    assertThat(new SpecUrl(Duration.ofSeconds(5), Duration.ofSeconds(5))
        .downloadProblem("https://no-such-host.invalid/spec.json")).hasValue("unknown host no-such-host.invalid");
  }
}
