package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line in this JVM, with environment and streams injected. */
class ServerCommandTest {

  private final ServerCommandRun command = new ServerCommandRun();

  private int run(Map<String, String> environment, String... args) {
    return command.run(settings -> {}, environment, args);
  }

  @Test
  void helpListsTheFlagsExitCodesAndEnvironment() {
    assertThat(run(Map.of(), "--help")).isZero();

    assertThat(command.out())
        .startsWith("Usage: test-api-server ")
        .contains("--transport=stdio|http", "--port=<port>", "--host=<host>", "--auth-token=<token>")
        .contains("--unsafe-disable-auth", "--enable-token-passthrough", "--version")
        .contains("Exit codes:", "  0   the client closed", "  1   runtime failure", "  2   usage or configuration error")
        .contains("OPENAPI_MCP_HEADERS", "TEST_API_TOKEN", "BASE_URL", "http://127.0.0.1:9/")
        .contains("TEST_API_KEY         API key, sent as query parameter api_key (scheme key).")
        .contains("TEST_API_USERNAME    user name for basic auth (scheme login).")
        .contains("TEST_API_PASSWORD    password for basic auth (scheme login).");
    // The bearer scheme reads the token variable, which is described once, above.
    assertThat(command.out().split("TEST_API_TOKEN", -1)).hasSize(2);
    assertThat(command.err()).isEmpty();
  }

  @Test
  void versionIsTheApisAndOurs() {
    assertThat(run(Map.of(), "--version")).isZero();

    assertThat(ServerCommand.runtimeVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(command.out()).isEqualTo("test-api-server 1.2.3 (the API's version), served by openapi-mcp "
        + ServerCommand.runtimeVersion() + System.lineSeparator());
  }

  @Test
  void helpDescribesTheHttpFlagsAndVariables() {
    assertThat(run(Map.of(), "--help")).isZero();

    assertThat(command.out())
        .contains("--stateless", "--token-passthrough-header=<name>", "/healthz", "SIGTERM")
        .contains("AUTH_TOKEN           bearer token HTTP clients must present, as --auth-token.")
        .contains("ENABLE_TOKEN_PASSTHROUGH" + System.lineSeparator())
        // The default passthrough header is derived from the token variable.
        .contains("true: as --enable-token-passthrough; clients send", "their own token in the Test-Api-Token header.")
        .contains("OPENAPI_MCP_STATE_KEY" + System.lineSeparator(), "key that signs confirmation questions, as --state-key.");
  }

  @Test
  void badHttpFlagsAreUsageErrorsNamingTheFlag() {
    assertThat(run(Map.of(), "--transport", "http", "--port", "70000")).isEqualTo(2);
    assertThat(command.err()).isEqualTo("--port must be from 0 to 65535." + System.lineSeparator());
    command.forgetErr();

    assertThat(run(Map.of(), "--transport", "http", "--auth-token", "x", "--unsafe-disable-auth")).isEqualTo(2);
    assertThat(command.err()).startsWith("--auth-token and --unsafe-disable-auth contradict each other");
    command.forgetErr();

    assertThat(run(Map.of(), "--transport", "http", "--auth-token", "x", "--token-passthrough-header", "Bad Name"))
        .isEqualTo(2);
    assertThat(command.err()).startsWith("--token-passthrough-header must be an HTTP header name");
    command.forgetErr();

    assertThat(run(Map.of(), "--transport", "http", "--auth-token", "x", "--token-passthrough-header", "Authorization"))
        .isEqualTo(2);
    assertThat(command.err()).startsWith("--token-passthrough-header cannot be Authorization");
    assertThat(command.out()).isEmpty();
  }

  @Test
  void anUnusableAuthTokenIsRefusedWithoutBeingPrinted() {
    assertThat(run(Map.of("AUTH_TOKEN", "secret with space"), "--transport", "http")).isEqualTo(2);

    assertThat(command.err()).startsWith("The auth token (--auth-token or AUTH_TOKEN) must be").doesNotContain("secret");
    assertThat(command.out()).isEmpty();
  }

  @Test
  void aMalformedStateKeyIsRefusedWithoutBeingPrinted() {
    assertThat(run(Map.of("OPENAPI_MCP_STATE_KEY", "tooshortsecret"))).isEqualTo(2);
    assertThat(command.err()).startsWith("The state key (--state-key or OPENAPI_MCP_STATE_KEY) must be at least 32")
        .doesNotContain("tooshortsecret").hasLineCount(1);

    command.forgetErr();
    assertThat(run(Map.of(), "--state-key", "not base64 at all, though long enough to pass a length test")).isEqualTo(2);
    assertThat(command.err()).startsWith("The state key (--state-key or OPENAPI_MCP_STATE_KEY) must be").doesNotContain("base64 at all");
    assertThat(command.out()).isEmpty();
  }

  @Test
  void aPortInUseIsARuntimeFailure() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int code = run(
          Map.of("BASE_URL", "http://127.0.0.1:9"),
          "--transport", "http", "--port", String.valueOf(taken.getLocalPort()), "--auth-token", "t0ken");

      assertThat(code).isEqualTo(1);
      assertThat(command.err())
          .startsWith("test-api-server failed: Cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .doesNotContain("t0ken");
      assertThat(command.out()).isEmpty();
    }
  }

