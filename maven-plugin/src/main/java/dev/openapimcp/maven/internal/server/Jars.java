package dev.openapimcp.maven.internal.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Jars written from a folder of classes: entries sorted, one timestamp, so equal input gives equal bytes. */
public final class Jars {

  private Jars() {}

  /** A manifest that runs {@code mainClass} with {@code classPath} (paths relative to the jar) after it. */
  public static Manifest runnable(String mainClass, List<String> classPath) {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(new Attributes.Name("Created-By"), "openapi-mcp-maven-plugin");
    attributes.put(Attributes.Name.MAIN_CLASS, mainClass);
    if (!classPath.isEmpty()) {
      // Class-Path holds relative URLs, separated by spaces.
      attributes.put(Attributes.Name.CLASS_PATH,
          String.join(" ", classPath.stream().map(path -> path.replace("%", "%25").replace(" ", "%20")).toList()));
    }
    return manifest;
  }

  /** A jar of every file under {@code classes} (its own manifest, if any, replaced by {@code manifest}). */
  public static byte[] of(Path classes, Manifest manifest, FileTime time) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes)) {
      JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
      manifestEntry.setLastModifiedTime(time);
      jar.putNextEntry(manifestEntry);
      manifest.write(jar);
      jar.closeEntry();
      if (Files.isDirectory(classes)) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(classes)) {
          paths = walk.filter(path -> !path.equals(classes)).sorted().toList();
        }
        for (Path path : paths) {
          String name = classes.relativize(path).toString().replace('\\', '/');
          if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || name.equalsIgnoreCase("META-INF")) {
            continue;
          }
          boolean directory = Files.isDirectory(path);
          JarEntry entry = new JarEntry(directory ? name + "/" : name);
          entry.setLastModifiedTime(time);
          jar.putNextEntry(entry);
          if (!directory) {
            Files.copy(path, jar);
          }
          jar.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }
}
