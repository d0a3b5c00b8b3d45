package dev.openapimcp.maven.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerFolderTest {

  private static final FileTime TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path dir;

  @Test
  void anUnchangedFileKeepsItsModificationTime() throws IOException {
    Path root = dir.resolve("srv");
    ServerFolder first = new ServerFolder(root);
    first.write("srv.jar", bytes("one"), false);
    first.write("srv", bytes("#!/bin/sh"), true);
    assertThat(first.changed()).isTrue();
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(root.resolve("srv.jar"), old);

    ServerFolder second = new ServerFolder(root);
    second.write("srv.jar", bytes("one"), false);
    second.write("srv", bytes("#!/bin/sh"), true);
    assertThat(second.changed()).isFalse();
    assertThat(Files.getLastModifiedTime(root.resolve("srv.jar"))).isEqualTo(old);
    assertThat(Files.isExecutable(root.resolve("srv"))).isTrue();
    assertThat(second.fingerprint("jvm")).isEqualTo(first.fingerprint("jvm"));

    ServerFolder third = new ServerFolder(root);
    third.write("srv.jar", bytes("two"), false);
    assertThat(third.changed()).isTrue();
    assertThat(Files.readString(root.resolve("srv.jar"))).isEqualTo("two");
  }

  @Test
  void theFingerprintFollowsNamesContentAndTheExtra() throws IOException {
    assertThat(fingerprint("a.jar", "x", "jvm")).isNotEqualTo(fingerprint("b.jar", "x", "jvm"))
        .isNotEqualTo(fingerprint("a.jar", "y", "jvm"))
        .isNotEqualTo(fingerprint("a.jar", "x", "other jvm"))
        .isEqualTo(fingerprint("a.jar", "x", "jvm"));
  }

  @Test
  void whatIsIncludedCountsInTheFingerprintAndIsNotWritten() throws IOException {
    Path root = Files.createTempDirectory(dir, "f");
    ServerFolder folder = new ServerFolder(root);
    folder.write("a.jar", bytes("x"), false);
    folder.include("Training.class", bytes("code"));
    assertThat(folder.fingerprint("jvm")).isNotEqualTo(fingerprint("a.jar", "x", "jvm"))
        .isEqualTo(included("Training.class", "code")).isNotEqualTo(included("Training.class", "other code"))
        .isNotEqualTo(included("Other.class", "code"));
    assertThat(root.resolve("Training.class")).doesNotExist();
  }

  @Test
  void librariesThatAreNoLongerWrittenAreDeleted() throws IOException {
    Path root = dir.resolve("srv");
    ServerFolder first = new ServerFolder(root);
    first.write("lib/a.jar", bytes("a"), false);
    first.write("lib/b.jar", bytes("b"), false);
    first.deleteOthers("lib");
    ServerFolder second = new ServerFolder(root);
    second.write("lib/a.jar", bytes("a"), false);
    second.deleteOthers("lib");
    assertThat(second.changed()).isTrue();
    assertThat(root.resolve("lib")).isDirectoryContaining(path -> path.endsWith("a.jar"))
        .isDirectoryNotContaining(path -> path.endsWith("b.jar"));
  }

  @Test
  void aJarOfClassesIsRunnableAndTheSameForTheSameClasses() throws IOException {
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes.resolve("com/example"));
    Files.createDirectories(classes.resolve("META-INF/services"));
    Files.writeString(classes.resolve("com/example/Server.class"), "class");
    Files.writeString(classes.resolve("META-INF/services/x.Y"), "com.example.Y");
    Files.writeString(classes.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\nMain-Class: Old\n");
    Manifest manifest = Jars.runnable("com.example.Server", List.of("lib/a.jar", "lib/with space.jar"));

    byte[] jar = Jars.of(classes, manifest, TIME);
    assertThat(Jars.of(classes, manifest, TIME)).isEqualTo(jar);

    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      Attributes main = in.getManifest().getMainAttributes();
      assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo("com.example.Server");
      assertThat(main.getValue(Attributes.Name.CLASS_PATH)).isEqualTo("lib/a.jar lib/with%20space.jar");
      List<String> names = new ArrayList<>();
      for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        names.add(entry.getName());
        assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(TIME.toInstant());
      }
      assertThat(names).containsExactly("META-INF/services/", "META-INF/services/x.Y", "com/", "com/example/",
          "com/example/Server.class");
    }
  }

  private String fingerprint(String name, String content, String extra) throws IOException {
    ServerFolder folder = new ServerFolder(Files.createTempDirectory(dir, "f"));
    folder.write(name, bytes(content), false);
    return folder.fingerprint(extra);
  }

  private String included(String name, String content) throws IOException {
    ServerFolder folder = new ServerFolder(Files.createTempDirectory(dir, "f"));
    folder.write("a.jar", bytes("x"), false);
    folder.include(name, bytes(content));
    return folder.fingerprint("jvm");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
