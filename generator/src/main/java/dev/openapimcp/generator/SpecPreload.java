package dev.openapimcp.generator;

import dev.openapimcp.generator.internal.cache.FileHashes;
import dev.openapimcp.generator.internal.spec.LoadAhead;
import dev.openapimcp.generator.internal.spec.SpecFiles;
import dev.openapimcp.generator.internal.spec.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A spec being read on a thread of its own from the moment a program knows where it is, before the
 * program has made sense of the rest of its arguments ({@link #start}). {@link
 * GenerationTool#served(GeneratorConfig, Path, java.util.concurrent.Executor, SpecPreload)}
 * takes the spec when its configuration reads the same one the same way, and stops the reading
 * otherwise. Its warnings are logged only by the call that takes it.
 */
public final class SpecPreload {

  private final String location;
  private final String identity;
  private final LoadAhead load;
  private boolean taken;

  private SpecPreload(String location, String identity, LoadAhead load) {
    this.location = location;
    this.identity = identity;
    this.load = load;
  }

  /**
   * Starts reading the local file {@code spec} as {@link GenerationTool#served(GeneratorConfig, Path,
   * java.util.concurrent.Executor, SpecPreload)} with a default configuration and
   * {@code cacheDirectory} would read it, so that a program makes sense of the rest of its arguments
   * meanwhile: picocli took the first 0.27 s of a first {@code openapi-mcp serve} of GitHub's 13 MB
   * description, before the reading began (class loading timeline). {@code null} when that call
   * would not read it: not a file, larger than {@link LoadAhead#MAX_BYTES}, or one whose catalog the
   * cache most likely has ({@code FileHashes.mayHaveChanged}). Nothing here sets up logging or JSON
   * mapping: the reading thread does, while the program goes on. The thread is a daemon; a program that
   * ends sooner need not stop it.
   */
  public static SpecPreload start(String spec, Path cacheDirectory) {
    String identity;
    try {
      Path local = SpecFiles.localFile(spec);
      if (local == null || !Files.isRegularFile(local)
          || !worthReadingAhead(local, cacheDirectory == null ? null : FileHashes.ofCache(cacheDirectory))) {
        return null;
      }
      identity = FileHashes.identity(local);
    } catch (IOException | RuntimeException e) {
      // No such file, or no path at all: served() reads it and says what is wrong.
      return null;
    }
    return new SpecPreload(spec, identity, LoadAhead.start(wanted -> SpecLoader.load(spec, false, false, wanted)));
  }

  /**
   * Whether the file {@code local} is worth reading while something else goes on: at most {@link
   * LoadAhead#MAX_BYTES}, and with {@code hashes} of a catalog cache ({@code null}: none), one whose
   * catalog the cache most likely lacks ({@link FileHashes#mayHaveChanged}).
   */
  static boolean worthReadingAhead(Path local, FileHashes hashes) throws IOException {
    return Files.size(local) <= LoadAhead.MAX_BYTES && (hashes == null || hashes.mayHaveChanged(local));
  }

  /**
   * The load, once, when {@code config} reads this spec as it is preloaded: the same location and
   * no references outside its folder or on the network. Otherwise the load is stopped and {@code null}.
   */
  synchronized LoadAhead takeFor(GeneratorConfig config) {
    if (taken) {
      return null;
    }
    taken = true;
    if (!config.spec().equals(location) || config.allowRemoteRefs() || config.allowOutsideRefs()) {
      load.cancel();
      return null;
    }
    return load;
  }

  /** What the file system said of the spec file before it was read ({@code FileHashes.identity}). */
  String identity() {
    return identity;
  }

  /** Waits until the spec is read, for tests that change the file afterwards. */
  void awaitRead() throws GenerationException {
    load.get();
  }

  /** The location the spec is read from, as the program was given it. */
  public String location() {
    return location;
  }

  /** Tells the reading that no one needs the spec. */
  public void cancel() {
    load.cancel();
  }
}
