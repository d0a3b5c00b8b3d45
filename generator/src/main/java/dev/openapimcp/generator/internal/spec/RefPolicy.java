package dev.openapimcp.generator.internal.spec;

import dev.openapimcp.generator.GenerationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which documents a spec's {@code $ref}s may make the generator read. A local spec reaches the files
 * of its own folder tree, and the network or other folders only with the user's permission; a spec
 * read from the network reaches its own site, and other sites only with permission. The check is
 * made on every document as it is about to be read, so no reference escapes it.
 */
final class RefPolicy {

  private final DocumentAddress root;
  private final boolean allowRemote;
  private final boolean allowOutside;
  /** The spec's folder, symbolic links resolved; {@code null} for a remote spec. */
  private final Path folder;

  RefPolicy(DocumentAddress root, boolean allowRemote, boolean allowOutside) {
    this.root = root;
    this.allowRemote = allowRemote;
    this.allowOutside = allowOutside;
    this.folder = root.isRemote() ? null : realPath(root.folder());
  }

  /**
   * Throws when {@code target} may not be read.
   *
   * @param location the document holding the {@code $ref}, as messages name it
   * @param pointer the {@code $ref}'s JSON pointer in that document
   * @param ref the reference as written
   */
  void check(DocumentAddress target, String location, String pointer, String ref) throws GenerationException {
    if (target.isRemote()) {
      if (allowRemote || (root.isRemote() && target.origin().equals(root.origin()))) {
        return;
      }
      throw GenerationException.at(location, pointer, "$ref '" + ref + "' points to " + (root.isRemote()
          ? "another site than the spec's (" + root.origin() + ")" : "the network")
          + "; remote references are fetched only when allowed (plugin: <allowRemoteRefs>true</allowRemoteRefs>,"
          + " CLI: --allow-remote-refs)");
    }
    if (root.isRemote()) {
      throw GenerationException.at(location, pointer, "$ref '" + ref + "' points to a local file, which a spec read from"
          + " the network may not read");
    }
    if (!allowOutside && !realPath(target.file()).startsWith(folder)) {
      throw GenerationException.at(location, pointer, "$ref '" + ref + "' leads to " + target.file() + ", outside the"
          + " spec's folder " + root.folder() + "; files there are read only when allowed (plugin:"
          + " <allowOutsideRefs>true</allowOutsideRefs>, CLI: --allow-outside-refs)");
    }
  }

  /** The path with symbolic links resolved as far as it exists, so a link cannot lead out of the folder. */
  private static Path realPath(Path path) {
    Path existing = path;
    Path rest = null;
    while (existing != null && !Files.exists(existing)) {
      Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      Path real = existing.toRealPath();
      return rest == null ? real : real.resolve(rest).normalize();
    } catch (IOException e) {
      return path;
    }
  }
}
