package dev.openapimcp.maven.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run that makes a server's class-data archive: it starts the server from its folder
 * the way the launcher does, answers {@code initialize}, lists the tools, makes the given calls
 * against a {@link LoopbackApi} (no real API and no credentials needed), then closes the server's
 * input so it exits, and the JVM writes the archive:
 *
 * <ul>
 *   <li>JDK 25 and later: {@code NAME.aot}, an AOT cache ({@code -XX:AOTCacheOutput}: classes
 *       loaded and linked, with method profiles);
 *   <li>earlier JDKs: {@code NAME.jsa}, a static class-data archive of the JDK's and the server's
 *       classes, dumped ({@code -Xshare:dump}) from the list of classes the training run loaded.
 *       One static archive starts about 10 ms sooner than the JDK's own archive with a dynamic one
 *       on top (measured with the Notion server).
 * </ul>
 *
 * <p>The server's standard error goes to a log file. A server that does not answer, answers with a
 * JSON-RPC error or exits non-zero fails the training; a JVM that writes no archive does not.
 */
public final class ArchiveTraining {

  /** A call made during training: a tool name and its JSON arguments. */
  public record Call(String tool, String arguments) {}

  /** The classes whose code decides what a training run loads, and so what its archive holds. */
  private static final List<Class<?>> TRAINING_CODE =
      List.of(ArchiveTraining.class, LoopbackApi.class, StdioSession.class);

  /** How long any one step may take: a hang guard, not a performance bound. */
  private static final Duration LIMIT = Duration.ofSeconds(120);

  private final JavaRuntime java;
  private final Path jar;
  private final Path log;
  private final List<String> flags;
  private final List<String> arguments;

  /**
   * @param java the JVM to train (the archive only works with it)
   * @param jar the server's runnable jar, in its folder
   * @param log where the server's standard error goes
   * @param flags the launcher's JVM flags ({@link Launchers#jvmFlags(List)}): the archive is made under them
   * @param arguments what the training passes to the server after {@code -jar}: none for a generated
   *     server; {@code serve --spec FILE} for the command-line tool
   */
  public ArchiveTraining(JavaRuntime java, Path jar, Path log, List<String> flags, List<String> arguments) {
    this.java = java;
    this.jar = jar;
    this.log = log;
    this.flags = List.copyOf(flags);
    this.arguments = List.copyOf(arguments);
  }

  /**
   * The training's own class files (those of {@link #TRAINING_CODE} and the classes nested in them),
   * by resource name in a fixed order, for the up-to-date check of a server folder ({@link
   * ServerFolder#include}): another training makes another archive from the same jars and flags.
   * Without them a plugin whose training had changed kept the archive the previous one had trained,
   * until the state file was deleted (seen while developing it).
   */
  public static Map<String, byte[]> trainingCode() {
    Map<String, byte[]> code = new LinkedHashMap<>();
    for (Class<?> type : TRAINING_CODE) {
      Class<?>[] members = type.getNestMembers();
      Arrays.sort(members, Comparator.comparing(Class::getName));
      for (Class<?> member : members) {
        String resource = member.getName().replace('.', '/') + ".class";
        try (InputStream in = member.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("no class file " + resource);
          }
          code.put(resource, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return code;
  }

  /** Where the server's standard error goes. */
  public Path log() {
    return log;
  }

  /** The JVM it trains. */
  public JavaRuntime java() {
    return java;
  }

  /** The server's runnable jar. */
  public Path jar() {
    return jar;
  }

  /** The archive this JVM writes for {@code jar}: {@code NAME.aot} or {@code NAME.jsa} beside it. */
  public Path archive() {
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    return jar.resolveSibling(name + (java.writesAotCache() ? ".aot" : ".jsa"));
  }

  /**
   * Runs the training and writes {@link #archive()}.
   *
   * @param workDir where intermediate files (the class list) go
   * @return {@code null} when the archive was written, else why the JVM wrote none
   * @throws IOException when the server failed: it did not answer, answered an error, or exited non-zero
   */
  public String run(List<Call> calls, Path workDir) throws IOException, InterruptedException {
    Path archive = archive();
    Files.createDirectories(workDir);
    Files.deleteIfExists(log);
    Path classList = workDir.resolve(archive.getFileName() + ".classlist");
    Files.deleteIfExists(classList);
    if (java.writesAotCache()) {
      session("-XX:AOTCacheOutput=" + archive, calls, workDir);
      // The JVM assembles the cache as it exits (JDK 25 in a child JVM): give a slow machine time.
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (!Files.isRegularFile(archive) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } else {
      session("-XX:DumpLoadedClassList=" + classList, calls, workDir);
      // The class path as the launcher gives it (-jar adds the manifest's Class-Path), so it matches.
      Process dump = new ProcessBuilder(java.executable().toString(), "-Xshare:dump",
              "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      if (!dump.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        dump.destroyForcibly();
        return "-Xshare:dump did not finish within " + LIMIT.toSeconds() + " s";
      }
      if (dump.exitValue() != 0) {
        return "-Xshare:dump exited with " + dump.exitValue();
      }
    }
    return Files.isRegularFile(archive) ? null : "the JVM wrote no " + archive.getFileName();
  }

  /** One session with the server started with {@code archiveFlag} and the launcher's flags. */
  private void session(String archiveFlag, List<Call> calls, Path workDir)
      throws IOException, InterruptedException {
    // openapi-mcp serve keeps the catalog it converts in a cache folder: an empty one of the training's
    // own, never the user's, so a first start's way (hash, convert, write) is trained and archived.
    // With the cache off, the classes of that way (hashing, file attributes, the catalog's writing)
    // loaded from the jars in every first start: 420 classes from outside the archive in a first
    // serve of GitHub's description then, 337 now.
    Path catalogCache = workDir.resolve("training-catalog-cache");
    deleteTree(catalogCache);
    try (LoopbackApi api = LoopbackApi.start()) {
      List<String> command = new ArrayList<>();
      command.add(java.executable().toString());
      command.add(archiveFlag);
      command.addAll(flags);
      command.add("-jar");
      command.add(jar.toString());
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
      Map<String, String> environment = builder.environment();
      // Options from the build's environment would change what is archived, or break the dump.
      environment.remove("JAVA_TOOL_OPTIONS");
      environment.remove("JDK_JAVA_OPTIONS");
      environment.remove("_JAVA_OPTIONS");
      environment.put("BASE_URL", api.baseUrl());
      environment.put("OPENAPI_MCP_HEADERS", "{\"Authorization\":\"Bearer training\"}");
      environment.put("OPENAPI_MCP_CACHE", catalogCache.toString());
      try (StdioSession server = new StdioSession(builder.start(), LIMIT)) {
        ObjectNode initialize = server.json().createObjectNode().put("protocolVersion", "2025-06-18");
        initialize.putObject("capabilities");
        initialize.putObject("clientInfo").put("name", "openapi-mcp-training").put("version", "1");
        server.request("initialize", initialize);
        server.notify("notifications/initialized");
        server.request("tools/list", server.json().createObjectNode());
        for (Call call : calls) {
          ObjectNode params = server.json().createObjectNode().put("name", call.tool());
          JsonNode arguments = call.arguments() == null || call.arguments().isBlank()
              ? server.json().createObjectNode() : server.json().readTree(call.arguments());
          params.set("arguments", arguments);
          server.request("tools/call", params);
        }
        int exit = server.finish();
        if (exit != 0) {
          throw new IOException("the server exited with " + exit);
        }
      }
    }
  }

  /** Deletes {@code root} and everything in it, if it is there. */
  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
