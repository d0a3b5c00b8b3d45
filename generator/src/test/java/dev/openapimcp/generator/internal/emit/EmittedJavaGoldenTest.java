package dev.openapimcp.generator.internal.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.testing.GeneratedSources;
import dev.openapimcp.testing.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the Java generated from {@code specs/petstore.yaml} (tags, parameters of every location, a
 * body, credentials, a documented rate limit) to checked-in golden files, so a change to the emitted
 * code shows up as a reviewed diff of readable code. Regenerate them with
 * {@code ./mvnw -pl generator -am test -Dtest=EmittedJavaGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}.
 */
class EmittedJavaGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/java");

  @TempDir Path dir;

  @Test
  void generatedSourcesMatchTheGoldenFiles() throws Exception {
    GenerationResult result = GenerationTool.generate(config());
    Path sources = dir.resolve("src/com/example/petstore");
    List<String> names = new ArrayList<>();
    for (Path file : result.files()) {
      String name = file.getFileName().toString();
      names.add(name);
      String actual = Files.readString(file, StandardCharsets.UTF_8);
      Path golden = GOLDEN.resolve(name);
      if (Boolean.getBoolean("golden.update")) {
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).as(name).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
    try (Stream<Path> golden = Files.list(GOLDEN)) {
      assertThat(golden.map(path -> path.getFileName().toString()).sorted().toList())
          .as("golden files without a generated file").isEqualTo(names.stream().sorted().toList());
    }
    assertThat(sources).isDirectory();
  }

  /** The pretty-printed schemas of the sources give exactly the definitions a build converts in memory. */
  @Test
  void theCompiledCatalogIsTheConvertedOne() throws Exception {
    GenerationTool.generate(config());
    Path classes = Files.createDirectories(dir.resolve("classes"));
    assertThat(GeneratedSources.compile(dir.resolve("src"), classes)).isEmpty();
    ToolCatalog compiled = (ToolCatalog) GeneratedSources.load(classes, "com.example.petstore.PetStoreTools")
        .getMethod("catalog").invoke(null);
    assertThat(compiled).isEqualTo(GenerationTool.catalog(config()));
  }

  private GeneratorConfig config() {
    return GeneratorConfig.builder(RepoFiles.root().resolve("specs/petstore.yaml").toString())
        .packageName("com.example.petstore").outputDirectory(dir.resolve("src")).build();
  }
}
