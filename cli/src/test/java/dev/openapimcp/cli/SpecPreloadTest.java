package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.generator.SpecPreload;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The spec main() starts reading before picocli parses the arguments, and what a command then makes of it. */
class SpecPreloadTest {

  /** Another API than {@link Cli#SHOP}: one tool, listPets. */
  private static final String PETS = SpecYaml.openapi("3.0.3", "Pets").get("/pets", "listPets").yaml();

  @TempDir Path dir;

  @Test
  void aServeToolsOrCallThatNamesOneLocalFileIsPreloadedAndNothingElse() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Map<String, String> environment = Map.of(CacheDirectory.VARIABLE, dir.resolve("cache").toString());
    for (String[] arguments : new String[][] {{"serve", "--spec", spec}, {"tools", "--spec=" + spec, "--json"},
        {"call", "--prefix", "x_", "--spec", spec, "x_getItem", "{}"}}) {
      SpecPreload preload = OpenApiMcp.preload(environment, arguments);
      assertThat(preload).as(String.join(" ", arguments)).isNotNull();
      assertThat(preload.location()).isEqualTo(spec);
      preload.cancel();
    }
    for (String[] arguments : new String[][] {{"generate", "--spec", spec, "--out", dir.toString()},
        {"lint", "--spec", spec}, {"serve", "--spec", spec, "--allow-outside-refs"},
        {"serve", "--allow-remote-refs", "--spec", spec}, {"serve", "--", "--spec", spec},
        {"serve", "--spec", "https://shop.example/openapi.yaml"},
        {"serve", "--spec", dir.resolve("missing.yaml").toString()}, {"serve", "--spec"}, {"serve"}, {}}) {
      assertThat(OpenApiMcp.preload(environment, arguments)).as(String.join(" ", arguments)).isNull();
    }
  }

  @Test
  void aSpecWhoseCatalogIsCachedIsNotPreloadedAgain() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Map<String, String> environment = Map.of(CacheDirectory.VARIABLE, dir.resolve("cache").toString());
    assertThat(Cli.run(environment, "tools", "--spec", spec).exitCode()).isZero();
    assertThat(OpenApiMcp.preload(environment, "serve", "--spec", spec)).isNull();
    // Without a cache every start reads the spec.
    assertThat(OpenApiMcp.preload(Map.of(CacheDirectory.VARIABLE, "off"), "serve", "--spec", spec)).isNotNull();
  }

  @Test
  void aCommandWithThePreloadOfItsSpecPrintsWhatItPrintsWithout() throws Exception {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    String broken = SpecFixtures.write(dir, "broken.yaml", "openapi: 3.0.3\ninfo: [not, an, object]\npaths: {}\n");
    for (String cache : new String[] {"off", dir.resolve("cache").toString()}) {
      Map<String, String> environment = Map.of(CacheDirectory.VARIABLE, cache);
      for (String[] arguments : new String[][] {{"tools", "--spec", spec, "--json"}, {"tools", "--spec", broken}}) {
        Cli.Result without = Cli.run(Map.of(CacheDirectory.VARIABLE, "off"), arguments);
        Cli.Result with = preloaded(environment, arguments);
        assertThat(with).as(cache + " " + String.join(" ", arguments)).isEqualTo(without);
      }
    }
  }

  @Test
  void thePreloadOfAnotherSpecIsLeftAndTheCommandReadsItsOwn() throws Exception {
    String shop = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    String pets = SpecFixtures.write(dir, "pets.yaml", PETS);
    Map<String, String> environment = Map.of(CacheDirectory.VARIABLE, "off");
    SpecPreload preload = OpenApiMcp.preload(environment, "tools", "--spec", shop);
    Cli.Result result = run(environment, preload, "tools", "--spec", pets);
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("listPets").doesNotContain("getItem");
  }

  /** The command line as main() runs it: the spec read since before parsing, System.out elsewhere meanwhile. */
  private static Cli.Result preloaded(Map<String, String> environment, String... arguments) {
    SpecPreload preload = OpenApiMcp.preload(environment, arguments);
    assertThat(preload).isNotNull();
    return run(environment, preload, arguments);
  }

  private static Cli.Result run(Map<String, String> environment, SpecPreload preload, String... arguments) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine commandLine = OpenApiMcp.commandLine(environment,
        new PrintStream(stdout, true, StandardCharsets.UTF_8), preload, arguments);
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(arguments);
    commandLine.getOut().flush();
    return new Cli.Result(exitCode, stdout.toString(StandardCharsets.UTF_8), err.toString());
  }
}
