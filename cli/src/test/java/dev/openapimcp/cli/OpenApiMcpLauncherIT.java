package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.RepoFiles;
import dev.openapimcp.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the build writes to {@code target/openapi-mcp/} (the plugin's {@code package-server}
 * goal, trained on {@code serve} of the PetStore spec), as the README's alias runs it: its folder,
 * a session over stdio, and classes coming from the training run's archive.
 */
class OpenApiMcpLauncherIT {

  @TempDir Path dir;

  private Path launcher;

  @BeforeEach
  void findLauncher() {
    assumeThat(System.getProperty("os.name", "")).as("a POSIX sh launcher").doesNotStartWith("Windows");
    launcher = Path.of(System.getProperty("openapi-mcp.launcher", "target/openapi-mcp/openapi-mcp"));
    assertThat(launcher).as("run 'package' first").isExecutable();
  }

  @Test
  void theFolderHoldsLauncherJarLibrariesAndTheTrainedArchive() throws Exception {
    Path folder = launcher.getParent();
    assertThat(folder.resolve("openapi-mcp.jar")).isRegularFile();
    assertThat(folder.resolve("openapi-mcp.cmd")).isRegularFile();
    try (var libraries = Files.list(folder.resolve("lib"))) {
      assertThat(libraries.map(path -> path.getFileName().toString()))
          .anyMatch(name -> name.startsWith("openapi-mcp-runtime-"))
          .anyMatch(name -> name.startsWith("picocli-"));
    }
    assertThat(List.of(folder.resolve("openapi-mcp.jsa"), folder.resolve("openapi-mcp.aot")))
        .as("the class-data archive of the build's training run").anyMatch(Files::isRegularFile);

    Process version = new ProcessBuilder(launcher.toString(), "--version")
        .redirectError(dir.resolve("err.txt").toFile()).start();
    version.getOutputStream().close();
    String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(version.exitValue()).isZero();
    assertThat(out).matches("openapi-mcp \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void servesOverStdioWithClassesFromTheArchive() throws Exception {
    Path classes = dir.resolve("classes.txt");
    String stderr = NotionServeSession.run(List.of(launcher.toString()), Map.of(
        "OPENAPI_MCP_CACHE", dir.resolve("catalogs").toString(),
        // No archive of its own in a user cache: the classes must come from the build's.
        "OPENAPI_MCP_CACHE_DIR", "none",
        "OPENAPI_MCP_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), dir);

    assertThat(stderr).doesNotContain("[cds]", "[aot]");
    // JDK 17 says "source: shared objects file", JDK 25 "source: shared objects file (top)" or the AOT cache.
    assertThat(Files.readAllLines(classes)).anyMatch(line ->
        line.contains(" dev.openapimcp.cli.OpenApiMcp ") && line.contains("shared objects file"));
  }

  /**
   * On two processors, calls reuse the server's threads: the JDK's HttpClient would otherwise end
   * each call with a new thread (see the runtime's CallsStartNoThreadProcessTest). Through the
   * launcher, with the spec converted first, as users run it.
   */
  @Test
  void onTwoProcessorsCallsStartNoThreadEach() throws Exception {
    int calls = 60;
    try (RecordingUpstream upstream = RecordingUpstream.start().respond(200, "{\"object\":\"user\"}")) {
      ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve", "--spec",
          RepoFiles.notionSpec().toString(), "--prefix", "API-", "--base-url", upstream.baseUrl(), "--rate-limit", "0")
          .redirectError(dir.resolve("stderr.txt").toFile());
      builder.environment().put("NOTION_TOKEN", "ntn_test");
      builder.environment().put("OPENAPI_MCP_CACHE", dir.resolve("catalogs").toString());
      // The launcher turns the JVM's performance data off; jcmd reads the thread count from it.
      builder.environment().put("OPENAPI_MCP_JAVA_OPTS", "-XX:ActiveProcessorCount=2 -XX:+UsePerfData");
      Process process = builder.start();
      try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
        client.initialize();
        assertThat(client.callTool("API-get-self", Map.of()).get("isError")).isEqualTo(false);
        long before = ServerProcess.threadsStarted(process.pid());
        for (int i = 0; i < calls; i++) {
          assertThat(client.callTool("API-get-self", Map.of()).get("isError")).isEqualTo(false);
        }
        assertThat(ServerProcess.threadsStarted(process.pid()) - before).isLessThan(calls / 4);
        assertThat(upstream.requests()).hasSize(calls + 1);
        client.endSession(process, Duration.ofSeconds(20));
      } finally {
        process.destroyForcibly();
      }
    }
  }
}
