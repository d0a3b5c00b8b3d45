package dev.openapimcp.maven.internal.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the files of a server folder, each only when its bytes differ from what is there. An
 * unchanged file keeps its modification time, which JDK 17 records for every jar of a class-data
 * archive: rewriting an identical jar would silently invalidate the archive.
 *
 * <p>Also hashes everything it is given, in order: {@link #fingerprint()} changes exactly when the
 * folder's content or layout does, so an unchanged folder needs no new training run.
 */
public final class ServerFolder {

  private final Path root;
  private final MessageDigest digest;
  private final Set<Path> written = new HashSet<>();
  private boolean changed;

  /** The folder at {@code root}, created when missing; {@link #root()} is its real path. */
  public ServerFolder(Path root) throws IOException {
    // Real: the archive records the jars' paths, and the launcher finds its folder with pwd -P.
    this.root = Files.createDirectories(root).toRealPath();
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Writes {@code bytes} to {@code relative} (a {@code /}-separated path) unless it holds them already. */
  public void write(String relative, byte[] bytes, boolean executable) throws IOException {
    Path target = root.resolve(relative);
    hash(relative, bytes);
    written.add(target);
    if (!(Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes))) {
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
      changed = true;
    }
    if (executable && !Files.isExecutable(target)) {
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
        permissions.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_EXECUTE));
        Files.setPosixFilePermissions(target, permissions);
      } catch (UnsupportedOperationException e) {
        // Windows: no execute bit; the .cmd launcher is what runs there.
      }
    }
  }

  /** Copies the file {@code source} to {@code relative} unless that holds the same bytes already. */
  public void copy(String relative, Path source) throws IOException {
    write(relative, Files.readAllBytes(source), false);
  }

  /** Deletes the files directly in folder {@code relative} that this run did not write. */
  public void deleteOthers(String relative) throws IOException {
    Path dir = root.resolve(relative);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).filter(file -> !written.contains(file)).toList()) {
        Files.delete(file);
        changed = true;
      }
    }
  }

  /**
   * Adds {@code bytes} under {@code name} to the {@link #fingerprint} without writing them: what else
   * the archive is made from (the training's code, {@link ArchiveTraining#trainingCode}).
   */
  public void include(String name, byte[] bytes) {
    hash(name, bytes);
  }

  /** Whether a file was written or deleted. */
  public boolean changed() {
    return changed;
  }

  /** SHA-256 of every name and content given so far, plus {@code extra} (what else the archive depends on). */
  public String fingerprint(String extra) {
    hash("extra", extra.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest.digest());
  }

  public Path root() {
    return root;
  }

  private void hash(String name, byte[] bytes) {
    digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(Long.toString(bytes.length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(bytes);
  }
}
