package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec read before its command is parsed, and the catalog cache: only bytes that are still the file's are cached. */
class SpecPreloadTest {

  private static final String SHOP = SpecYaml.openapi("3.0.3", "Shop").get("/items", "listItems").yaml();
  private static final String PETS = SpecYaml.openapi("3.0.3", "Pets").get("/pets", "listPets")
      .post("/pets", "addPet").yaml();

  @TempDir Path dir;

  @Test
  void aPreloadedSpecIsCachedForTheNextStart() throws Exception {
    String spec = SpecFixtures.write(dir, "api.yaml", SHOP);
    Path cache = dir.resolve("cache");
    SpecPreload preload = SpecPreload.start(spec, cache);
    assertThat(preload).isNotNull();
    assertThat(names(GenerationTool.served(config(spec), cache, Runnable::run, preload))).containsExactly("listItems");
    assertThat(catalogsIn(cache)).isOne();
    // Its catalog is cached: the next start has nothing to read ahead.
    assertThat(SpecPreload.start(spec, cache)).isNull();
  }

  @Test
  void aSpecWrittenAfterThePreloadReadItIsNotCachedUnderItsNewBytes() throws Exception {
    String spec = SpecFixtures.write(dir, "api.yaml", SHOP);
    Path cache = dir.resolve("cache");
    SpecPreload preload = SpecPreload.start(spec, cache);
    preload.awaitRead();
    Files.writeString(Path.of(spec), PETS);

    // This start serves what it read; the cache must not file that under the bytes the file now holds.
    assertThat(names(GenerationTool.served(config(spec), cache, Runnable::run, preload))).containsExactly("listItems");
    assertThat(catalogsIn(cache)).isZero();
    assertThat(names(GenerationTool.served(config(spec), cache))).containsExactly("listPets", "addPet");
  }

  private static GeneratorConfig config(String spec) {
    return GeneratorConfig.builder(spec).build();
  }

  private static List<String> names(ServedApi served) {
    return served.catalog().tools().stream().map(ToolDefinition::name).toList();
  }

  private static long catalogsIn(Path cache) throws Exception {
    if (!Files.isDirectory(cache)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".json")).count();
    }
  }
}
