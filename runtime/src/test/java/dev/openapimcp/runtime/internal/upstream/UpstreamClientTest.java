package dev.openapimcp.runtime.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.internal.capacity.RateLimiter;
import dev.openapimcp.runtime.internal.request.OutgoingRequest;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.RecordingUpstream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {

  private final RecordingUpstream api = RecordingUpstream.start();
  private final UpstreamClient client = new UpstreamClient(null, ServerSettings.defaults(), RateLimiter.unlimited());

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void sendsMethodTargetHeadersAndBodyAndReadsTheAnswer() throws Exception {
    api.respond(RecordingUpstream.Response.json(201, "{\"id\":\"i1\"}").withHeader("X-Trace", "t1"));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Content-Type", "application/json");

    UpstreamResponse response =
        client.send(
            new OutgoingRequest(
                "PATCH",
                URI.create(api.baseUrl() + "/v1/x%2Fy?a=1&a=2"),
                headers,
                "{\"k\":1}".getBytes(StandardCharsets.UTF_8)));

    RecordingUpstream.RecordedRequest request = api.onlyRequest();
    assertThat(request.method()).isEqualTo("PATCH");
    assertThat(request.target()).isEqualTo("/v1/x%2Fy?a=1&a=2");
    assertThat(request.header("accept")).isEqualTo("application/json");
    assertThat(request.bodyText()).isEqualTo("{\"k\":1}");
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers().firstValue("x-trace")).hasValue("t1");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"i1\"}");
    assertThat(response.truncated()).isFalse();
  }

  @Test
  void bodiesBeyondTheLargerLimitAreCut() throws Exception {
    ServerSettings settings = ServerSettings.builder().maxTextBytes(1000).maxBinaryBytes(2000).build();
    UpstreamClient small = new UpstreamClient(null, settings, RateLimiter.unlimited());
    api.respond(RecordingUpstream.Response.of(200, "text/plain", "y".repeat(2010)));

    UpstreamResponse response = small.send(new OutgoingRequest("GET", URI.create(api.baseUrl() + "/big"), Map.of(), null));

    assertThat(UpstreamClient.readLimit(settings)).isEqualTo(2000);
    assertThat(response.truncated()).isTrue();
    assertThat(response.body()).hasSize(2000);
  }

  @Test
  void refusedConnectionIsAConnectException() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    OutgoingRequest request =
        new OutgoingRequest("GET", URI.create("http://127.0.0.1:" + closedPort + "/x"), Map.of(), null);

    assertThatThrownBy(() -> client.send(request)).isInstanceOf(ConnectException.class);
  }
}
