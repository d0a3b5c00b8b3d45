package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.testing.RepoFiles;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.openapimcp.testing.SpecFixtures;

/**
 * The packaged {@code target/openapi-mcp.jar} (run by failsafe after {@code package}): its manifest,
 * merged service files (swagger-parser, the MCP SDK's JSON mapper and validator, the SLF4J
 * provider) and a stdio session whose stdout is JSON-RPC only.
 */
class OpenApiMcpJarIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void versionAndToolsRunFromTheJar() throws Exception {
    Run version = run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).matches("openapi-mcp \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");

    Run tools = run("tools", "--spec", RepoFiles.root().resolve("specs/petstore.yaml").toString(), "--json");
    assertThat(tools.exitCode()).as(tools.err()).isZero();
    JsonNode report = JSON.readTree(tools.out());
    assertThat(report.at("/total/tools").asInt()).isPositive();
    assertThat(tools.err()).doesNotContain("SLF4J(W)", "Exception");

    Run lint = run("lint", "--spec", RepoFiles.notionSpec().toString(), "--prefix", "API-");
    assertThat(lint.exitCode()).as(lint.out()).isZero();
  }

  @Test
  void servesOverStdioWithNothingButJsonRpcOnStdout() throws Exception {
    NotionServeSession.run(command(), Map.of(), dir);
  }

  /**
   * Issue 12.4: from the packaged jar (with its logging set up as users get it), an unreachable spec
   * URL is one sentence on stderr, where swagger-parser's log printed 203 lines of stack traces.
   */
  @Test
  void anUnreachableSpecUrlIsOneSentence() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/openapi.json";
    Run tools = run("tools", "--spec", url);
    assertThat(tools.exitCode()).isEqualTo(2);
    assertThat(tools.err()).isEqualTo("Cannot download " + url + ": connection refused." + System.lineSeparator());
    assertThat(tools.out()).isEmpty();
  }

  /** Issue 11.6: serve lists the discovery tools for an API too large to list, unless told --tools all. */
  @Test
  void servesAnApiTooLargeToListInDiscoveryMode() throws Exception {
    String spec = dev.openapimcp.testing.SpecFixtures.write(dir, "large.json",
        dev.openapimcp.testing.LargeSpec.openApi("Large", 450, 2_000));
    assertThat(listedTools(spec)).containsExactly("search_operations", "describe_operation", "invoke_operation");
    assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("Serving in discovery mode",
        "--tools all lists every tool.");
    assertThat(listedTools(spec, "--tools", "all")).hasSize(450);
    assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("Serving in discovery mode");
  }

  @SuppressWarnings("unchecked")
  private List<String> listedTools(String spec, String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--spec", spec));
    args.addAll(List.of(flags));
    Process process = new ProcessBuilder(command(args.toArray(String[]::new)))
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
      client.initialize();
      Map<String, Object> result = (Map<String, Object>) client.request("tools/list", Map.of()).get("result");
      List<String> names = ((List<Map<String, Object>>) result.get("tools")).stream()
          .map(tool -> (String) tool.get("name")).toList();
      client.endInput();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      return names;
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * Issue 11.7: batch lint holds one spec at a time, and one too large for the heap is an error line,
   * not the end of the run: here a 15 MB spec in a 32 MB heap, then a small one that still gets
   * linted. (In 48 MB it fits since swagger-parser gets the bundled tree rather than a 15 MB text of it
   * to parse again; 40 MB is still too small.)
   */
  @Test
  void aSpecTooLargeForTheHeapIsAnErrorLineAndTheBatchGoesOn() throws Exception {
    Path specs = Files.createDirectories(dir.resolve("specs"));
    dev.openapimcp.testing.SpecFixtures.write(specs, "a-huge.json",
        dev.openapimcp.testing.LargeSpec.openApi("Huge", 3_000, 5_000));
    dev.openapimcp.testing.SpecFixtures.write(specs, "b-small.json",
        dev.openapimcp.testing.LargeSpec.openApi("Small", 2, 100));
    List<String> command = command("lint", "--json", specs.toString());
    command.add(1, "-Xmx32m");
    Process process = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
    process.getOutputStream().close();
    List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(3);
    assertThat(lines).hasSize(2);
    JsonNode huge = JSON.readTree(lines.get(0));
    assertThat(huge.at("/errors/0/message").asText()).startsWith(specs.resolve("a-huge.json") + ": ")
        .matches(".*: too large to lint in a heap of \\d+ MiB \\(raise it with java -Xmx\\)");
    JsonNode small = JSON.readTree(lines.get(1));
    assertThat(small.path("tools").asInt()).isEqualTo(2);
    assertThat(small.path("errors")).isEmpty();
    assertThat(Files.readString(dir.resolve("err.txt"))).startsWith("Linted 2 specs in ")
        .doesNotContain("Exception", "OutOfMemoryError");
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command(args)).redirectError(dir.resolve("err.txt").toFile()).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out, Files.readString(dir.resolve("err.txt")));
  }

  private static List<String> command(String... args) {
    Path jar = Path.of(System.getProperty("openapi-mcp.jar", "target/openapi-mcp.jar"));
    assertThat(jar).as("run 'package' first").isRegularFile();
    List<String> command = new ArrayList<>(List.of(ServerProcess.javaLauncher(), "-Xlog:disable",
        "-Xlog:all=warning:stderr", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }
}
