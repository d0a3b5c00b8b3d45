package dev.openapimcp.generator.internal.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The {@linkplain Fingerprint#hash hashes} of files, remembered in a folder with what the file system
 * says of each file (size, modification and status-change times, device and inode), so an unchanged
 * file is not read again: reading and hashing GitHub's 13 MB description took about a second of every
 * cached start of {@code openapi-mcp serve} (JFR: 40 of 135 samples).
 *
 * <p>A remembered hash is used only when all of these are as they were. Writing a file sets its
 * status-change time (ctime) to the present, and so does setting its modification time back ({@code
 * touch -d}, {@code cp -p}, {@code rsync -t}); no program can set it back. A file replaced by another
 * has another inode. A hash is remembered only for a file whose times lie {@link #SETTLED} before the
 * moment its attributes were read: any change after that moment gives it a later ctime, however
 * coarse the file system's clock (FAT keeps times to 2 s), whereas a file changed in the same tick as
 * the reading could keep its times (a newer file's record only tells its size: {@link
 * #mayHaveChanged}). Where the file system has no ctime or inode (Windows), every file is hashed. A
 * damaged or unreadable record only means hashing the file.
 */
public final class FileHashes {

  /** How much older than the reading a file's times must be for its hash to be remembered. */
  static final Duration SETTLED = Duration.ofSeconds(2);
  /** Records kept; the ones written longest ago go first. */
  static final int KEPT = 64;
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,dev,ino";
  /** Marks the record of a file hashed too soon after it was written to trust (see {@link #SETTLED}). */
  private static final String UNSETTLED = "unsettled ";

  private final Path directory;
  private final Clock clock;

  /** The hashes remembered in the catalog cache {@code cacheDirectory}. */
  public static FileHashes ofCache(Path cacheDirectory) {
    return new FileHashes(cacheDirectory.resolve("stamps"));
  }

  /** Remembers hashes in {@code directory} (created when needed). */
  public FileHashes(Path directory) {
    this(directory, Clock.systemUTC());
  }

  /** With {@code clock} telling the present, for tests of files written just now. */
  FileHashes(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /** The {@linkplain Fingerprint#hash hash} of {@code file}'s bytes, in hex. */
  public String hash(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    Instant reading = clock.instant();
    Map<String, Object> attributes = attributes(absolute);
    if (attributes == null) {
      return Fingerprint.hash(absolute);
    }
    String identity = identity(attributes);
    Path record = record(absolute);
    String remembered = remembered(record, absolute, identity);
    if (remembered != null) {
      return remembered;
    }
    String hash = Fingerprint.hash(absolute);
    Instant settled = reading.minus(SETTLED);
    boolean trusted = time(attributes, "lastModifiedTime").isBefore(settled)
        && time(attributes, "ctime").isBefore(settled);
    // A file too new to trust is still recorded, for mayHaveChanged to see its size, but never matches.
    remember(record, absolute + "\n" + (trusted ? "" : UNSETTLED) + identity + "\n" + hash + "\n");
    return hash;
  }

  /**
   * Whether {@code file} may have changed since it was last hashed here: nothing is recorded of it, or
   * it had another size. A file written again with the same size (copied, touched, downloaded again)
   * most likely holds the same bytes, which only {@link #hash} can tell. {@code false} where no hash is
   * ever remembered (no ctime or inode).
   */
  public boolean mayHaveChanged(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    Map<String, Object> attributes = attributes(absolute);
    if (attributes == null) {
      return false;
    }
    List<String> lines = recordOf(record(absolute), absolute);
    if (lines == null) {
      return true;
    }
    String identity = lines.get(1).startsWith(UNSETTLED) ? lines.get(1).substring(UNSETTLED.length()) : lines.get(1);
    return !identity.startsWith(attributes.get("size") + " ");
  }

  /**
   * What the file system says of {@code file} now (size, modification and status-change times, device,
   * inode): the same before and after reading it, nothing wrote it meanwhile. {@code null} when it
   * keeps no ctime or inode, or cannot tell.
   */
  public static String identity(Path file) {
    try {
      Map<String, Object> attributes = attributes(file.toAbsolutePath().normalize());
      return attributes == null ? null : identity(attributes);
    } catch (IOException e) {
      return null;
    }
  }

  /** What the file system says of {@code file}, or {@code null} when it keeps no ctime or inode. */
  private static Map<String, Object> attributes(Path file) throws IOException {
    try {
      return Files.readAttributes(file, ATTRIBUTES);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private Path record(Path file) {
    return directory.resolve(Fingerprint.sha256(file.toString()) + ".stamp");
  }

  private static String identity(Map<String, Object> attributes) {
    return attributes.get("size") + " " + time(attributes, "lastModifiedTime") + " " + time(attributes, "ctime")
        + " " + attributes.get("dev") + " " + attributes.get("ino");
  }

  private static Instant time(Map<String, Object> attributes, String name) {
    return ((FileTime) attributes.get(name)).toInstant();
  }

  /** The hash {@code record} holds for {@code file} as it is now, or {@code null}. */
  private static String remembered(Path record, Path file, String identity) {
    List<String> lines = recordOf(record, file);
    return lines != null && lines.get(1).equals(identity) && lines.get(2).matches("[0-9a-f]{32}") ? lines.get(2)
        : null;
  }

  /** The three lines of {@code record} (path, identity, hash) when it is one of {@code file}, else {@code null}. */
  private static List<String> recordOf(Path record, Path file) {
    try {
      List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
      return lines.size() == 3 && lines.get(0).equals(file.toString()) ? lines : null;
    } catch (IOException | RuntimeException e) {
      // None, or not readable: as if nothing were recorded.
      return null;
    }
  }

  private void remember(Path record, String content) {
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, "stamp", ".tmp");
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, record, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
      prune();
    } catch (IOException | RuntimeException e) {
      // Looked up only here: a preload asks mayHaveChanged before anything has set up logging.
      LoggerFactory.getLogger(FileHashes.class).debug("Hash of a file not remembered in {}: {}", directory,
          e.toString());
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // Left for the next prune.
        }
      }
    }
  }

  private void prune() throws IOException {
    List<Path> records;
    try (Stream<Path> files = Files.list(directory)) {
      records = files.sorted(Comparator.comparing(CatalogCache::lastModified).reversed()).toList();
    }
    for (Path stale : records.subList(Math.min(KEPT, records.size()), records.size())) {
      Files.deleteIfExists(stale);
    }
  }
}
