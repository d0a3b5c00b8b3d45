package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.McpHttp;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RecordingUpstream.RecordedRequest;
import dev.openapimcp.runtime.testing.SecretServerMain;
import dev.openapimcp.testing.ServerProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of credential set to a recognisable secret, every failure a call can meet, and a look
 * at everything the server process prints (at debug level) and answers: no secret anywhere. The API
 * here quotes back the credentials it received in its error bodies, as some do.
 */
class SecretsStayHiddenTest {

  /** In every secret, so a secret cut or combined with other text is found too. */
  private static final String MARK = "s3kr1t";

  private static final String BEARER = "bearer-" + MARK + "-1a";
  private static final String USERNAME = "user-" + MARK + "-2b";
  private static final String PASSWORD = "pass-" + MARK + "-3c";
  private static final String HEADER_KEY = "header-" + MARK + "-4d";
  private static final String QUERY_KEY = "query-" + MARK + "-5e";
  private static final String COOKIE_KEY = "cookie-" + MARK + "-6f";
  private static final String HEADERS_TOKEN = "headers-" + MARK + "-7g";
  private static final String CUSTOM_TOKEN = "custom-" + MARK + "-8h";
  private static final String AUTH_TOKEN = "auth-" + MARK + "-9i";
  private static final String PASSED_TOKEN = "passed-" + MARK + "-0j";
  private static final String BASIC = Base64.getEncoder()
      .encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private static final Pattern ENDPOINT = Pattern.compile("Streamable HTTP at http://127\\.0\\.0\\.1:(\\d+)/mcp");

  @TempDir
  Path temp;

  private static Map<String, String> credentials() {
    Map<String, String> environment = new HashMap<>();
    environment.put(SecretServerMain.BEARER, BEARER);
    environment.put(SecretServerMain.USERNAME, USERNAME);
    environment.put(SecretServerMain.PASSWORD, PASSWORD);
    environment.put(SecretServerMain.HEADER_KEY, HEADER_KEY);
    environment.put(SecretServerMain.QUERY_KEY, QUERY_KEY);
    environment.put(SecretServerMain.COOKIE_KEY, COOKIE_KEY);
    return environment;
  }

  /**
   * The API: {@code .../ok} answers 200; {@code unauthorized} 401 and {@code boom} 500 quoting
   * every credential the request carried; {@code busy} 503 (retried at once); {@code slow} takes
   * longer than the server's time limit.
   */
  private static RecordingUpstream.Response answer(RecordedRequest request) {
    String id = request.path().substring(request.path().lastIndexOf('/') + 1);
    String quoted = "{\"message\":\"refused Authorization=" + request.header("Authorization") + " key="
        + request.header("X-Api-Key") + " cookie=" + request.header("Cookie") + " query=" + request.query()
        + " token=" + request.header("X-Custom-Token") + "\"}";
    return switch (id) {
      case "unauthorized" -> RecordingUpstream.Response.json(401, quoted);
      case "boom" -> RecordingUpstream.Response.of(500, "text/plain", quoted);
      case "busy" -> RecordingUpstream.Response.json(503, "{}").withHeader("Retry-After", "0");
      case "slow" -> RecordingUpstream.Response.json(200, "{}").after(Duration.ofSeconds(3));
      default -> RecordingUpstream.Response.json(200, "{\"ok\":true}");
    };
  }

  /** Every tool on every path the API scripts, plus arguments the server refuses itself. */
  private static List<String> callEverything(McpSyncClient client) {
    List<String> answers = new ArrayList<>();
    List<Map<String, Object>> arguments = new ArrayList<>();
    for (String id : List.of("ok", "unauthorized", "boom", "busy", "slow", "a[b]?c#d%zz", "..")) {
      arguments.add(Map.of("id", id, "count", 2));
    }
    arguments.add(Map.of("id", "x", "count", "many"));
    arguments.add(Map.of("count", 1));
    arguments.add(Map.of("id", "x", "unknown", true));
    for (String tool : SecretServerMain.TOOLS) {
      for (Map<String, Object> call : arguments) {
        CallToolResult result = client.callTool(CallToolRequest.builder(tool).arguments(call).build());
        answers.add(tool + " " + call + " -> " + result);
      }
    }
    return answers;
  }

  private static List<String> debugServer(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(ServerProcess.javaLauncher());
    // Every logger at debug: what an operator turning logging up would see.
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
    command.addAll(ServerProcess.jvmArguments(SecretServerMain.class, arguments));
    return command;
  }

  private static void assertNoSecret(String what, String text) {
    for (String secret : List.of(MARK, BASIC, BEARER, USERNAME, PASSWORD, HEADER_KEY, QUERY_KEY, COOKIE_KEY,
        HEADERS_TOKEN, CUSTOM_TOKEN, AUTH_TOKEN, PASSED_TOKEN)) {
      assertThat(text).as(what + " must not contain " + secret).doesNotContain(secret);
    }
  }

