package dev.openapimcp.maven.internal.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code java} executable and what its JDK's {@code release} file says about it.
 *
 * <p>The launcher identifies the JVM it is about to start the same way, in sh, without starting it
 * (a {@code java -version} would cost a JVM start on every launch): it follows the executable's
 * symbolic links, reads {@code release} two folders up and compares {@code IMPLEMENTOR} and
 * {@code JAVA_RUNTIME_VERSION} with what the build recorded. A class-data archive only maps into the
 * JVM build that wrote it, so a different runtime version means "do not offer it this archive".
 *
 * @param executable the {@code java} executable as configured
 * @param identity vendor and runtime version, e.g. {@code Debian 17.0.15+6-Debian-1deb12u1}; empty
 *     when the JDK has no release file saying so
 * @param feature the feature release (17, 25), or 0 when unknown
 */
public record JavaRuntime(Path executable, String identity, int feature) {

  /** Reads the release file of {@code executable}'s JDK; a JDK without one has an empty identity. */
  public static JavaRuntime of(Path executable) throws IOException {
    Path real = executable.toRealPath();
    Path bin = real.getParent();
    Path release = bin == null || bin.getParent() == null ? null : bin.getParent().resolve("release");
    if (release == null || !Files.isRegularFile(release)) {
      return new JavaRuntime(executable, "", 0);
    }
    String vendor = "";
    String runtime = "";
    String version = "";
    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
      if (line.startsWith("IMPLEMENTOR=")) {
        vendor = value(line);
      } else if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
        runtime = value(line);
      } else if (line.startsWith("JAVA_VERSION=")) {
        version = value(line);
      }
    }
    if (version.isEmpty()) {
      return new JavaRuntime(executable, "", 0);
    }
    return new JavaRuntime(executable, vendor + " " + (runtime.isEmpty() ? version : runtime), feature(version));
  }

  /** Whether this JVM writes an AOT cache ({@code -XX:AOTCacheOutput}, JDK 25+) rather than a CDS archive. */
  public boolean writesAotCache() {
    return feature >= 25;
  }

  private static String value(String line) {
    String value = line.substring(line.indexOf('=') + 1);
    if (value.startsWith("\"")) {
      value = value.substring(1);
    }
    return value.endsWith("\"") ? value.substring(0, value.length() - 1) : value;
  }

  /** The leading digits: 17 of {@code 17.0.15}, 25 of {@code 25}, 1 of {@code 1.8.0_402}. */
  private static int feature(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 || end > 4 ? 0 : Integer.parseInt(version.substring(0, end));
  }
}
