package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.GeneratedSources;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.ServerProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server a build would generate from a spec, compiled without warnings and started in its own
 * JVM over stdio, its API at {@code baseUrl}: tests call its tools as a client would.
 */
public final class GeneratedServer implements AutoCloseable {

  private final Process process;
  private final JsonRpcLines rpc;

  private GeneratedServer(Process process) {
    this.process = process;
    this.rpc = new JsonRpcLines(process.getOutputStream(), process.getInputStream());
    rpc.initialize();
  }

  /** Generates, compiles and starts the server of {@code spec} in {@code dir}. */
  public static GeneratedServer start(String spec, Path dir, String baseUrl) throws Exception {
    String packageName = "test.served";
    GenerationResult generated = GenerationTool.generate(GeneratorConfig.builder(spec).packageName(packageName)
        .outputDirectory(dir.resolve("src")).build());
    Path classes = Files.createDirectories(dir.resolve("classes"));
    assertThat(GeneratedSources.compile(dir.resolve("src"), classes)).isEmpty();
    List<String> command = new ArrayList<>(ServerProcess.command(GeneratedServer.class));
    int classPath = command.indexOf("-cp") + 1;
    command.set(classPath, classes + File.pathSeparator + command.get(classPath));
    command.set(command.indexOf(GeneratedServer.class.getName()), generated.serverClass());
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("BASE_URL", baseUrl);
    return new GeneratedServer(builder.start());
  }

  /** The result of calling {@code tool}. */
  public Map<String, Object> call(String tool, Map<String, Object> arguments) {
    return rpc.callTool(tool, arguments);
  }

  /** Whether {@code result} is an error result. */
  public static boolean isError(Map<String, Object> result) {
    return Boolean.TRUE.equals(result.get("isError"));
  }

  @Override
  public void close() {
    rpc.close();
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
