package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.testing.DirectoryApi;
import dev.openapimcp.testing.GeneratedSources;
import dev.openapimcp.testing.LargeSpec;
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
  void resourcesReachesTheGenerator() throws Exception {
    String spec = SpecFixtures.write(dir, "directory.yaml", DirectoryApi.SPEC);
    for (boolean resources : new boolean[] {false, true}) {
      Path sources = dir.resolve("src-" + resources);
      Cli.Result result = resources
          ? Cli.run("generate", "--spec", spec, "--package", "p", "--out", sources.toString(), "--resources")
          : Cli.run("generate", "--spec", spec, "--package", "p", "--out", sources.toString());
      assertThat(result.exitCode()).as(result.err()).isZero();
      String tools = Files.readString(sources.resolve("p/DirectoryOtherTools.java"));
      if (resources) {
        assertThat(tools).contains(".resource(\"" + DirectoryApi.USER + "\", \"application/json\")");
      } else {
        assertThat(tools).doesNotContain(".resource(");
      }
    }
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

  /**
   * Issue 11.6: an API whose tools/list would not fit a model's context (Microsoft Graph: 92 MB)
   * gets a server in discovery mode unless --tools all says otherwise, and generate says so.
   */
  @Test
  void anApiTooLargeToListIsGeneratedForDiscoveryModeUnlessToldAll() throws Exception {
    String spec = SpecFixtures.write(dir, "large.json", LargeSpec.openApi("Large", 450, 2_000));
    Path sources = dir.resolve("src");
    Path server = sources.resolve("p/LargeServer.java");

    Cli.Result auto = Cli.run("generate", "--spec", spec, "--package", "p", "--out", sources.toString());
    assertThat(auto.exitCode()).isZero();
    assertThat(auto.out()).containsPattern("The server starts in discovery mode \\(search_operations,"
        + " describe_operation, invoke_operation\\): listing every tool would take \\d+ bytes \\(~\\d+ tokens\\),"
        + " more than a model's context window\\. Generate with --tools all to list every tool\\.");
    assertThat(Files.readString(server)).contains("settings.toolMode(ToolMode.DYNAMIC)");

    Cli.Result all = Cli.run("generate", "--spec", spec, "--package", "p", "--out", sources.toString(), "--tools",
        "all");
    assertThat(all.exitCode()).isZero();
    assertThat(all.out()).contains("The server lists every tool, but listing every tool would take",
        "generate without --tools (or with --tools dynamic)");
    assertThat(Files.readString(server)).doesNotContain("toolMode(");
  }

  @Test
  void anApiThatFitsIsGeneratedListingEveryToolWithoutANote() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Path sources = dir.resolve("src");
    Cli.Result result = Cli.run("generate", "--spec", spec, "--package", "p", "--out", sources.toString());
    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).hasSize(1);
    assertThat(Files.readString(sources.resolve("p/ShopServer.java"))).doesNotContain("toolMode(");
    assertThat(ToolListSize.DISCOVERY_THRESHOLD_BYTES).isEqualTo(800_000);
  }

  @Test
  void toolModeValuesAreChecked() {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Cli.Result bad = Cli.run("generate", "--spec", spec, "--package", "p", "--out", dir.toString(), "--tools",
        "some");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("--tools must be all, dynamic or auto, not 'some'." + System.lineSeparator());
    Cli.Result expose = Cli.run("generate", "--spec", spec, "--package", "p", "--out", dir.toString(), "--expose",
        "getItem");
    assertThat(expose.exitCode()).isEqualTo(2);
    assertThat(expose.err()).startsWith("--expose needs --tools dynamic");
  }
}
