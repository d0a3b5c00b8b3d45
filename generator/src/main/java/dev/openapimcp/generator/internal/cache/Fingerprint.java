package dev.openapimcp.generator.internal.cache;

import com.google.common.hash.Hashing;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.internal.spec.SpecFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A hash of everything generated sources depend on: the spec's bytes, every local file its
 * {@code $ref}s reach, the configuration, and the generator itself (version and jar bytes, so a
 * rebuilt snapshot of the generator also regenerates).
 */
public final class Fingerprint {

  private Fingerprint() {}

  /**
   * The fingerprint of {@code config}: every component of the record, by name, so a component added
   * later is part of it without anyone remembering to add it here; then the bytes of the spec and
   * of every local file its {@code $ref}s reach (URLs hash their address).
   */
  public static String of(GeneratorConfig config, Path localSpec) {
    MessageDigest digest = sha256();
    update(digest, "generator", generatorIdentity());
    update(digest, config);
    if (localSpec != null) {
      Path base = localSpec.toAbsolutePath().normalize().getParent();
      for (Path file : SpecFiles.of(localSpec, config.allowOutsideRefs())) {
        try {
          update(digest, "file", base.relativize(file).toString());
          digest.update(Files.readAllBytes(file));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The key of a cached catalog: the configuration, the generator build (its jar's size and time,
   * cheap to read at every start) and the {@linkplain #hash hash} of the spec file's bytes, taken from
   * {@code hashes} while the file is unchanged. The files the spec's {@code $ref}s reach are not read here: {@link
   * #referencedFiles} lists them with their hashes, for the cache to check.
   */
  public static String ofSpecFile(GeneratorConfig config, Path spec, FileHashes hashes) throws IOException {
    MessageDigest digest = sha256();
    update(digest, "generator", generatorBuild());
    update(digest, config);
    update(digest, "spec", spec.toAbsolutePath().normalize().toString());
    update(digest, "content", hashes.hash(spec));
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The {@code files} a spec was read from (as {@code LoadedSpec.files()} lists them), besides the
   * spec itself, with the {@linkplain #hash hash} of each one's bytes.
   */
  public static Map<Path, String> referencedFiles(Set<Path> files, Path spec, FileHashes hashes)
      throws IOException {
    Path self = spec.toAbsolutePath().normalize();
    Map<Path, String> referenced = new TreeMap<>();
    for (Path file : files) {
      Path absolute = file.toAbsolutePath().normalize();
      if (!absolute.equals(self)) {
        referenced.put(absolute, hashes.hash(absolute));
      }
    }
    return referenced;
  }

  /**
   * The hash of a file's bytes that tells whether a cached catalog is still the file's, in hex:
   * MurmurHash3 (x64, 128 bits; Guava). A first {@code serve} hashes the spec while another thread
   * reads it, both on C1-compiled code, where SHA-256 has no intrinsic: GitHub's 13 MB description
   * took 136-141 ms to SHA-256 and 22-26 ms to hash so (a cold JVM with the launcher's flags). The
   * hash tells a changed file from the one cached under the same path (every key holds the path);
   * it is no defence against whoever can write that file, who could as well write the spec.
   */
  public static String hash(Path file) throws IOException {
    return Hashing.murmur3_128().hashBytes(Files.readAllBytes(file)).toString();
  }

  /** The SHA-256 of a text's UTF-8 bytes, in hex. */
  static String sha256(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The version, and where the generator's classes are with their size and time (cheap to read at every start). */
  private static String generatorBuild() {
    StringBuilder identity = new StringBuilder(version());
    Path location = generatorLocation();
    try {
      if (location != null) {
        identity.append(':').append(location).append(':').append(Files.size(location)).append(':')
            .append(Files.getLastModifiedTime(location).toMillis());
      }
    } catch (IOException e) {
      // The version alone identifies the generator.
    }
    return identity.toString();
  }

  /** Every component of the configuration record, by name. */
  private static void update(MessageDigest digest, GeneratorConfig config) {
    for (RecordComponent component : GeneratorConfig.class.getRecordComponents()) {
      update(digest, component.getName(), text(read(component, config)));
    }
  }

  /** The jar or folder the generator's classes come from, or {@code null} when it cannot be told. */
  private static Path generatorLocation() {
    try {
      return Path.of(Fingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static Object read(RecordComponent component, GeneratorConfig config) {
    try {
      return component.getAccessor().invoke(config);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + component.getName() + " of the configuration", e);
    }
  }

  /** A component's value as text that only changes when the value does (paths made absolute). */
  private static String text(Object value) {
    if (value instanceof Path path) {
      return path.toAbsolutePath().normalize().toString();
    }
    return String.valueOf(value);
  }

  private static String version() {
    try (InputStream in = Fingerprint.class.getResourceAsStream("/dev/openapimcp/generator/generator.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String generatorIdentity() {
    StringBuilder identity = new StringBuilder(version());
    Path location = generatorLocation();
    try {
      if (location != null && Files.isRegularFile(location)) {
        identity.append(':').append(hash(location));
      }
    } catch (IOException e) {
      // Running from classes (tests): the version alone identifies the generator.
    }
    return identity.toString();
  }

  private static void update(MessageDigest digest, String key, String value) {
    digest.update((key + "=" + value.length() + ":" + value + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
