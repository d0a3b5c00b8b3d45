package dev.openapimcp.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.maven.internal.server.ArchiveTraining;
import dev.openapimcp.maven.internal.server.Jars;
import dev.openapimcp.maven.internal.server.JavaRuntime;
import dev.openapimcp.maven.internal.server.Launchers;
import dev.openapimcp.maven.internal.server.ServerFolder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Writes the runnable server to {@code target/<serverName>/}: no shading, no scripts of your own.
 *
 * <pre>
 * target/example-mcp-server/
 *   example-mcp-server        launcher (POSIX sh): the command an MCP client starts
 *   example-mcp-server.cmd    launcher for Windows (same JVM flags, no archive)
 *   example-mcp-server.jar    the project's classes; java -jar runs the server (Main-Class, Class-Path)
 *   lib/                      the runtime dependencies
 *   example-mcp-server.jsa    class-data archive (.aot, an AOT cache, when trained with JDK 25+)
 * </pre>
 *
 * <p>The archive comes from a training run: the server is started from the folder, initialized,
 * asked for its tools and, with {@code trainingCalls}, made to call some against a loopback
 * stand-in for the API; then its input closes and the JVM writes what it loaded. It roughly halves
 * the start. The launcher offers it only to the JVM that wrote it and finds its way on any other
 * JVM or after the folder moved (see the launcher's comments). Files are rewritten only when their
 * content changes, and an unchanged folder is not trained again.
 */
@Mojo(name = "package-server", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public final class PackageServerMojo extends AbstractMojo {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  /** Jar entry time when the project sets no {@code project.build.outputTimestamp}. */
  private static final Instant DEFAULT_ENTRY_TIME = Instant.parse("1980-02-01T00:00:00Z");

  /**
   * The server's main class. Default: the one {@code generate} produced in this build; set it when
   * several {@code generate} executions made several servers.
   */
  @Parameter(property = "openapi-mcp.mainClass")
  private String mainClass;

  /**
   * Name of the folder, the launcher, the jar and the archive. Default: the {@code serverName} of
   * the {@code generate} execution, else the project's artifactId.
   */
  @Parameter(property = "openapi-mcp.serverName")
  private String serverName;

  /**
   * The {@code java} executable the archive is made for: the launcher starts it unless told
   * otherwise. Default: the JVM running Maven. Use another to ship for another JDK, e.g. build with
   * JDK 17 for a JDK 25 deployment.
   */
  @Parameter(property = "openapi-mcp.java")
  private File java;

  /** Skips the training run: the folder has no archive (the launcher then makes one in a user cache). */
  @Parameter(property = "openapi-mcp.skipArchive", defaultValue = "false")
  private boolean skipArchive;

  /**
   * Tool calls of the training run, each {@code <trainingCall><tool>NAME</tool><arguments>JSON</arguments>
   * </trainingCall>}, so the classes a call needs are archived too; they reach a loopback stand-in
   * for the API that answers {@code 200 {}}. By default the training only initializes and lists
   * the tools.
   */
  @Parameter
  private List<TrainingCall> trainingCalls;

  /**
   * Command-line arguments of the training run, each a {@code <trainingArgument>}: what a server
   * whose main class is not a generated server needs to become one, e.g. {@code serve}, {@code
   * --spec}, {@code specs/petstore.yaml} for openapi-mcp's own command-line tool. None by default.
   */
  @Parameter
  private List<String> trainingArguments;

  /**
   * JVM options the launchers add after their own flags, each a {@code <jvmOption>} (one word,
   * e.g. {@code -Xmx4g} for a server of a huge API); the training run uses them too. A garbage
   * collector named here ({@code -XX:+UseParallelGC}) replaces the launchers' serial one, an {@code
   * -Xms} their {@code -Xms16m}. None by default. {@code OPENAPI_MCP_JAVA_OPTS} still adds options when
   * the launcher runs.
   */
  @Parameter
  private List<String> jvmOptions;

  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
  private File classesDirectory;

  @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
  private File buildDirectory;

  /** Jar entries get this time, so equal classes make an equal jar. */
  @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
  private String outputTimestamp;

  @Parameter(defaultValue = "${mojoExecution.executionId}", readonly = true, required = true)
  private String executionId;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  public void execute() throws MojoExecutionException {
    Map<String, String> generated = GeneratedServers.of(project);
    String main = mainClass(generated);
    String name = name(generated, main);
    List<ArchiveTraining.Call> calls = calls();
    List<String> options = jvmOptions();
    Path classes = classesDirectory.toPath();
    if (!Files.isRegularFile(classes.resolve(main.replace('.', '/') + ".class"))) {
      throw new MojoExecutionException("The main class " + main + " is not in " + classes
          + ": package-server runs after compile, in the package phase");
    }
    JavaRuntime runtime = javaRuntime();
    // Not target/openapi-mcp: openapi-mcp's own command-line tool is packaged in a folder of that name.
    Path workDir = buildDirectory.toPath().resolve("openapi-mcp-package");
    Path stateFile = workDir.resolve(executionId + ".server.state");
    try {
      Path root = buildDirectory.toPath().resolve(name);
      if (Files.isRegularFile(root)) {
        Files.delete(root); // e.g. the launcher script an older build of examples/notion wrote there
      }
      ServerFolder folder = new ServerFolder(root);
      int libraries = writeFolder(folder, name, main, runtime, options);
      String summary = "Server " + name + " (" + main + ") in " + root + ": launcher, jar, " + libraries
          + " jars in lib/";
      List<String> arguments = trainingArguments == null ? List.of()
          : trainingArguments.stream().map(String::trim).toList();
      ArchiveTraining training = new ArchiveTraining(runtime, folder.root().resolve(name + ".jar"),
          workDir.resolve(name + "-training.log"), Launchers.jvmFlags(options), arguments);
      Path archive = training.archive();
      // The launcher's flags are in the folder's fingerprint already: the launcher is one of its files.
      ArchiveTraining.trainingCode().forEach(folder::include);
      String fingerprint =
          folder.fingerprint(runtime.identity() + "\n" + skipArchive + "\n" + calls + "\n" + arguments);
      if (Files.isRegularFile(archive) && fingerprint.equals(readState(stateFile))) {
        getLog().info(summary + ", " + archive.getFileName() + "; up to date");
        return;
      }
      Files.deleteIfExists(folder.root().resolve(name + ".aot"));
      Files.deleteIfExists(folder.root().resolve(name + ".jsa"));
      Files.deleteIfExists(stateFile);
      if (skipArchive) {
        getLog().info(summary + "; no archive (skipArchive)");
      } else {
        getLog().info(summary + archive(training, calls, workDir, folder.root()));
      }
      Files.createDirectories(workDir);
      Files.writeString(stateFile, fingerprint + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write the server folder of " + name + ": " + e.getMessage(), e);
    }
  }

  /** Writes lib/, the jar and the launchers; returns how many libraries there are. */
  private int writeFolder(ServerFolder folder, String name, String main, JavaRuntime runtime, List<String> options)
      throws IOException {
    List<String> classPath = writeLibraries(folder);
    folder.write(name + ".jar", Jars.of(classesDirectory.toPath(), Jars.runnable(main, classPath), entryTime()), false);
    folder.write(name, Launchers.sh(name, runtime, folder.root(), options).getBytes(StandardCharsets.UTF_8), true);
    folder.write(name + ".cmd", Launchers.cmd(name, runtime, options).getBytes(StandardCharsets.UTF_8), false);
    return classPath.size();
  }

  /** Trains the archive; returns what to add to the summary. Warns when the JVM makes none. */
  private String archive(ArchiveTraining training, List<ArchiveTraining.Call> calls, Path workDir, Path root)
      throws MojoExecutionException, IOException {
    JavaRuntime runtime = training.java();
    String none = null;
    if (runtime.identity().isEmpty()) {
      none = runtime.executable() + " has no release file naming its version, so the launcher could not tell"
          + " whether an archive matches; it will make its own in a user cache folder";
    } else if (!runtime.writesAotCache() && root.toString().contains(" ")) {
      // Measured with JDK 17.0.15: the archive maps, but no class of a jar under such a path loads from it.
      none = "Java " + runtime.feature() + " loads no class from a class-data archive for jars whose path contains"
          + " a space (" + root + "); the launcher will start without one there";
    } else {
      long started = System.nanoTime();
      none = train(training, calls, workDir);
      if (none == null) {
        List<String> steps = new ArrayList<>(List.of("initialize", "tools/list"));
        calls.forEach(call -> steps.add(call.tool()));
        return String.format(Locale.ROOT, ", %s (%,d KB) from a training run (%s) of %d ms on %s",
            training.archive().getFileName(), Files.size(training.archive()) / 1024, String.join(", ", steps),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), runtime.identity());
      }
      none += "; the launcher will make its own in a user cache folder";
    }
    getLog().warn("No class-data archive for " + training.jar().getFileName() + ": " + none + ".");
    return "; no archive";
  }

  /** Copies the runtime dependencies into lib/ and returns their paths relative to the folder. */
  private List<String> writeLibraries(ServerFolder folder) throws IOException {
    List<Artifact> libraries = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      String scope = artifact.getScope();
      boolean runtime = scope == null || Artifact.SCOPE_COMPILE.equals(scope) || Artifact.SCOPE_RUNTIME.equals(scope);
      if (runtime && artifact.getFile() != null && artifact.getArtifactHandler().isAddedToClasspath()) {
        libraries.add(artifact);
      }
    }
    Set<String> plainNames = new HashSet<>();
    Set<String> clashes = new HashSet<>();
    for (Artifact artifact : libraries) {
      if (!plainNames.add(plainName(artifact))) {
        clashes.add(plainName(artifact));
      }
    }
    List<String> classPath = new ArrayList<>();
    for (Artifact artifact : libraries) {
      String fileName = clashes.contains(plainName(artifact))
          ? artifact.getGroupId() + "." + plainName(artifact) : plainName(artifact);
      String relative = "lib/" + fileName;
      Path file = artifact.getFile().toPath();
      if (Files.isDirectory(file)) {
        // A module of this reactor that was compiled but not packaged: its classes folder.
        Manifest plain = new Manifest();
        plain.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        folder.write(relative, Jars.of(file, plain, entryTime()), false);
      } else {
        folder.copy(relative, file);
      }
      classPath.add(relative);
    }
    folder.deleteOthers("lib");
    return classPath;
  }

  private static String plainName(Artifact artifact) {
    String classifier = artifact.getClassifier() == null || artifact.getClassifier().isEmpty()
        ? "" : "-" + artifact.getClassifier();
    return artifact.getArtifactId() + "-" + artifact.getBaseVersion() + classifier + ".jar";
  }

  private String train(ArchiveTraining training, List<ArchiveTraining.Call> calls, Path workDir)
      throws MojoExecutionException, IOException {
    try {
      return training.run(calls, workDir);
    } catch (IOException e) {
      throw new MojoExecutionException("The training run of the server failed: " + e.getMessage()
          + ". Its standard error is in " + training.log() + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted during the training run", e);
    }
  }

  private String mainClass(Map<String, String> generated) throws MojoExecutionException {
    if (mainClass != null && !mainClass.isBlank()) {
      return mainClass.trim();
    }
    if (generated.size() == 1) {
      return generated.keySet().iterator().next();
    }
    throw new MojoExecutionException(generated.isEmpty()
        ? "Set <mainClass>: no generate execution ran before package-server in this build"
        : "Set <mainClass> to the server to package: this build generated " + String.join(", ", generated.keySet()));
  }

  private String name(Map<String, String> generated, String main) throws MojoExecutionException {
    String name = serverName;
    if (name == null || name.isBlank()) {
      name = generated.getOrDefault(main, "");
    }
    if (name.isBlank()) {
      name = project.getArtifactId();
    }
    name = name.trim();
    if (!NAME.matcher(name).matches()) {
      throw new MojoExecutionException("serverName '" + name + "' cannot name the server's files: use letters,"
          + " digits, '.', '_' and '-'");
    }
    return name;
  }

  private List<String> jvmOptions() throws MojoExecutionException {
    List<String> options = jvmOptions == null ? List.of() : jvmOptions.stream().map(String::trim).toList();
    try {
      Launchers.jvmFlags(options);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("<jvmOptions>: " + e.getMessage(), e);
    }
    return options;
  }

  private List<ArchiveTraining.Call> calls() throws MojoExecutionException {
    List<ArchiveTraining.Call> calls = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (TrainingCall call : trainingCalls == null ? List.<TrainingCall>of() : trainingCalls) {
      if (call.getTool() == null || call.getTool().isBlank()) {
        throw new MojoExecutionException("Every <trainingCall> needs a <tool>");
      }
      String arguments = call.getArguments() == null ? "" : call.getArguments().trim();
      try {
        if (!arguments.isEmpty() && !json.readTree(arguments).isObject()) {
          throw new MojoExecutionException("The <arguments> of training call " + call.getTool()
              + " must be a JSON object, not " + arguments);
        }
      } catch (JsonProcessingException e) {
        throw new MojoExecutionException("The <arguments> of training call " + call.getTool() + " are not JSON: "
            + e.getOriginalMessage(), e);
      }
      calls.add(new ArchiveTraining.Call(call.getTool().trim(), arguments));
    }
    return calls;
  }

  private JavaRuntime javaRuntime() throws MojoExecutionException {
    Path executable = java != null ? java.toPath()
        : Path.of(System.getProperty("java.home"), "bin",
            System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
    if (!Files.isExecutable(executable)) {
      throw new MojoExecutionException("java " + executable + " does not exist or cannot be run");
    }
    JavaRuntime runtime;
    try {
      runtime = JavaRuntime.of(executable);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read the release file of " + executable + ": " + e.getMessage(), e);
    }
    if (runtime.feature() != 0 && runtime.feature() < 17) {
      throw new MojoExecutionException("java " + executable + " is Java " + runtime.feature()
          + "; the server needs Java 17 or newer");
    }
    return runtime;
  }

  private FileTime entryTime() {
    String value = outputTimestamp == null ? "" : outputTimestamp.trim();
    try {
      if (value.matches("\\d+")) {
        return FileTime.from(Instant.ofEpochSecond(Long.parseLong(value)));
      }
      if (!value.isEmpty()) {
        return FileTime.from(Instant.parse(value));
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      getLog().debug("project.build.outputTimestamp '" + value + "' is not a time; using " + DEFAULT_ENTRY_TIME);
    }
    return FileTime.from(DEFAULT_ENTRY_TIME);
  }

  private static String readState(Path stateFile) throws IOException {
    return Files.isRegularFile(stateFile) ? Files.readString(stateFile, StandardCharsets.UTF_8).trim() : null;
  }
}
