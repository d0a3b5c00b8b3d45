package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.ProtocolVersions;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.TestCatalog;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The versions {@link ProtocolVersions} says the handshake lane speaks are the ones it answers. */
class ProtocolVersionsTest {

  private static final Map<String, String> ENVIRONMENT = Map.of("BASE_URL", "http://127.0.0.1:9");

  /** The version a stdio server answers an {@code initialize} asking for {@code version} with. */
  private static String overStdio(String version) throws IOException {
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
    McpProxyServer server = McpProxyServer.builder(TestCatalog.catalog()).environment(ENVIRONMENT)
        .input(serverIn).output(serverOut).build().start();
    try (server; JsonRpcLines client = new JsonRpcLines(clientOut, clientIn)) {
      Map<String, Object> answer = client.request("initialize", Map.of("protocolVersion", version,
          "capabilities", Map.of(), "clientInfo", Map.of("name", "versions", "version", "1")));
      return (String) ((Map<?, ?>) answer.get("result")).get("protocolVersion");
    }
  }

  @Test
  void stdioAnswersEachHandshakeVersionWithItselfAndAnyOtherWithTheLatest() throws IOException {
    List<String> answered = new ArrayList<>();
    for (String version : ProtocolVersions.HANDSHAKE) {
      answered.add(overStdio(version));
    }

    assertThat(answered).isEqualTo(ProtocolVersions.HANDSHAKE);
    assertThat(overStdio("2099-01-01")).isEqualTo(ProtocolVersions.LATEST_HANDSHAKE);
  }

  @Test
  void httpAnswersOurClientsVersion() {
    try (McpProxyServer server = McpProxyServer.builder(TestCatalog.catalog()).environment(ENVIRONMENT)
        .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).unsafeDisableAuth().build())
        .build().start()) {
      String body = McpHttp.post(server.httpPort(), Map.of(), McpHttp.INITIALIZE).body();

      assertThat(body).contains("\"protocolVersion\":\"" + ProtocolVersions.CLIENT + "\"");
    }
  }
}
