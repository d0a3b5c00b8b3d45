package dev.openapimcp.maven.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The two launchers of a server folder, from the templates beside this class: {@code launcher.sh}
 * (POSIX sh; picks the JVM and the class-data archive, see its comments) and {@code launcher.cmd}
 * (Windows; the same JVM flags, no archive).
 *
 * <p>The JVM flags live in one place, the {@code flags=} line of {@code launcher.sh}: the training
 * run reads them from there, so the archive is made under the flags it is used with.
 */
public final class Launchers {

  private static final String SH = template("launcher.sh");
  private static final String CMD = template("launcher.cmd");
  private static final String FLAGS_LINE = flagsLine(SH);
  private static final List<String> FLAGS =
      List.copyOf(Arrays.asList(FLAGS_LINE.substring("flags='".length(), FLAGS_LINE.length() - 1).split(" +")));
  private static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";
  private static final String INITIAL_HEAP = "-Xms";
  /** One of our flags, which the sh launcher keeps only on two processors or fewer (see launcher.sh's flags). */
  static final String ONE_COMPILER_THREAD = "-XX:CICompilerCount=1";

  /**
   * Linux's transparent huge page setting ({@code always [madvise] never}), which the sh launcher reads
   * to add {@code -XX:+UseTransparentHugePages} where the kernel offers them.
   */
  static final Path TRANSPARENT_HUGE_PAGES = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  private Launchers() {}

  /** A JVM option that picks a garbage collector, which the JVM takes only one of. */
  private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use[A-Za-z0-9]*GC");
  /** Options are split on spaces in the sh launcher and quoted nowhere. */
  private static final Pattern PLAIN_OPTION = Pattern.compile("-[^\\s'\"%]+");

  /** The JVM flags every launch uses, in order. */
  public static List<String> jvmFlags() {
    return FLAGS;
  }

  /**
   * The JVM flags of a launcher with {@code options} after ours: a collector among them replaces our
   * serial one, as the JVM refuses two, and an initial heap size ours.
   *
   * @throws IllegalArgumentException naming an option that is not one plain word starting with {@code -}
   */
  public static List<String> jvmFlags(List<String> options) {
    for (String option : options) {
      if (!PLAIN_OPTION.matcher(option).matches()) {
        throw new IllegalArgumentException("The JVM option '" + option + "' is not one word starting with '-'"
            + " (no white space, quotes or %).");
      }
    }
    List<String> flags = new ArrayList<>(FLAGS);
    if (options.stream().anyMatch(option -> COLLECTOR.matcher(option).matches())) {
      flags.remove(SERIAL_COLLECTOR);
    }
    if (options.stream().anyMatch(option -> option.startsWith(INITIAL_HEAP))) {
      // The JVM takes the last one; ours would only mislead a reader of the launcher.
      flags.removeIf(flag -> flag.startsWith(INITIAL_HEAP));
    }
    flags.addAll(options);
    return List.copyOf(flags);
  }

  /**
   * The sh launcher of server {@code name} in {@code folder}, trained with {@code java} (empty
   * identity: no archive is ever offered as the bundled one).
   */
  public static String sh(String name, JavaRuntime java, Path folder) {
    return sh(name, java, folder, List.of());
  }

  /** {@link #sh(String, JavaRuntime, Path)} starting the JVM with {@link #jvmFlags(List) jvmFlags(options)}. */
  public static String sh(String name, JavaRuntime java, Path folder, List<String> options) {
    return sh(name, java, folder, options, TRANSPARENT_HUGE_PAGES);
  }

  /**
   * {@link #sh(String, JavaRuntime, Path, List)} reading whether Linux offers transparent huge pages
   * from {@code hugePageSetting} (a file like {@link #TRANSPARENT_HUGE_PAGES}), for tests.
   */
  static String sh(String name, JavaRuntime java, Path folder, List<String> options, Path hugePageSetting) {
    return SH.replace(FLAGS_LINE, "flags='" + String.join(" ", jvmFlags(options)) + "'")
        .replace("@NAME@", name)
        .replace("@BUILD_JAVA@", quoted(java.executable().toString()))
        .replace("@BUILD_JVM@", quoted(java.identity()))
        .replace("@BUILD_DIR@", quoted(folder.toString()))
        .replace("@THP_SETTING@", quoted(hugePageSetting.toString()));
  }

  /** The Windows launcher of server {@code name}, with CRLF line ends. */
  public static String cmd(String name, JavaRuntime java) {
    return cmd(name, java, List.of());
  }

  /** {@link #cmd(String, JavaRuntime)} starting the JVM with {@link #jvmFlags(List) jvmFlags(options)}. */
  public static String cmd(String name, JavaRuntime java, List<String> options) {
    // The sh launcher keeps one compiler thread only where it finds two processors or fewer; this one
    // cannot tell, and a single thread would slow a larger machine: it leaves the option out.
    List<String> flags = jvmFlags(options).stream().filter(flag -> !flag.equals(ONE_COMPILER_THREAD)).toList();
    String collector = flags.stream().filter(flag -> COLLECTOR.matcher(flag).matches()).findFirst()
        .orElse(SERIAL_COLLECTOR);
    return CMD.replace("@NAME@", name)
        .replace("@BUILD_JAVA@", java.executable().toString().replace("\"", ""))
        .replace("@FLAGS@", String.join(" ", flags))
        .replace("@COLLECTOR@", collector)
        .replace("\r\n", "\n")
        .replace("\n", "\r\n");
  }

  /** {@code value} for the inside of a single-quoted sh string. */
  private static String quoted(String value) {
    return value.replace("'", "'\\''");
  }

  private static String flagsLine(String sh) {
    for (String line : sh.split("\n")) {
      if (line.startsWith("flags='") && line.endsWith("'")) {
        return line;
      }
    }
    throw new IllegalStateException("launcher.sh has no flags='...' line");
  }

  private static String template(String name) {
    try (InputStream in = Launchers.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