  @Test
  void unknownOptionIsAUsageErrorInOneSentence() {
    assertThat(run(Map.of(), "--bogus")).isEqualTo(2);

    assertThat(command.err()).isEqualTo("Unknown option '--bogus'. See 'test-api-server --help'." + System.lineSeparator());
    assertThat(command.out()).isEmpty();
  }

  @Test
  void valuesComeAfterTheFlagOrAnEqualsSignAndAreTypeChecked() {
    assertThat(run(Map.of(), "--port")).isEqualTo(2);
    assertThat(command.err()).isEqualTo("--port needs a value (<port>). See 'test-api-server --help'." + System.lineSeparator());
    command.forgetErr();

    assertThat(run(Map.of(), "--transport=carrier-pigeon")).isEqualTo(2);
    assertThat(command.err()).startsWith("--transport must be stdio or http, not 'carrier-pigeon'.");
    command.forgetErr();

    assertThat(run(Map.of(), "--transport", "http", "--port=many")).isEqualTo(2);
    assertThat(command.err()).startsWith("--port must be a whole number, not 'many'.");
    command.forgetErr();

    assertThat(run(Map.of(), "--stateless=yes")).isEqualTo(2);
    assertThat(command.err()).startsWith("--stateless takes no value, but was given 'yes'.");
    command.forgetErr();

    // --name=value and --name value mean the same; a bad value after a good one still fails.
    assertThat(run(Map.of("BASE_URL", "http://127.0.0.1:9"), "--transport=stdio", "--tools", "dynamic",
        "--expose=get-item")).isZero();
    assertThat(command.err()).doesNotContain("Unknown", "must be");
    assertThat(command.out()).isEmpty();
  }

  @Test
  void helpWrapsAtEightyColumns() {
    assertThat(run(Map.of(), "-h")).isZero();

    assertThat(command.out().lines()).allMatch(line -> line.length() <= 80, "at most 80 columns");
    assertThat(command.out()).contains("      --transport=stdio|http Transport to serve on (default: stdio).");
    assertThat(command.out()).contains("      --enable-token-passthrough" + System.lineSeparator()
        + "                             Let each HTTP client send its own API token");
  }

  @Test
  void malformedHeadersExitWithTwoAndOneSentence() {
    assertThat(run(Map.of("OPENAPI_MCP_HEADERS", "{\"Authorization\": \"Bearer top-secret-value}"))).isEqualTo(2);

    assertThat(command.err().lines()).hasSize(1);
    assertThat(command.err())
        .startsWith("OPENAPI_MCP_HEADERS is not valid JSON: the text ends early at line 1, column ")
        .doesNotContain("top-secret");
    assertThat(command.out()).isEmpty();
  }

  @Test
  void badBaseUrlExitsWithTwo() {
    assertThat(run(Map.of("BASE_URL", "localhost:3000"))).isEqualTo(2);

    assertThat(command.err()).isEqualTo(
        "BASE_URL must be an absolute http or https URL such as https://api.example.com." + System.lineSeparator());
  }

  @Test
  void stdioServesUntilInputEndsAcceptingTheHttpFlags() {
    PrintStream before = System.out;

    int code =
        run(
            Map.of("BASE_URL", "http://127.0.0.1:9"),
            "--transport", "stdio", "--port", "1234", "--host", "0.0.0.0", "--auth-token", "x",
            "--unsafe-disable-auth", "--enable-token-passthrough");

    assertThat(code).isZero();
    assertThat(command.out()).isEmpty();
    assertThat(System.out).isSameAs(before);
  }

  @Test
  void exposeNeedsDynamicToolsAndNamesRealTools() {
    assertThat(run(Map.of(), "--expose", "get-item")).isEqualTo(2);
    assertThat(command.err()).contains("--expose needs --tools dynamic");
    assertThat(run(Map.of(), "--tools", "dynamic", "--expose", "nope")).isEqualTo(2);
    assertThat(command.err()).contains("--expose names nope, which is not a tool of this server.");
  }
}
