package dev.openapimcp.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@code serve}, {@code tools} and {@code call} keep converted catalogs: {@code
 * OPENAPI_MCP_CACHE} ({@code off} for none), else the platform's cache folder ({@code
 * $XDG_CACHE_HOME}, {@code ~/.cache}, {@code ~/Library/Caches} on macOS, {@code %LOCALAPPDATA%} on
 * Windows) under {@code openapi-mcp/catalogs}.
 */
final class CacheDirectory {

  static final String VARIABLE = "OPENAPI_MCP_CACHE";

  private CacheDirectory() {}

  /** The folder, or {@code null} for no cache (turned off, or no home to put it in). */
  static Path of(Map<String, String> environment, String osName) {
    String chosen = environment.getOrDefault(VARIABLE, "").strip();
    if (chosen.equalsIgnoreCase("off")) {
      return null;
    }
    if (!chosen.isEmpty()) {
      return Path.of(chosen);
    }
    Path base = base(environment, osName.toLowerCase(Locale.ROOT));
    return base == null ? null : base.resolve("openapi-mcp").resolve("catalogs");
  }

  private static Path base(Map<String, String> environment, String os) {
    String xdg = environment.getOrDefault("XDG_CACHE_HOME", "").strip();
    if (!xdg.isEmpty()) {
      return Path.of(xdg);
    }
    if (os.startsWith("windows")) {
      String local = environment.getOrDefault("LOCALAPPDATA", "").strip();
      return local.isEmpty() ? null : Path.of(local);
    }
    String home = environment.getOrDefault("HOME", "").strip();
    if (home.isEmpty()) {
      return null;
    }
    return os.startsWith("mac") ? Path.of(home, "Library", "Caches") : Path.of(home, ".cache");
  }
}
