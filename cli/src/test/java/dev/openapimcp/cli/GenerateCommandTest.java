package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.GeneratedSources;
import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  @TempDir Path dir;

  @Test
  void writesSourcesThatCompile() {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Path sources = dir.resolve("src");
    Cli.Result result = Cli.run("generate", "--spec", spec, "--package", "com.example.shop", "--out",
        sources.toString(), "--prefix", "shop_");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Generated 2 tools into " + sources, "main class com.example.shop.ShopServer");
    assertThat(sources.resolve("com/example/shop/ShopServer.java")).isRegularFile();
    assertThat(GeneratedSources.compile(sources, dir.resolve("classes"))).isEmpty();
  }

  @Test
  void namingAndFilterOptionsReachTheGenerator() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Path sources = dir.resolve("src");
    assertThat(Cli.run("generate", "--spec", spec, "--package", "p", "--out", sources.toString(), "--api-name",
        "Store", "--server-name", "store-server", "--prefix", "x_", "--exclude", "method:POST").exitCode()).isZero();
    String all = String.join("\n", Files.readAllLines(sources.resolve("p/StoreServer.java")));
    try (var files = Files.list(sources.resolve("p"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        all += Files.readString(file);
      }
    }
    assertThat(all).contains("store-server", "\"x_getItem\"").doesNotContain("create_item");
  }

  @Test
  void aBadPackageIsInvalidInputAndWritesNothing() {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Cli.Result result = Cli.run("generate", "--spec", spec, "--package", "com.1bad", "--out",
        dir.resolve("src").toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--package must be a Java package name");
    assertThat(dir.resolve("src")).doesNotExist();
  }

  @Test
  void anUnwritableOutputIsAFailure() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Cli.Result result = Cli.run("generate", "--spec", spec, "--package", "p", "--out", file.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("Cannot write generated sources");
  }
}
