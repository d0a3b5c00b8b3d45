package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.SpecFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cached catalog is not used once the spec or a file it references has other bytes, even when the
 * file keeps its size and modification time (an edit followed by {@code touch -d}, a {@code cp -p}).
 */
class CatalogCacheInvalidationTest {

  @TempDir Path dir;

  private Map<String, String> cacheIn() {
    return Map.of(CacheDirectory.VARIABLE, dir.resolve("cache").toString());
  }

  private static void rewriteKeepingSizeAndTime(Path file, String from, String to) throws IOException {
    assertThat(to).hasSameSizeAs(from);
    FileTime modified = Files.getLastModifiedTime(file);
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
    Files.setLastModifiedTime(file, modified);
  }

  @Test
  void aSpecWithOtherBytesOfTheSameSizeAndTimeIsConvertedAgain() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Cli.Result first = Cli.run(cacheIn(), "tools", "--spec", spec);
    assertThat(first.out()).as(first.err()).contains("/items/{id}");

    rewriteKeepingSizeAndTime(Path.of(spec), "/items/{id}:", "/itemz/{id}:");
    Cli.Result second = Cli.run(cacheIn(), "tools", "--spec", spec);

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("/itemz/{id}").doesNotContain("/items/{id}");
  }

  @Test
  void aReferencedFileWithOtherBytesOfTheSameSizeAndTimeIsConvertedAgain() throws Exception {
    String spec = SpecFixtures.write(dir, "api.yaml", """
        openapi: 3.0.3
        info: {title: Parts, version: '1'}
        paths:
          /items:
            $ref: 'items.yaml'
        """);
    Path items = Path.of(SpecFixtures.write(dir, "items.yaml", """
        get:
          operationId: listItems
          responses: {'200': {description: OK}}
        """));
    Cli.Result first = Cli.run(cacheIn(), "tools", "--spec", spec);
    assertThat(first.out()).as(first.err()).contains("listItems");

    rewriteKeepingSizeAndTime(items, "listItems", "findItems");
    Cli.Result second = Cli.run(cacheIn(), "tools", "--spec", spec);

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("findItems").doesNotContain("listItems");
  }
}
