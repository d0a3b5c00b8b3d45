package dev.openapimcp.maven.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
  private static final List<String> FLAGS = flags(SH);

  private Launchers() {}

  /** The JVM flags every launch uses, in order. */
  public static List<String> jvmFlags() {
    return FLAGS;
  }

  /**
   * The sh launcher of server {@code name} in {@code folder}, trained with {@code java} (empty
   * identity: no archive is ever offered as the bundled one).
   */
  public static String sh(String name, JavaRuntime java, Path folder) {
    return SH.replace("@NAME@", name)
        .replace("@BUILD_JAVA@", quoted(java.executable().toString()))
        .replace("@BUILD_JVM@", quoted(java.identity()))
        .replace("@BUILD_DIR@", quoted(folder.toString()));
  }

  /** The Windows launcher of server {@code name}, with CRLF line ends. */
  public static String cmd(String name, JavaRuntime java) {
    return CMD.replace("@NAME@", name)
        .replace("@BUILD_JAVA@", java.executable().toString().replace("\"", ""))
        .replace("@FLAGS@", String.join(" ", FLAGS))
        .replace("\r\n", "\n")
        .replace("\n", "\r\n");
  }

  /** {@code value} for the inside of a single-quoted sh string. */
  private static String quoted(String value) {
    return value.replace("'", "'\\''");
  }

  private static List<String> flags(String sh) {
    for (String line : sh.split("\n")) {
      if (line.startsWith("flags='") && line.endsWith("'")) {
        return List.copyOf(Arrays.asList(line.substring("flags='".length(), line.length() - 1).split(" +")));
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
