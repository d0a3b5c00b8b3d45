package dev.openapimcp.maven.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sh launcher's choices, with fake JDKs that only record the command line they were given:
 * which java, which archive (bundled, user cache, none) and in what order the options come. The
 * launcher ITs of the invoker builds run the same cases with real JDKs.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptTest {

  private static final String NAME = "srv";

  @TempDir Path dir;

  private Path jdk17;
  private Path jdk25;
  private Path cache;
  /** A kernel setting that is not there, as on macOS: no transparent huge pages, whatever this machine has. */
  private Path noHugePages;
  /** Holds an nproc that says $FAKE_PROCESSORS, else 2 (every flag kept) whatever this machine has. */
  private Path fakeBin;
  private int runs;

  /** What a launcher run started: exit code, standard error, and the fake java's path and arguments. */
  private record Run(int exit, String stderr, List<String> args) {

    /** The arguments after the launcher's fixed JVM flags. */
    List<String> afterFlags() {
      int flags = Launchers.jvmFlags().size();
      assertThat(args.subList(1, 1 + flags)).isEqualTo(Launchers.jvmFlags());
      return args.subList(1 + flags, args.size());
    }
  }

  @BeforeEach
  void jdks() throws IOException {
    jdk17 = FakeJdk.jdk17(dir.resolve("jdk17"));
    jdk25 = FakeJdk.jdk25(dir.resolve("jdk25"));
    cache = dir.resolve("cache");
    noHugePages = dir.resolve("no-transparent-huge-pages");
    fakeBin = Files.createDirectories(dir.resolve("fake-bin"));
    Path nproc = fakeBin.resolve("nproc");
    Files.writeString(nproc, "#!/bin/sh\necho \"${FAKE_PROCESSORS:-2}\"\n");
    nproc.toFile().setExecutable(true);
  }

  @Test
  void theBundledClassDataArchiveInItsFolderWithItsJvm() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    Run run = run(folder, Map.of(), "--port", "3000");
    assertThat(run.exit()).isZero();
    assertThat(run.afterFlags()).containsExactly("-XX:SharedArchiveFile=" + folder.resolve(NAME + ".jsa"),
        "-Xshare:auto", "-Xlog:cds*=off:stderr", "-jar", folder.resolve(NAME + ".jar").toString(), "--port", "3000");
    assertThat(cache).doesNotExist();
  }

  @Test
  void aQuoteInThePathSurvivesTheScriptsQuoting() throws Exception {
    Path folder = folder(dir.resolve("o'brien's"), jdk17, NAME + ".jsa");
    assertThat(run(folder, Map.of()).afterFlags()).startsWith("-XX:SharedArchiveFile=" + folder.resolve(NAME + ".jsa"));
  }

  @Test
  void theWindowsLauncherHasTheSameFlagsAndNoPlaceholderLeft() throws IOException {
    String cmd = Launchers.cmd(NAME, JavaRuntime.of(jdk17));
    String flags = String.join(" ", withoutOneCompilerThread(Launchers.jvmFlags()));
    assertThat(cmd).contains("set \"OPENAPI_MCP_RUN_FLAGS=" + flags + "\"")
        .contains("%OPENAPI_MCP_RUN_FLAGS:-XX:+UseSerialGC=%")
        .contains(" %OPENAPI_MCP_RUN_FLAGS% %OPENAPI_MCP_JAVA_OPTS% -jar \"%~dp0srv.jar\" %*")
        .contains("if exist \"" + jdk17 + "\"")
        .doesNotContainPattern("@[A-Z_]+@")
        .doesNotContainPattern("[^\r]\n");
    assertThat(Launchers.sh(NAME, JavaRuntime.of(jdk17), dir)).doesNotContainPattern("@[A-Z_]+@");
  }

  @Test
  void theBundledAotCacheWithItsJvmAlsoInACopiedFolder() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk25, NAME + ".aot");
    assertThat(run(folder, Map.of()).afterFlags()).containsExactly("-XX:AOTCache=" + folder.resolve(NAME + ".aot"),
        "-Xlog:cds*=off:stderr", "-Xlog:aot*=off:stderr", "-jar", folder.resolve(NAME + ".jar").toString());

    Path copy = copy(folder, dir.resolve("elsewhere/with space"));
    assertThat(run(copy, Map.of()).afterFlags()).containsExactly("-XX:AOTCache=" + copy.resolve(NAME + ".aot"),
        "-Xlog:cds*=off:stderr", "-Xlog:aot*=off:stderr", "-jar", copy.resolve(NAME + ".jar").toString());
  }

  @Test
  void jdk17NeverSeesTheAotCacheOfAJdk25BuildAndArchivesIntoTheUserCache() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk25, NAME + ".aot");
    Map<String, String> on17 = Map.of("OPENAPI_MCP_JAVA", jdk17.toString());

    Run first = run(folder, on17);
    assertThat(first.args().get(0)).isEqualTo(jdk17.toString());
    Path archive = cachedArchive(first);
    assertThat(first.afterFlags()).containsExactly("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off:stderr",
        "-jar", folder.resolve(NAME + ".jar").toString());

    // The JVM wrote it as it exited: later runs map it, until the jar is newer than it.
    Files.writeString(archive, "archive");
    Instant now = Instant.now();
    Files.setLastModifiedTime(folder.resolve(NAME + ".jar"), FileTime.from(now.minusSeconds(60)));
    Files.setLastModifiedTime(archive, FileTime.from(now.minusSeconds(30)));
    assertThat(run(folder, on17).afterFlags()).containsExactly("-XX:SharedArchiveFile=" + archive, "-Xshare:auto",
        "-Xlog:cds*=off:stderr", "-jar", folder.resolve(NAME + ".jar").toString());
    Files.setLastModifiedTime(folder.resolve(NAME + ".jar"), FileTime.from(now));
    assertThat(run(folder, on17).afterFlags()).startsWith("-XX:ArchiveClassesAtExit=" + archive);
  }

  @Test
  void jdk25LetsTheJvmKeepAnArchiveOfItsOwnForAJdk17Build() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    Run run = run(folder, Map.of("OPENAPI_MCP_JAVA", jdk25.toString()));
    assertThat(run.afterFlags()).containsExactly("-XX:SharedArchiveFile=" + cachedArchive(run),
        "-XX:+AutoCreateSharedArchive", "-Xlog:cds*=off:stderr", "-Xlog:aot*=off:stderr", "-jar",
        folder.resolve(NAME + ".jar").toString());
  }

  @Test
  void aJdkUpgradedInPlaceIsAnotherJvm() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    FakeJdk.create(dir.resolve("jdk17"), "IMPLEMENTOR=\"Debian\"", "JAVA_RUNTIME_VERSION=\"17.0.16+8-Debian-1deb12u1\"",
        "JAVA_VERSION=\"17.0.16\"");
    Run run = run(folder, Map.of());
    assertThat(run.afterFlags()).startsWith("-XX:ArchiveClassesAtExit=" + cachedArchive(run));
  }

  @Test
  void aCopiedFolderDoesNotOfferItsClassDataArchive() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    Path copy = copy(folder, dir.resolve("elsewhere"));
    Run run = run(copy, Map.of());
    assertThat(run.afterFlags()).containsExactly("-XX:ArchiveClassesAtExit=" + cachedArchive(run),
        "-Xlog:cds*=off:stderr", "-jar", copy.resolve(NAME + ".jar").toString());
  }

  @Test
  void onJdk17APathWithASpaceGetsNoArchive() throws Exception {
    Path folder = folder(dir.resolve("build dir"), jdk17, NAME + ".jsa");
    assertThat(run(folder, Map.of()).afterFlags()).containsExactly("-jar", folder.resolve(NAME + ".jar").toString());
    assertThat(cache).doesNotExist();
  }

  @Test
  void helpAndVersionRunsAndADisabledCacheWriteNoArchive() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk25, NAME + ".aot");
    Map<String, String> on17 = Map.of("OPENAPI_MCP_JAVA", jdk17.toString());
    for (String quick : List.of("--version", "-V", "--help", "-h")) {
      assertThat(run(folder, on17, quick).afterFlags()).containsExactly("-jar", folder.resolve(NAME + ".jar").toString(),
          quick);
    }
    assertThat(run(folder, Map.of("OPENAPI_MCP_JAVA", jdk17.toString(), "OPENAPI_MCP_CACHE_DIR", "none")).afterFlags())
        .containsExactly("-jar", folder.resolve(NAME + ".jar").toString());
    assertThat(cache).doesNotExist();
  }

  @Test
  void extraOptionsComeAfterOursAndBeforeTheJar() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    Run run = run(folder, Map.of("OPENAPI_MCP_JAVA_OPTS", "-Xshare:on  -Xmx64m"));
    assertThat(run.afterFlags()).containsExactly("-XX:SharedArchiveFile=" + folder.resolve(NAME + ".jsa"),
        "-Xshare:auto", "-Xlog:cds*=off:stderr", "-Xshare:on", "-Xmx64m", "-jar",
        folder.resolve(NAME + ".jar").toString());
  }

  @Test
  void aCollectorInTheExtraOptionsReplacesOursSinceTheJvmExitsOnTwo() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    List<String> flags = new ArrayList<>(Launchers.jvmFlags());
    assertThat(flags.remove("-XX:+UseSerialGC")).isTrue();

    Run parallel = run(folder, Map.of("OPENAPI_MCP_JAVA_OPTS", "-Xmx2g -XX:+UseParallelGC"));
    assertThat(parallel.args().subList(1, 1 + flags.size())).isEqualTo(flags);
    assertThat(parallel.args().subList(1 + flags.size(), parallel.args().size())).containsExactly(
        "-XX:SharedArchiveFile=" + folder.resolve(NAME + ".jsa"), "-Xshare:auto", "-Xlog:cds*=off:stderr", "-Xmx2g",
        "-XX:+UseParallelGC", "-jar", folder.resolve(NAME + ".jar").toString());

    // Options that merely mention GC leave ours alone.
    Run logging = run(folder, Map.of("OPENAPI_MCP_JAVA_OPTS", "-Xlog:gc -XX:+UseGCOverheadLimit"));
    assertThat(logging.afterFlags()).endsWith("-Xlog:gc", "-XX:+UseGCOverheadLimit", "-jar",
        folder.resolve(NAME + ".jar").toString());
  }

  @Test
  void theBuildsJvmOptionsFollowOurFlagsAndTheirCollectorReplacesOurs() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    List<String> options = List.of("-XX:+UseParallelGC", "-Xss2m");
    Files.writeString(folder.resolve(NAME), Launchers.sh(NAME, JavaRuntime.of(jdk17), folder, options, noHugePages));
    List<String> flags = new ArrayList<>(Launchers.jvmFlags());
    flags.remove("-XX:+UseSerialGC");
    flags.addAll(options);
    assertThat(Launchers.jvmFlags(options)).isEqualTo(flags);

    Run run = run(folder, Map.of("OPENAPI_MCP_JAVA_OPTS", "-Xmx2g"));
    assertThat(run.args().subList(1, run.args().size())).containsExactlyElementsOf(Stream.concat(flags.stream(),
        Stream.of("-XX:SharedArchiveFile=" + folder.resolve(NAME + ".jsa"), "-Xshare:auto", "-Xlog:cds*=off:stderr",
            "-Xmx2g", "-jar", folder.resolve(NAME + ".jar").toString())).toList());
    // A collector at run time replaces the build's in turn.
    Run g1 = run(folder, Map.of("OPENAPI_MCP_JAVA_OPTS", "-XX:+UseG1GC"));
    List<String> withoutCollector = flags.stream().filter(flag -> !flag.equals("-XX:+UseParallelGC")).toList();
    assertThat(g1.args().subList(1, 1 + withoutCollector.size())).isEqualTo(withoutCollector);
    assertThat(g1.args().subList(1 + withoutCollector.size(), g1.args().size())).containsExactly(
        "-XX:SharedArchiveFile=" + folder.resolve(NAME + ".jsa"), "-Xshare:auto", "-Xlog:cds*=off:stderr",
        "-XX:+UseG1GC", "-jar", folder.resolve(NAME + ".jar").toString());
    assertThat(Launchers.cmd(NAME, JavaRuntime.of(jdk17), options))
        .contains("set \"OPENAPI_MCP_RUN_FLAGS=" + String.join(" ", withoutOneCompilerThread(flags)) + "\"")
        .contains("%OPENAPI_MCP_RUN_FLAGS:-XX:+UseParallelGC=%");
    // An initial heap size of the build's replaces ours.
    assertThat(Launchers.jvmFlags(List.of("-Xms256m"))).contains("-Xms256m").doesNotContain("-Xms16m")
        .hasSize(Launchers.jvmFlags().size());
    assertThat(Launchers.jvmFlags()).contains("-Xms16m");
    // The sh launcher splits its flags on spaces and quotes none of them.
    assertThatThrownBy(() -> Launchers.jvmFlags(List.of("-Xmx2g -Xss2m")))
        .hasMessage("The JVM option '-Xmx2g -Xss2m' is not one word starting with '-' (no white space, quotes or %).");
    assertThatThrownBy(() -> Launchers.jvmFlags(List.of("Xmx2g"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void transparentHugePagesWhereLinuxOffersThemAndTheExtraOptionsCanTurnThemOff() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    Path setting = dir.resolve("enabled");
    Path jar = folder.resolve(NAME + ".jar");
    Files.writeString(folder.resolve(NAME), Launchers.sh(NAME, JavaRuntime.of(jdk17), folder, List.of(), setting));
    for (String offered : List.of("always [madvise] never", "[always] madvise never")) {
      Files.writeString(setting, offered + "\n");
      assertThat(run(folder, Map.of("OPENAPI_MCP_JAVA_OPTS", "-XX:-UseTransparentHugePages")).afterFlags())
          .as(offered).containsExactly("-XX:+UseTransparentHugePages",
              "-XX:SharedArchiveFile=" + folder.resolve(NAME + ".jsa"), "-Xshare:auto", "-Xlog:cds*=off:stderr",
              "-XX:-UseTransparentHugePages", "-jar", jar.toString());
    }
    Files.writeString(setting, "always madvise [never]\n");
    assertThat(run(folder, Map.of()).afterFlags()).doesNotContain("-XX:+UseTransparentHugePages");
    Files.delete(setting);
    assertThat(run(folder, Map.of()).afterFlags()).doesNotContain("-XX:+UseTransparentHugePages");
    assertThat(Launchers.sh(NAME, JavaRuntime.of(jdk17), folder))
        .contains("thp_setting='" + Launchers.TRANSPARENT_HUGE_PAGES + "'");
  }

  @Test
  void oneCompilerThreadOnlyOnTwoProcessorsOrFewerAndWithoutTieredCompilation() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    List<String> options = List.of("-XX:+UseParallelGC");
    Files.writeString(folder.resolve(NAME), Launchers.sh(NAME, JavaRuntime.of(jdk17), folder, options, noHugePages));
    List<String> flags = Launchers.jvmFlags(options);
    assertThat(flags).contains(Launchers.ONE_COMPILER_THREAD);
    List<String> withoutIt = withoutOneCompilerThread(flags);
    for (String processors : List.of("1", "2")) {
      assertThat(run(folder, Map.of("FAKE_PROCESSORS", processors)).args().subList(1, 1 + flags.size()))
          .as(processors).isEqualTo(flags);
    }
    for (String processors : List.of("3", "16")) {
      List<String> args = run(folder, Map.of("FAKE_PROCESSORS", processors)).args();
      assertThat(args.subList(1, 1 + withoutIt.size())).as(processors).isEqualTo(withoutIt);
      assertThat(args).doesNotContain(Launchers.ONE_COMPILER_THREAD);
    }
    // Tiered compilation (C2 back) needs two compiler threads: the JVM would not start with one.
    for (String extra : List.of("-XX:TieredStopAtLevel=4", "-XX:TieredStopAtLevel=0", "-XX:-TieredCompilation",
        "-XX:CICompilerCount=3")) {
      assertThat(run(folder, Map.of("FAKE_PROCESSORS", "2", "OPENAPI_MCP_JAVA_OPTS", extra)).args())
          .as(extra).doesNotContain(Launchers.ONE_COMPILER_THREAD).contains(extra);
    }
    assertThat(run(folder, Map.of("FAKE_PROCESSORS", "2", "OPENAPI_MCP_JAVA_OPTS", "-XX:TieredStopAtLevel=1"))
        .args()).contains(Launchers.ONE_COMPILER_THREAD);
    // The Windows launcher cannot count processors: it leaves the flag out.
    assertThat(Launchers.cmd(NAME, JavaRuntime.of(jdk17), options))
        .contains("set \"OPENAPI_MCP_RUN_FLAGS=" + String.join(" ", withoutIt) + "\"");
  }

  @Test
  void compileCommandsComeAfterTheOneThatKeepsThemOffStandardOutput() {
    // The JVM prints "CompileCommand: ..." on standard output for each one it reads before a
    // CompileCommand=quiet (JDK 17 and 25, checked), which a stdio client would read as a broken message.
    List<String> flags = Launchers.jvmFlags();
    int quiet = flags.indexOf("-XX:CompileCommand=quiet");
    List<String> commands = flags.stream().filter(flag -> flag.startsWith("-XX:CompileCommand=")).toList();
    assertThat(quiet).isNotNegative();
    assertThat(commands).hasSizeGreaterThan(1).first().isEqualTo("-XX:CompileCommand=quiet");
    assertThat(commands).allMatch(flag -> flags.indexOf(flag) >= quiet);
  }

  @Test
  void aLinkToTheLauncherRunsTheFolderItPointsTo() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("bin")).resolve("my-server"),
        folder.resolve(NAME));
    Run run = run(link, Map.of());
    assertThat(run.afterFlags()).startsWith("-XX:SharedArchiveFile=" + folder.resolve(NAME + ".jsa"));
  }

  @Test
  void javaComesFromTheBuildThenJavaHome() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17);
    assertThat(run(folder, Map.of("JAVA_HOME", jdk25.getParent().getParent().toString())).args().get(0))
        .isEqualTo(jdk17.toString());
    Files.delete(jdk17);
    assertThat(run(folder, Map.of("JAVA_HOME", jdk25.getParent().getParent().toString())).args().get(0))
        .isEqualTo(jdk25.toString());
  }

  @Test
  void aJvmWithoutReleaseFileStartsWithoutArchive() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17, NAME + ".jsa");
    Path bare = FakeJdk.create(dir.resolve("bare"));
    assertThat(run(folder, Map.of("OPENAPI_MCP_JAVA", bare.toString())).afterFlags())
        .containsExactly("-jar", folder.resolve(NAME + ".jar").toString());
  }

  @Test
  void noJavaOrAnOldOneIsOneSentenceAndExit2() throws Exception {
    Path folder = folder(dir.resolve("build"), jdk17);
    Run missing = run(folder, Map.of("OPENAPI_MCP_JAVA", dir.resolve("nowhere/bin/java").toString()));
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.stderr()).isEqualTo(
        NAME + ": no java found: set OPENAPI_MCP_JAVA or JAVA_HOME, or put java 17 or newer on the PATH.\n");
    assertThat(missing.args()).isEmpty();

    Path java11 = FakeJdk.create(dir.resolve("jdk11"), "JAVA_VERSION=\"11.0.2\"");
    Run old = run(folder, Map.of("OPENAPI_MCP_JAVA", java11.toString()));
    assertThat(old.exit()).isEqualTo(2);
    assertThat(old.stderr()).isEqualTo(NAME + " needs Java 17 or newer, but " + java11
        + " is Java 11.0.2: set OPENAPI_MCP_JAVA or JAVA_HOME to a newer one.\n");
    assertThat(old.args()).isEmpty();
  }

  /** A server folder as package-server writes it, trained with {@code java}, holding these archives. */
  private Path folder(Path at, Path java, String... archives) throws IOException {
    Path folder = Files.createDirectories(at).toRealPath();
    Path launcher = folder.resolve(NAME);
    Files.writeString(launcher, Launchers.sh(NAME, JavaRuntime.of(java), folder, List.of(), noHugePages));
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(folder.resolve(NAME + ".jar"), "jar");
    for (String archive : archives) {
      Files.writeString(folder.resolve(archive), "archive");
    }
    return folder;
  }

  private static Path copy(Path folder, Path to) throws IOException {
    Path target = Files.createDirectories(to).toRealPath();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName().toString()));
      }
    }
    return target;
  }

  /** The user-cache archive a run names in its first option after the flags: {@code cache/srv-<key>.jsa}. */
  private Path cachedArchive(Run run) {
    String option = run.afterFlags().get(0);
    Path archive = Path.of(option.substring(option.indexOf('=') + 1));
    assertThat(archive.getParent()).isEqualTo(cache);
    assertThat(archive.getFileName().toString()).matches(NAME + "-\\d+\\.jsa");
    assertThat(cache).isDirectory();
    return archive;
  }

  /** Runs {@code launcher} (a folder: its launcher) with a clean environment plus {@code environment}. */
  private Run run(Path launcher, Map<String, String> environment, String... args) throws Exception {
    Path script = Files.isDirectory(launcher) ? launcher.resolve(NAME) : launcher;
    Path argsFile = dir.resolve("args-" + runs++);
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("OPENAPI_MCP_") || key.equals("JAVA_HOME"));
    env.put("PATH", fakeBin + ":/usr/bin:/bin");
    env.put("FAKE_JAVA_ARGS", argsFile.toString());
    Map<String, String> settings = new HashMap<>(Map.of("OPENAPI_MCP_CACHE_DIR", cache.toString()));
    settings.putAll(environment);
    env.putAll(settings);
    Process process = builder.start();
    process.getOutputStream().close();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> recorded = Files.isRegularFile(argsFile) ? Files.readAllLines(argsFile) : List.of();
    return new Run(process.exitValue(), stderr, recorded);
  }

  /** {@code flags} as the Windows launcher has them: it cannot count processors and leaves one compiler thread out. */
  private static List<String> withoutOneCompilerThread(List<String> flags) {
    return flags.stream().filter(flag -> !flag.equals(Launchers.ONE_COMPILER_THREAD)).toList();
  }
}
