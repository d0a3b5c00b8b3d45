package dev.openapimcp.maven.internal.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A JDK folder with a release file and a bin/java that only writes its path and arguments, one a line, to
 * the file named by {@code $FAKE_JAVA_ARGS}: what a launcher would start, without starting a JVM.
 */
final class FakeJdk {

  private FakeJdk() {}

  /** A fake JDK under {@code root} whose release file has these lines. */
  static Path create(Path root, String... releaseLines) throws IOException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    if (releaseLines.length > 0) {
      Files.write(root.resolve("release"), String.join("\n", releaseLines).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$0\" \"$@\"; do printf '%s\\n' \"$a\"; done > \"$FAKE_JAVA_ARGS\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return java;
  }

  static Path jdk17(Path root) throws IOException {
    return create(root, "IMPLEMENTOR=\"Debian\"", "JAVA_RUNTIME_VERSION=\"17.0.15+6-Debian-1deb12u1\"",
        "JAVA_VERSION=\"17.0.15\"");
  }

  static Path jdk25(Path root) throws IOException {
    return create(root, "IMPLEMENTOR=\"Eclipse Adoptium\"", "IMPLEMENTOR_VERSION=\"Temurin-25.0.3+9\"",
        "JAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"", "JAVA_VERSION=\"25.0.3\"");
  }
}
