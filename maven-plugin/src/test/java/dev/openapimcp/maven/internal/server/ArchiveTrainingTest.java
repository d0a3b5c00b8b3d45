package dev.openapimcp.maven.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchiveTrainingTest {

  /**
   * What a server folder's up-to-date check includes of the training is its class files as they are
   * on disk, each top-level class with every class compiled inside it: a changed training (in any of
   * them, anonymous classes too) retrains the archive.
   */
  @Test
  void trainingCodeIsTheClassFilesOfTheTraining() throws IOException, URISyntaxException {
    Path classes = Path.of(ArchiveTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String packagePath = ArchiveTraining.class.getPackageName().replace('.', '/');
    Path folder = classes.resolve(packagePath);
    List<String> expected = new ArrayList<>();
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
      names.forEach(name -> expected.add(packagePath + "/" + name + ".class"));
    }
    assertThat(expected).hasSizeGreaterThan(3);

    Map<String, byte[]> code = ArchiveTraining.trainingCode();
    assertThat(code.keySet()).containsExactlyElementsOf(expected);
    for (String resource : expected) {
      assertThat(code.get(resource)).as(resource).isEqualTo(Files.readAllBytes(classes.resolve(resource)));
    }
  }
}
