package dev.openapimcp.maven.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchiveTrainingTest {

  /**
   * The identity a server folder's up-to-date check includes is the hash of the training's class
   * files as they are on disk, each top-level class with every class compiled inside it: a changed
   * training (in any of them, anonymous classes too) retrains the archive.
   */
  @Test
  void codeIdentityHashesTheClassFilesOfTheTraining() throws IOException, NoSuchAlgorithmException,
      URISyntaxException {
    Path classes = Path.of(ArchiveTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path folder = classes.resolve(ArchiveTraining.class.getPackageName().replace('.', '/'));
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    int files = 0;
    for (String topLevel : List.of("ArchiveTraining", "LoopbackApi", "StdioSession")) {
      List<String> names;
      try (Stream<Path> list = Files.list(folder)) {
        names = list.map(file -> file.getFileName().toString())
            .filter(name -> name.equals(topLevel + ".class") || name.startsWith(topLevel + "$"))
            .map(name -> name.substring(0, name.length() - ".class".length()))
            .sorted()
            .toList();
      }
      assertThat(names).as(topLevel).contains(topLevel);
      for (String name : names) {
        String resource = ArchiveTraining.class.getPackageName().replace('.', '/') + "/" + name + ".class";
        digest.update(resource.getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(folder.resolve(name + ".class")));
        files++;
      }
    }
    assertThat(files).isGreaterThan(3);
    assertThat(ArchiveTraining.codeIdentity()).isEqualTo(HexFormat.of().formatHex(digest.digest()));
  }
}
