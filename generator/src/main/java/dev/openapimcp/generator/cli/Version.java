package dev.openapimcp.generator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The generator's version, from the resource Maven fills in. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/dev/openapimcp/generator/generator.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {"openapi-mcp " + properties.getProperty("version", "unknown")};
  }
}
