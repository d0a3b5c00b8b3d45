package dev.openapimcp.generator.internal.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.ServedApi;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converted catalogs kept as JSON files named by the {@link Fingerprint} of what they were made of, so
 * serving a spec a second time skips reading and converting it. A cache only: a file that is missing,
 * unreadable or not a catalog is a miss, and a directory that cannot be written is no error.
 */
public final class CatalogCache {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);
  /** Catalogs kept; older ones (by last use) go when a new one is written. */
  static final int KEPT = 16;
  /** Writes entries from the records; {@link CatalogReader} reads them back. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final FileHashes hashes;

  public CatalogCache(Path directory) {
    this.directory = directory;
    this.hashes = FileHashes.ofCache(directory);
  }

  /** The hashes of spec files, remembered beside the catalogs while the files stay unchanged. */
  public FileHashes hashes() {
    return hashes;
  }

  /** What a file holds: the catalog and the files besides the spec it was made of, with their hashes. */
  record Entry(Map<String, String> files, ServedApi api) {}

  /**
   * The catalog stored under {@code fingerprint}, when there is a readable one and the files it was
   * made of besides the spec still have the bytes they had.
   */
  public Optional<ServedApi> read(String fingerprint) {
    Path file = file(fingerprint);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Entry entry = CatalogReader.entry(JSON.readTree(file.toFile()));
      for (Map.Entry<String, String> source : entry.files().entrySet()) {
        Path path = Path.of(source.getKey());
        if (!Files.isRegularFile(path) || !hashes.hash(path).equals(source.getValue())) {
          return Optional.empty();
        }
      }
      // Marks it used, so pruning keeps the catalogs that are served.
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
      return entry.api() == null || entry.api().catalog() == null ? Optional.empty() : Optional.of(entry.api());
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cached catalog {} not used: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /**
   * Stores {@code api} under {@code fingerprint} with the {@code files} (besides the spec) it was
   * made of; readers never see a half-written file.
   */
  public void write(String fingerprint, Map<Path, String> files, ServedApi api) {
    Path file = file(fingerprint);
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, fingerprint, ".tmp");
      // A process stopped while it writes in the background (a signal) leaves no half-written file behind.
      temporary.toFile().deleteOnExit();
      Map<String, String> sources = new TreeMap<>();
      files.forEach((path, hash) -> sources.put(path.toString(), hash));
      JSON.writeValue(temporary.toFile(), new Entry(sources, api));
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      prune();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Catalog not cached in {}: {}", directory, e.toString());
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // Left for the next prune.
        }
      }
    }
  }

  Path file(String fingerprint) {
    return directory.resolve(fingerprint + ".json");
  }

  private void prune() throws IOException {
    List<Path> catalogs;
    try (Stream<Path> files = Files.list(directory)) {
      catalogs = files.filter(path -> path.getFileName().toString().endsWith(".json"))
          .sorted(Comparator.comparing(CatalogCache::lastModified).reversed())
          .toList();
    }
    for (Path stale : catalogs.subList(Math.min(KEPT, catalogs.size()), catalogs.size())) {
      Files.deleteIfExists(stale);
    }
  }

  static FileTime lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
