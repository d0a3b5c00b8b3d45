package dev.openapimcp.testing;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles generated sources with javac, as a user's build would, and loads them. */
public final class GeneratedSources {

  private GeneratedSources() {}

  /**
   * Compiles every {@code .java} file under {@code sourceRoot} into {@code classes} with all lint
   * warnings as errors; returns javac's output, which is empty when the code is clean.
   */
  public static String compile(Path sourceRoot, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (Stream<Path> walk = Files.walk(sourceRoot)) {
      List<String> args = new java.util.ArrayList<>(List.of(
          "--release", "17", "-Xlint:all", "-Werror", "-proc:none", "-encoding", "UTF-8",
          "-cp", System.getProperty("java.class.path"), "-d", classes.toString()));
      walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().forEach(args::add);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = javac.run(null, out, out, args.toArray(String[]::new));
      String messages = out.toString(StandardCharsets.UTF_8);
      if (status != 0) {
        throw new AssertionError("javac failed (" + status + "):\n" + messages);
      }
      return messages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code className} from compiled {@code classes}, with the test classpath as parent. */
  public static Class<?> load(Path classes, String className) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        GeneratedSources.class.getClassLoader());
    return Class.forName(className, true, loader);
  }
}
