package dev.openapimcp.runtime.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A bearer token for HTTP clients when none was configured: 32 random bytes as hex (as the npm
 * server generates), written to a new file only its owner can read, so the token never appears on
 * a terminal, in a log or in the process list.
 */
public final class AuthTokenFile {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path path;
  private final String token;
  private final boolean ownerOnly;

  private AuthTokenFile(Path path, String token, boolean ownerOnly) {
    this.path = path;
    this.token = token;
    this.ownerOnly = ownerOnly;
  }

  /**
   * Generates a token and writes it to a new file in {@code $XDG_RUNTIME_DIR} (a directory private
   * to the user) when set, else in the temporary directory. On POSIX file systems the file is
   * created with permissions 0600 from the start; the name is random, so nobody can prepare a file
   * or link in its place.
   *
   * @param serverName part of the file name, so users can tell whose token it is
   */
  public static AuthTokenFile create(String serverName, Map<String, String> environment) throws IOException {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    String runtimeDir = environment.get("XDG_RUNTIME_DIR");
    Path directory = runtimeDir != null && !runtimeDir.isBlank() && Files.isDirectory(Path.of(runtimeDir))
        ? Path.of(runtimeDir)
        : Path.of(System.getProperty("java.io.tmpdir"));
    String prefix = "." + serverName.replaceAll("[^A-Za-z0-9._-]", "_") + "-auth-token-";
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    Path path = Files.createTempFile(directory, prefix, "", attributes);
    Files.writeString(path, token, StandardCharsets.US_ASCII);
    return new AuthTokenFile(path, token, posix);
  }

  /** Where the token is. */
  public Path path() {
    return path;
  }

  /** Whether the file was created readable by its owner only (false where files have no POSIX permissions). */
  public boolean ownerOnly() {
    return ownerOnly;
  }

  /** The token; never print it. */
  public String token() {
    return token;
  }

  /** Removes the file: the token dies with the server. Failures are ignored. */
  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Nothing useful to do while stopping; the token is worthless once the server is gone.
    }
  }

  @Override
  public String toString() {
    return "AuthTokenFile[" + path + "]";
  }
}
