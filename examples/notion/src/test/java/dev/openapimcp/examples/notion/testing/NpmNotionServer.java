package dev.openapimcp.examples.notion.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * npm {@code @notionhq/notion-mcp-server}, the server ours replaces, installed on demand into a
 * directory of the build (system property {@code npm.dir}) and started with the machine's node.
 */
public final class NpmNotionServer {

  public static final String VERSION = "2.5.2";

  private static final String PACKAGE = "@notionhq/notion-mcp-server";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private NpmNotionServer() {}

  /**
   * {@code node <dir>/node_modules/@notionhq/notion-mcp-server/bin/cli.mjs}, installing version
   * {@value #VERSION} first when it is not there yet (or another version is).
   */
  public static List<String> command() throws InterruptedException {
    Path dir = TestFiles.directoryFromProperty("npm.dir");
    Path packageDir = dir.resolve("node_modules").resolve(PACKAGE);
    if (!VERSION.equals(installedVersion(packageDir))) {
      install(dir);
    }
    String installed = installedVersion(packageDir);
    if (!VERSION.equals(installed)) {
      throw new IllegalStateException("npm installed " + PACKAGE + " " + installed + " into " + dir + ", not " + VERSION);
    }
    // The package's "bin" entry; node runs it the same on every platform.
    String bin = Json.parse(read(packageDir.resolve("package.json"))).path("bin").path("notion-mcp-server").asText();
    Path cli = packageDir.resolve(bin);
    if (bin.isEmpty() || !Files.isRegularFile(cli)) {
      throw new IllegalStateException(PACKAGE + " has no notion-mcp-server bin at " + cli);
    }
    return List.of("node", cli.toString());
  }

  private static String installedVersion(Path packageDir) {
    Path manifest = packageDir.resolve("package.json");
    if (!Files.isRegularFile(manifest)) {
      return null;
    }
    JsonNode version = Json.parse(read(manifest)).path("version");
    return version.isTextual() ? version.asText() : null;
  }

  private static void install(Path dir) throws InterruptedException {
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve("npm-install.log");
      Process npm =
          new ProcessBuilder(
                  "npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), PACKAGE + "@" + VERSION)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      npm.getOutputStream().close();
      if (!npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm install did not finish within " + INSTALL_TIMEOUT + "; see " + log);
      }
      if (npm.exitValue() != 0) {
        throw new IllegalStateException("npm install failed (exit " + npm.exitValue() + "): " + read(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run npm (Node.js and npm are needed for the parity test)", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
