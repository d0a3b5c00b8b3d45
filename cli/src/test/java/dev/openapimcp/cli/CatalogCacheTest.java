package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import dev.openapimcp.testing.StandardError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}, {@code tools} and {@code call} keep the converted catalog and use it while the spec stays the same. */
class CatalogCacheTest {

  @TempDir Path dir;

  private Map<String, String> cacheIn(Path cache) {
    return Map.of(CacheDirectory.VARIABLE, cache.toString());
  }

  private static List<Path> catalogs(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void aSecondRunReadsTheCatalogFromTheCacheAndAChangedSpecIsConvertedAgain() throws Exception {
    Path cache = dir.resolve("cache");
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);

    Cli.Result first = Cli.run(cacheIn(cache), "tools", "--spec", spec);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(catalogs(cache)).hasSize(1);
    Path cached = catalogs(cache).get(0);
    assertThat(cached.getFileName().toString()).matches("[0-9a-f]{64}\\.json");

    // Proof that the next run reads the cache and not the spec: what it lists comes from the edited file.
    Files.writeString(cached, Files.readString(cached).replace("/items/{id}", "/from-the-cache/{id}"));
    Cli.Result second = Cli.run(cacheIn(cache), "tools", "--spec", spec);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("/from-the-cache/{id}").doesNotContain("/items/{id}");

    // Options are part of the key: another prefix converts again.
    Cli.Result prefixed = Cli.run(cacheIn(cache), "tools", "--spec", spec, "--prefix", "shop_");
    assertThat(prefixed.out()).contains("shop_getItem", "/items/{id}");
    assertThat(catalogs(cache)).hasSize(2);

    // So is the spec's content.
    SpecFixtures.write(dir, "shop.yaml", Cli.SHOP.replace("/items/{id}:", "/articles/{id}:"));
    Cli.Result changed = Cli.run(cacheIn(cache), "tools", "--spec", spec);
    assertThat(changed.out()).contains("/articles/{id}").doesNotContain("/from-the-cache/");
    assertThat(catalogs(cache)).hasSize(3);
  }

  @Test
  void aChangedFileThatTheSpecReferencesIsConvertedAgain() throws Exception {
    Path cache = dir.resolve("cache");
    String spec = SpecYaml.openapi("3.0.3", "Parts")
        .get("/items", "listItems", "parameters: [{name: q, in: query, schema: {$ref: 'query.yaml'}}]")
        .write(dir, "api.yaml");
    SpecFixtures.write(dir, "query.yaml", "type: string\n");
    int before = schemaBytes(Cli.run(cacheIn(cache), "tools", "--spec", spec, "--json"));
    assertThat(schemaBytes(Cli.run(cacheIn(cache), "tools", "--spec", spec, "--json"))).isEqualTo(before);

    SpecFixtures.write(dir, "query.yaml", "type: string\ndescription: Words to look for in the item's name.\n");
    int after = schemaBytes(Cli.run(cacheIn(cache), "tools", "--spec", spec, "--json"));

    assertThat(after).isGreaterThan(before + "Words to look for".length());
    assertThat(catalogs(cache)).hasSize(1);
  }

  private static void deleteTree(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  private static int schemaBytes(Cli.Result result) throws IOException {
    assertThat(result.exitCode()).as(result.err()).isZero();
    return new ObjectMapper().readTree(result.out()).at("/tools/0/schemaBytes").asInt();
  }

  /**
   * A spec of which nothing is recorded (here the records are deleted) is read while it is hashed
   * (LoadAhead); a catalog that then comes from the cache still comes without the spec's warnings,
   * however far that reading got.
   */
  @Test
  void aCatalogFromTheCacheComesWithoutTheSpecsWarnings() throws Exception {
    Path cache = dir.resolve("cache");
    String spec = SpecYaml.openapi("3.0.3", "Twice").get("/a", "same", "").get("/b", "same", "").write(dir, "api.yaml");
    StandardError.Captured<Cli.Result> first =
        StandardError.capture(() -> Cli.run(cacheIn(cache), "tools", "--spec", spec));
    assertThat(first.value().exitCode()).as(first.value().err()).isZero();
    assertThat(first.value().err() + first.err()).contains("operationId is repeated");

    for (int run = 0; run < 5; run++) {
      deleteTree(cache.resolve("stamps"));
      StandardError.Captured<Cli.Result> again =
          StandardError.capture(() -> Cli.run(cacheIn(cache), "tools", "--spec", spec));
      assertThat(again.value().exitCode()).isZero();
      assertThat(again.value().err() + again.err()).doesNotContain("operationId is repeated");
    }
    assertThat(catalogs(cache)).hasSize(1);
  }

  @Test
  void aDamagedCachedCatalogIsConvertedAgainWithoutAWord() throws Exception {
    Path cache = dir.resolve("cache");
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Cli.run(cacheIn(cache), "tools", "--spec", spec);
    Path cached = catalogs(cache).get(0);
    Files.writeString(cached, "{\"serverName\": [");

    StandardError.Captured<Cli.Result> run =
        StandardError.capture(() -> Cli.run(cacheIn(cache), "tools", "--spec", spec));

    assertThat(run.value().exitCode()).isZero();
    assertThat(run.value().out()).contains("/items/{id}");
    assertThat(run.value().err() + run.err()).isEmpty();
    // Rewritten whole.
    assertThat(Files.readString(cached)).contains("\"serverName\"", "/items/{id}");
  }

  @Test
  void offTurnsTheCacheOffAndAFolderThatCannotBeWrittenIsNoError() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Path cache = dir.resolve("cache");

    Cli.Result off = Cli.run(Map.of(CacheDirectory.VARIABLE, "off", "HOME", cache.toString()), "tools", "--spec",
        spec);
    assertThat(off.exitCode()).isZero();
    assertThat(cache).doesNotExist();

    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    Cli.Result unwritable = Cli.run(cacheIn(file.resolve("cache")), "tools", "--spec", spec);
    assertThat(unwritable.exitCode()).as(unwritable.err()).isZero();
    assertThat(unwritable.out()).contains("/items/{id}");
    assertThat(unwritable.err()).isEmpty();
  }

  @Test
  void theCacheFolderFollowsThePlatform() {
    assertThat(CacheDirectory.of(Map.of("HOME", "/home/u"), "Linux"))
        .isEqualTo(Path.of("/home/u", ".cache", "openapi-mcp", "catalogs"));
    assertThat(CacheDirectory.of(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/var/cache/u"), "Linux"))
        .isEqualTo(Path.of("/var/cache/u", "openapi-mcp", "catalogs"));
    assertThat(CacheDirectory.of(Map.of("HOME", "/Users/u"), "Mac OS X"))
        .isEqualTo(Path.of("/Users/u", "Library", "Caches", "openapi-mcp", "catalogs"));
    assertThat(CacheDirectory.of(Map.of("LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local"), "Windows 11"))
        .isEqualTo(Path.of("C:\\Users\\u\\AppData\\Local", "openapi-mcp", "catalogs"));
    assertThat(CacheDirectory.of(Map.of(CacheDirectory.VARIABLE, "/tmp/c", "HOME", "/home/u"), "Linux"))
        .isEqualTo(Path.of("/tmp/c"));
    assertThat(CacheDirectory.of(Map.of(CacheDirectory.VARIABLE, "OFF", "HOME", "/home/u"), "Linux")).isNull();
    assertThat(CacheDirectory.of(Map.of(), "Linux")).isNull();
  }
}
