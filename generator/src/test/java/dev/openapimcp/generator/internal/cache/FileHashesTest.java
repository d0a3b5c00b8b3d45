package dev.openapimcp.generator.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remembered hash stands for a file only while the file system says the file is as it was; every
 * way of changing a file while keeping its size and modification time makes it read again.
 */
class FileHashesTest {

  @TempDir Path dir;

  /** A clock an hour ahead: files written just now count as settled, so their hashes are remembered. */
  private FileHashes later() {
    return new FileHashes(dir.resolve("stamps"), Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
  }

  private Path stamp() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("stamps"))) {
      List<Path> stamps = files.toList();
      assertThat(stamps).hasSize(1);
      return stamps.get(0);
    }
  }

  /** Replaces the hash a record holds, so a test can tell whether the record or the file answered. */
  private void forgeRememberedHash() throws IOException {
    Path stamp = stamp();
    List<String> lines = Files.readAllLines(stamp);
    Files.write(stamp, List.of(lines.get(0), lines.get(1), "0".repeat(32)));
  }

  @Test
  void anUnchangedSettledFileIsNotReadAgain() throws IOException {
    Path spec = Files.writeString(dir.resolve("api.json"), "{\"openapi\":\"3.0.3\"}");
    String hash = later().hash(spec);
    assertThat(hash).isEqualTo(Fingerprint.hash(spec));

    forgeRememberedHash();

    assertThat(later().hash(spec)).isEqualTo("0".repeat(32));
  }

  @Test
  void changedBytesOfTheSameSizeWithTheModificationTimeSetBackAreReadAgain() throws IOException {
    Path spec = Files.writeString(dir.resolve("api.json"), "{\"openapi\":\"3.0.3\"}");
    later().hash(spec);
    forgeRememberedHash();

    rewriteKeepingSizeAndModificationTime(spec, "{\"openapi\":\"3.1.0\"}");

    assertThat(later().hash(spec)).isEqualTo(Fingerprint.hash(spec)).isNotEqualTo("0".repeat(32));
  }

  @Test
  void aFileReplacedByAnotherOfTheSameSizeAndTimeIsReadAgain() throws IOException {
    Path spec = Files.writeString(dir.resolve("api.json"), "{\"openapi\":\"3.0.3\"}");
    FileTime time = Files.getLastModifiedTime(spec);
    later().hash(spec);
    forgeRememberedHash();

    Path other = Files.writeString(dir.resolve("other.json"), "{\"openapi\":\"3.1.0\"}");
    Files.setLastModifiedTime(other, time);
    Files.move(other, spec, StandardCopyOption.REPLACE_EXISTING);

    assertThat(later().hash(spec)).isEqualTo(Fingerprint.hash(spec)).isNotEqualTo("0".repeat(32));
  }

  @Test
  void aFileChangedJustNowIsHashedAgainNextTimeThoughItsSizeIsRecorded() throws IOException {
    // By the real clock the file's times are not settled: a change in the same tick could keep them.
    Path spec = Files.writeString(dir.resolve("api.json"), "{\"openapi\":\"3.0.3\"}");
    FileHashes now = new FileHashes(dir.resolve("stamps"));
    assertThat(now.hash(spec)).isEqualTo(Fingerprint.hash(spec));

    forgeRememberedHash();

    assertThat(now.hash(spec)).isEqualTo(Fingerprint.hash(spec));
    assertThat(later().hash(spec)).isEqualTo(Fingerprint.hash(spec));
    assertThat(now.mayHaveChanged(spec)).isFalse();
  }

  /** What {@code serve} asks before it reads a spec beside hashing it. */
  @Test
  void aFileMayHaveChangedWhenNothingIsRecordedOfItOrItsSizeChanged() throws IOException {
    Path spec = Files.writeString(dir.resolve("api.json"), "{\"openapi\":\"3.0.3\"}");
    assertThat(later().mayHaveChanged(spec)).isTrue();

    later().hash(spec);
    assertThat(later().mayHaveChanged(spec)).isFalse();
    assertThat(later().mayHaveChanged(dir.resolve(".").resolve("api.json"))).isFalse();

    // Written again with the same size: most likely the same bytes, for the hash to tell.
    rewriteKeepingSizeAndModificationTime(spec, "{\"openapi\":\"3.1.0\"}");
    assertThat(later().mayHaveChanged(spec)).isFalse();

    Files.writeString(spec, "{\"openapi\":\"3.1.1\", \"info\": {}}");
    assertThat(later().mayHaveChanged(spec)).isTrue();
    assertThat(later().mayHaveChanged(Files.writeString(dir.resolve("other.json"), "{}"))).isTrue();
  }

  @Test
  void aDamagedRecordOnlyMeansReadingTheFile() throws IOException {
    Path spec = Files.writeString(dir.resolve("api.json"), "{\"openapi\":\"3.0.3\"}");
    later().hash(spec);
    Files.writeString(stamp(), "not a record");

    assertThat(later().hash(spec)).isEqualTo(Fingerprint.hash(spec));
  }

  @Test
  void onlyTheRecordsWrittenLastAreKept() throws IOException {
    FileHashes hashes = later();
    for (int i = 0; i < FileHashes.KEPT + 5; i++) {
      hashes.hash(Files.writeString(dir.resolve("spec" + i + ".json"), "{}"));
    }
    try (Stream<Path> files = Files.list(dir.resolve("stamps"))) {
      assertThat(files.count()).isEqualTo(FileHashes.KEPT);
    }
  }

  /**
   * Writes {@code content} (as long as the old) and sets the modification time back, as {@code
   * touch -d} after an edit would. Writes again while the status-change time reads as before: the
   * kernel's file clock can be coarser than two writes in a row, which is what settling covers.
   */
  private static void rewriteKeepingSizeAndModificationTime(Path file, String content) throws IOException {
    assertThat(content.length()).isEqualTo(Files.size(file));
    FileTime modified = Files.getLastModifiedTime(file);
    Object changed = Files.getAttribute(file, "unix:ctime");
    do {
      Files.write(file, content.getBytes(StandardCharsets.UTF_8));
      Files.setLastModifiedTime(file, modified);
    } while (Files.getAttribute(file, "unix:ctime").equals(changed));
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
  }
}