  @Test
  void overStdioNoCredentialIsLoggedOrAnsweredOnAnyFailure() throws Exception {
    try (RecordingUpstream api = RecordingUpstream.start()) {
      api.respondWith(SecretsStayHiddenTest::answer);
      List<String> stderr = new CopyOnWriteArrayList<>();
      List<String> answers = new ArrayList<>();
      for (String baseUrl : List.of(api.baseUrl(), "http://127.0.0.1:" + closedPort())) {
        Map<String, String> environment = credentials();
        environment.put("BASE_URL", baseUrl);
        environment.put("OPENAPI_MCP_HEADERS", "{\"X-Custom-Token\":\"" + CUSTOM_TOKEN + "\"}");
        List<String> command = debugServer("--request-timeout", "1", "--connect-timeout", "1");
        StdioClientTransport transport = new StdioClientTransport(
            ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).env(environment).build(),
            McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        try {
          client.initialize();
          answers.addAll(callEverything(client));
        } finally {
          client.closeGracefully();
        }
      }

      String all = String.join("\n", answers);
      assertNoSecret("results", all);
      assertNoSecret("stderr", String.join("\n", stderr));
      // The secrets did reach the API, each where its scheme puts it; the API quoted them back.
      Map<String, RecordedRequest> byTool = new LinkedHashMap<>();
      api.requests().forEach(request -> byTool.putIfAbsent(request.path().split("/")[2].replaceAll("%.*", ""), request));
      assertThat(byTool.get("bearer").header("Authorization")).isEqualTo("Bearer " + BEARER);
      assertThat(byTool.get("basic").header("Authorization")).isEqualTo("Basic " + BASIC);
      assertThat(byTool.get("header").header("X-Api-Key")).isEqualTo(HEADER_KEY);
      assertThat(byTool.get("query").query()).contains("api_key=" + QUERY_KEY);
      assertThat(byTool.get("cookie").header("Cookie")).isEqualTo("session=" + COOKIE_KEY);
      assertThat(byTool.get("open").header("X-Custom-Token")).isEqualTo(CUSTOM_TOKEN);
      assertThat(byTool.get("bearer").path()).startsWith("/v1/bearer%5B0%5D/");
      assertThat(all).contains("HTTP 401", "HTTP 500", "refused Authorization=Bearer ***", "timed out",
          "connection refused", "count", "id");
      assertThat(stderr).anyMatch(line -> line.contains("DEBUG")).anyMatch(line -> line.contains("retrying"));
    }
  }

  @Test
  void overHttpNeitherTheServersTokenNorAPassedThroughOneIsLoggedOrAnswered() throws Exception {
    try (RecordingUpstream api = RecordingUpstream.start()) {
      api.respondWith(SecretsStayHiddenTest::answer);
      ProcessBuilder builder = new ProcessBuilder(debugServer("--transport", "http", "--port", "0", "--auth-token",
          AUTH_TOKEN, "--token-passthrough-header", "Secret-Token", "--request-timeout", "1"));
      builder.environment().putAll(credentials());
      builder.environment().put("BASE_URL", api.baseUrl());
      builder.environment().put("OPENAPI_MCP_HEADERS",
          "{\"Authorization\":\"Bearer " + HEADERS_TOKEN + "\",\"X-Custom-Token\":\"" + CUSTOM_TOKEN + "\"}");
      Path stderrFile = temp.resolve("server.err");
      Path stdoutFile = temp.resolve("server.out");
      builder.redirectError(stderrFile.toFile()).redirectOutput(stdoutFile.toFile());
      Process process = builder.start();
      List<String> answers = new ArrayList<>();
      try {
        int port = Integer.parseInt(await(stderrFile).group(1));
        Map<String, String> authorized = Map.of("Authorization", "Bearer " + AUTH_TOKEN);
        for (Map<String, String> headers : List.of(authorized, with(authorized, "Secret-Token", PASSED_TOKEN))) {
          McpSyncClient client = McpHttp.connect(port, headers);
          try {
            answers.addAll(callEverything(client));
          } finally {
            client.closeGracefully();
          }
        }
        // Refused requests: a wrong server token, an unusable passed-through one, a broken body.
        answers.add(McpHttp.post(port, Map.of("Authorization", "Bearer wrong-" + MARK), McpHttp.INITIALIZE).body());
        answers.add(McpHttp.post(port, with(authorized, "Secret-Token", "Bearer " + PASSED_TOKEN), McpHttp.INITIALIZE)
            .body());
        answers.add(McpHttp.post(port, with(authorized, "Secret-Token", PASSED_TOKEN), "{\"id\":\"" + MARK).body());
      } finally {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(api.requests()).anyMatch(request -> ("Bearer " + PASSED_TOKEN).equals(request.header("Authorization")))
          .anyMatch(request -> ("Bearer " + HEADERS_TOKEN).equals(request.header("Authorization")));
      String all = String.join("\n", answers);
      assertThat(all).contains("HTTP 401", "refused Authorization=***", "invalid bearer token", "Parse error");
      String stderr = Files.readString(stderrFile);
      assertThat(stderr).contains("DEBUG");
      assertNoSecret("results", all);
      assertNoSecret("stderr", stderr);
      assertThat(stdoutFile).isEmptyFile();
    }
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return more;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Matcher await(Path file) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher matcher = ENDPOINT.matcher(Files.readString(file));
      if (matcher.find()) {
        return matcher;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("The server did not start: " + Files.readString(file));
  }
}
