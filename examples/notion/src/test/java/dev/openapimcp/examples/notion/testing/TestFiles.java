package dev.openapimcp.examples.notion.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths handed to the tests by the failsafe configuration in the pom. */
public final class TestFiles {

  private TestFiles() {}

  /** The existing file named by system property {@code name}. */
  public static Path fromProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("System property " + name + " is not set; run the tests with ./mvnw verify");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(name + " points to " + path + ", which does not exist");
    }
    return path;
  }

  /** The directory named by system property {@code name}; it need not exist yet. */
  public static Path directoryFromProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("System property " + name + " is not set; run the tests with ./mvnw verify");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }
}
