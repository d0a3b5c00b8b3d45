package dev.openapimcp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line that starts a server {@code main} class from the test class path in a new JVM. */
public final class ServerProcess {

  private ServerProcess() {}

  /** The {@code java} launcher of the running JVM. */
  public static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * JVM options, class path and main class (without the launcher). JVM logging goes to stderr so
   * nothing but the server can write to stdout; start-up options keep the test suite quick.
   */
  public static List<String> jvmArguments(Class<?> mainClass, String... programArguments) {
    List<String> arguments = new ArrayList<>();
    arguments.add("-Xlog:disable");
    arguments.add("-Xlog:all=warning:stderr");
    arguments.add("-Xshare:auto");
    arguments.add("-XX:TieredStopAtLevel=1");
    arguments.add("-XX:+UseSerialGC");
    arguments.add("-cp");
    // Surefire may run tests from a manifest-only jar; this property holds the real class path.
    arguments.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    arguments.add(mainClass.getName());
    arguments.addAll(List.of(programArguments));
    return arguments;
  }

  /** Launcher plus {@link #jvmArguments}. */
  public static List<String> command(Class<?> mainClass, String... programArguments) {
    return command(List.of(), mainClass, programArguments);
  }

  /** Launcher, {@code jvmOptions} (a heap size, a processor count), then {@link #jvmArguments}. */
  public static List<String> command(List<String> jvmOptions, Class<?> mainClass, String... programArguments) {
    List<String> command = new ArrayList<>();
    command.add(javaLauncher());
    command.addAll(jvmOptions);
    command.addAll(jvmArguments(mainClass, programArguments));
    return command;
  }

  private static final Pattern THREADS_STARTED = Pattern.compile("(?m)^java\\.threads\\.started=(\\d+)$");

  /**
   * How many threads the JVM of {@code pid} has started so far: its {@code java.threads.started}
   * counter, read with the running JDK's {@code jcmd} (which reads the JVM's performance data file,
   * so the JVM must run with {@code -XX:+UsePerfData}, the default).
   *
   * @throws AssertionError with jcmd's output when the counter is not in it
   */
  public static long threadsStarted(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process counters = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "PerfCounter.print")
        .redirectErrorStream(true)
        .start();
    CompletableFuture<String> read = readAll(counters.getInputStream());
    if (!counters.waitFor(30, TimeUnit.SECONDS)) {
      counters.destroyForcibly();
      throw new AssertionError("jcmd " + pid + " PerfCounter.print did not finish within 30 s");
    }
    String output = read.join();
    Matcher started = THREADS_STARTED.matcher(output);
    if (!started.find()) {
      throw new AssertionError("No java.threads.started in jcmd " + pid + " PerfCounter.print: " + output);
    }
    return Long.parseLong(started.group(1));
  }

  /**
   * Everything {@code stream} (a process's stderr, say) gives until it ends, read on another thread so the
   * process never blocks on a full pipe; what was read before an I/O error is lost (the answer is then empty).
   */
  public static CompletableFuture<String> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
