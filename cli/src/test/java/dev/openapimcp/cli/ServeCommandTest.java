package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.DirectoryApi;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} in a JVM of its own, as a client starts it: stdout must carry JSON-RPC and nothing else. */
class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void servesTheSpecsToolsOverStdio() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    try (RecordingUpstream upstream = RecordingUpstream.start().respond(200, "{\"id\":\"5\"}")) {
      Process process = start(Map.of("SHOP_KEY", "k-5"), "serve", "--spec", spec, "--base-url", upstream.baseUrl(),
          "--prefix", "shop_", "--request-timeout", "5");
      try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
        assertThat(client.initialize()).extracting("serverInfo").extracting("name").isEqualTo("shop-mcp-server");
        Map<String, Object> list = client.request("tools/list", Map.of());
        assertThat(list.toString()).contains("shop_getItem", "shop_create_item_");
        Map<String, Object> result = client.callTool("shop_getItem", Map.of("id", "5"));
        assertThat(result.get("isError")).isEqualTo(false);
        assertThat(result.toString()).contains("{\"id\":\"5\"}");
        assertThat(upstream.onlyRequest().path()).isEqualTo("/items/5");
        assertThat(upstream.onlyRequest().header("X-Key")).isEqualTo("k-5");

        assertThat(client.endSession(process, Duration.ofSeconds(20))).isNotEmpty();
      } finally {
        process.destroyForcibly();
      }
    }
    assertThat(stderr()).contains("serving 2 tools over stdio").doesNotContain("Exception");
  }

  @Test
  void theSpecsRootExtensionSetsTheServersDefaultsAsAGeneratedMainDoesAlsoFromTheCache() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP.replace("info: {title: Shop, version: '1'}",
        "info: {title: Shop, version: '1'}\nx-mcp: {instructions: 'Ask for an item by its id.', notFoundHint:"
            + " 'Is the item in this shop?'}"));
    Map<String, String> environment = Map.of("SHOP_KEY", "k", "OPENAPI_MCP_CACHE", dir.resolve("cache").toString());
    try (RecordingUpstream upstream = RecordingUpstream.start()) {
      // The second start reads the catalog and these defaults from the cache.
      for (int start = 1; start <= 2; start++) {
        upstream.respond(404, "{\"message\":\"no such item\"}");
        Process process = start(environment, "serve", "--spec", spec, "--base-url", upstream.baseUrl());
        try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
          assertThat(client.initialize()).as("start %d: %s", start, stderr())
              .containsEntry("instructions", "Ask for an item by its id.");
          Map<String, Object> result = client.callTool("getItem", Map.of("id", "9"));
          assertThat(result.get("isError")).isEqualTo(true);
          assertThat(result.toString()).contains("no such item", "Is the item in this shop?");
          client.endInput();
          assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
          process.destroyForcibly();
        }
      }
    }
    // Written while the first server started, whole before it exited; read, not written again, by the second.
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      assertThat(files.map(file -> file.getFileName().toString()).filter(name -> !name.equals("stamps")))
          .singleElement().asString().matches("[0-9a-f]{64}\\.json");
    }
  }

  /**
   * Served without and then twice with {@code --resources}, with one catalog cache: the option is part of its key,
   * and the second start with it reads the resources from the cache.
   */
  @Test
  @SuppressWarnings("unchecked")
  void resourcesOffersTheSpecsGetsAsResourcesReadThroughTheirTools() throws Exception {
    String spec = SpecFixtures.write(dir, "directory.yaml", DirectoryApi.SPEC);
    try (RecordingUpstream upstream = RecordingUpstream.start()) {
      for (boolean resources : new boolean[] {false, true, true}) {
        upstream.reset();
        upstream.respond(200, "{\"id\":\"u1\"}");
        List<String> args = new ArrayList<>(List.of("serve", "--spec", spec, "--base-url", upstream.baseUrl()));
        if (resources) {
          args.add("--resources");
        }
        Process process = start(Map.of("DIRECTORY_TOKEN", "t-1", "OPENAPI_MCP_CACHE", dir.resolve("cache").toString()),
            args.toArray(String[]::new));
        try (JsonRpcLines client = new JsonRpcLines(process.getOutputStream(), process.getInputStream())) {
          Map<String, Object> capabilities = (Map<String, Object>) client.initialize().get("capabilities");
          if (!resources) {
            assertThat(capabilities).containsKey("tools").doesNotContainKey("resources");
            continue;
          }
          assertThat(capabilities).containsKeys("tools", "resources");
          assertThat(client.request("resources/templates/list", Map.of()).toString()).contains(DirectoryApi.USER);
          assertThat(client.request("resources/list", Map.of()).toString()).contains(DirectoryApi.ME);
          Map<String, Object> read = client.request("resources/read",
              Map.of("uri", "directory://api.directory.example/v1/users/u1"));
          assertThat(read.toString()).contains("{\"id\":\"u1\"}", "application/json");
          assertThat(upstream.onlyRequest().target()).isEqualTo("/users/u1");
          assertThat(upstream.onlyRequest().header("Authorization")).isEqualTo("Bearer t-1");
        } finally {
          process.destroyForcibly();
        }
      }
    }
  }

  @Test
  void serverHelpShowsTheServersOptionsAndThisSpecsVariables() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Process process = start(Map.of(), "serve", "--spec", spec, "--server-help");
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(out).contains("--rate-limit", "--tools=all|dynamic", "SHOP_KEY", "OPENAPI_MCP_HEADERS");
  }

  @Test
  void badInputStopsBeforeServing() {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Cli.Result badUrl = Cli.run("serve", "--spec", spec, "--base-url", "localhost:8080");
    assertThat(badUrl.exitCode()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--base-url must be an absolute http or https URL");

    Cli.Result conflict = Cli.run(Map.of("BASE_URL", "https://other.example"), "serve", "--spec", spec,
        "--base-url", "https://shop.example");
    assertThat(conflict.exitCode()).isEqualTo(2);
    assertThat(conflict.err()).contains("--base-url and BASE_URL name different addresses");

    Cli.Result missing = Cli.run("serve", "--spec", dir.resolve("none.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
  }

  private Process start(Map<String, String> environment, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(ServerProcess.command(OpenApiMcp.class, args))
        .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().keySet().removeAll(List.of("OPENAPI_MCP_HEADERS", "BASE_URL", "SHOP_KEY", "SHOP_TOKEN"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.txt"));
  }
}
