package dev.openapimcp.runtime.server;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.TestCatalog;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class (a static {@code @RegisterExtension} field): a {@link RecordingUpstream} and, in front of it,
 * the {@link TestCatalog} server in this JVM on Streamable HTTP (a free port, stateful) with a bearer token and
 * token passthrough; started before the class's tests, stopped after them, the recorded requests and scripted
 * answers forgotten before each test.
 */
final class PassthroughHttpProxy implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private final String authToken;
  private final String environmentToken;
  private final String passthroughHeader;
  private RecordingUpstream api;
  private McpProxyServer server;

  /**
   * @param authToken the bearer token clients must send
   * @param environmentToken the API token in the server's environment, sent when no passthrough header comes
   * @param passthroughHeader the header whose value is sent to the API as its token
   */
  PassthroughHttpProxy(String authToken, String environmentToken, String passthroughHeader) {
    this.authToken = authToken;
    this.environmentToken = environmentToken;
    this.passthroughHeader = passthroughHeader;
  }

  /** The API the server calls. */
  RecordingUpstream api() {
    return api;
  }

  /** The server's HTTP port on 127.0.0.1. */
  int port() {
    return server.httpPort();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    api = RecordingUpstream.start();
    server =
        McpProxyServer.builder(TestCatalog.catalog())
            .environment(Map.of("BASE_URL", api.baseUrl(), TestCatalog.TOKEN_VARIABLE, environmentToken))
            .settings(ServerSettings.builder().transport(ServerSettings.Transport.HTTP).port(0).authToken(authToken)
                .tokenPassthrough(true).tokenPassthroughHeader(passthroughHeader).build())
            .build()
            .start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
    api.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    api.reset();
  }
}
