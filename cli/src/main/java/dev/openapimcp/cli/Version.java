package dev.openapimcp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The generator's version, from the resource Maven fills in. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"openapi-mcp " + number()};
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
