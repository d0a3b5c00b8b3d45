package dev.openapimcp.generator.internal.spec;

import dev.openapimcp.generator.GenerationException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local files a spec consists of: the spec and every file its {@code $ref}s reach, read as
 * generation reads them (within the same limits and permissions), without fetching anything from
 * the network.
 */
public final class SpecFiles {

  private SpecFiles() {}

  /**
   * The file the spec location {@code spec} names (a path, or a {@code file:} URI), or {@code null} for
   * an {@code http(s)} address.
   *
   * @throws IllegalArgumentException when it is neither an address nor a path
   */
  public static Path localFile(String spec) {
    String lower = spec.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return null;
    }
    return lower.startsWith("file:") ? Path.of(URI.create(spec)) : Path.of(spec);
  }

  /**
   * The spec and every local file it references, sorted; when reading stops at a problem (which
   * generation then reports), the files read until then.
   *
   * @param allowOutsideRefs whether references may lead outside the spec's folder
   */
  public static Set<Path> of(Path spec, boolean allowOutsideRefs) {
    Set<Path> files = new TreeSet<>();
    DocumentAddress address = DocumentAddress.of(spec);
    try {
      SpecBundler.bundle(address, spec.toString(), new RefPolicy(address, true, allowOutsideRefs), false, files);
    } catch (GenerationException e) {
      // Generation reports it, with the same message.
    }
    return files;
  }
}
