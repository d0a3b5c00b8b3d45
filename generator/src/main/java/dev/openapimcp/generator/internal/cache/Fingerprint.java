package dev.openapimcp.generator.internal.cache;

import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.internal.spec.SpecFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A hash of everything generated sources depend on: the spec's bytes, every local file its
 * {@code $ref}s reach, the configuration, and the generator itself (version and jar bytes, so a
 * rebuilt snapshot of the generator also regenerates).
 */
public final class Fingerprint {

  private Fingerprint() {}

  /** The fingerprint of {@code config}; only local spec files are hashed (URLs hash their address). */
  public static String of(GeneratorConfig config, Path localSpec) {
    MessageDigest digest = sha256();
    update(digest, "generator", generatorIdentity());
    update(digest, "package", config.packageName());
    update(digest, "output", config.outputDirectory().toAbsolutePath().normalize().toString());
    update(digest, "prefix", config.toolPrefix());
    update(digest, "api", String.valueOf(config.apiName()));
    update(digest, "server", String.valueOf(config.serverName()));
    update(digest, "filter", config.filter().toString());
    update(digest, "remoteRefs", String.valueOf(config.allowRemoteRefs()));
    update(digest, "outsideRefs", String.valueOf(config.allowOutsideRefs()));
    update(digest, "serverVariables", config.serverVariables().toString());
    update(digest, "dynamicTools", config.dynamicTools() + " " + config.exposedTools());
    update(digest, "spec", config.spec());
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

  private static String generatorIdentity() {
    StringBuilder identity = new StringBuilder();
    try (InputStream in = Fingerprint.class.getResourceAsStream("/dev/openapimcp/generator/generator.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      identity.append(properties.getProperty("version", "unknown"));
    } catch (IOException e) {
      identity.append("unknown");
    }
    try {
      Path location = Path.of(Fingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)) {
        identity.append(':').append(HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(location))));
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
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
