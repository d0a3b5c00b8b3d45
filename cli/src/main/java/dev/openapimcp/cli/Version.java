package dev.openapimcp.cli;

import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.model.ToolCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version}: the generator's version and, when a command is given a spec, the API's version
 * and the name the server reports with it (what a generated server's own {@code --version} prints),
 * so neither is taken for the other.
 */
final class Version implements IVersionProvider {

  @Spec
  CommandSpec command;

  @Override
  public String[] getVersion() {
    return command != null && command.userObject() instanceof SpecCommand specCommand
        ? lines(specCommand).toArray(String[]::new) : new String[] {ours()};
  }

  /** Ours, then the API's when {@code command} has a spec. */
  static List<String> lines(SpecCommand command) {
    String location = command.specLocation();
    if (location == null) {
      return List.of(ours());
    }
    // Nothing a library prints while reading the spec belongs on stdout.
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      ToolCatalog catalog = command.catalog();
      return List.of(ours(), "API " + location + ": version " + catalog.serverVersion() + ", served as "
          + catalog.serverName());
    } catch (GenerationException e) {
      return List.of(ours(), "API " + location + ": " + command.describe(e, location));
    } catch (IllegalArgumentException e) {
      return List.of(ours(), "API " + location + ": " + OpenApiMcp.describe(e));
    } finally {
      System.setOut(stdout);
    }
  }

  private static String ours() {
    return "openapi-mcp " + number();
  }

  /** Such as {@code 0.1.0}; {@code unknown} when run from unfiltered classes. */
  static String number() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/dev/openapimcp/generator/generator.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
