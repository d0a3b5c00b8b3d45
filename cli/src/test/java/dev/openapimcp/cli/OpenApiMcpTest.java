package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every command shares: help, version, and errors as one sentence with the documented exit code. */
class OpenApiMcpTest {

  @TempDir Path dir;

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    Cli.Result result = Cli.run("--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("generate", "serve", "tools", "call", "lint", "Exit codes:",
        "3   lint found errors");
  }

  @ParameterizedTest
  @ValueSource(strings = {"generate", "serve", "tools", "call", "lint"})
  void everyCommandHasHelpWithExamplesAndExitCodesAndAVersion(String command) {
    Cli.Result help = Cli.run(command, "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: openapi-mcp " + command, "--spec=FILE|URL", "Example",
        "openapi-mcp " + command + " --spec", "Exit codes:", "2   invalid input");
    Cli.Result version = Cli.run(command, "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).matches("openapi-mcp \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void usageErrorsAreOneSentenceAndExitCodeTwo() {
    Cli.Result missing = Cli.run("lint");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo(
        "Missing required option: '--spec=FILE|URL'. See 'openapi-mcp lint --help'." + System.lineSeparator());

    Cli.Result unknown = Cli.run("tools", "--spec", "x.yaml", "--frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err().lines()).hasSize(1).first().asString().contains("--frobnicate");

    Cli.Result noCommand = Cli.run();
    assertThat(noCommand.exitCode()).isEqualTo(2);
    assertThat(noCommand.err()).contains("Missing a command: generate, serve, tools, call, lint.");
  }

  @Test
  void anUnreadableSpecIsOneSentenceAndExitCodeTwo() {
    Cli.Result missing = Cli.run("tools", "--spec", dir.resolve("missing.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().lines()).hasSize(1).first().asString().endsWith("missing.yaml: no such file");

    String broken = SpecFixtures.write(dir, "broken.yaml", "openapi: 3.0.3\ninfo: {title: [\n");
    Cli.Result syntax = Cli.run("lint", "--spec", broken);
    assertThat(syntax.exitCode()).isEqualTo(2);
    assertThat(syntax.err()).contains("broken.yaml: not valid YAML").doesNotContain("Exception", "\tat ");
    assertThat(syntax.out()).isEmpty();
  }

  @Test
  void aBadFilterPatternIsInvalidInput() {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Cli.Result result = Cli.run("tools", "--spec", spec, "--include", "colour:red");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
  }

  /** Issue 12.4: a value for a server variable the spec does not have was silently ignored. */
  @Test
  void serverVariablesAreUsedOrRefusedNeverIgnored() {
    String spec = SpecYaml.openapi("3.0.3", "Regions").root("""
        servers:
          - {url: 'https://api.example.com'}
          - {url: 'https://{region}.example.com', variables: {region: {default: eu}}}
        """).get("/items", "listItems").write(dir, "regions.yaml");
    Cli.Result unknown = Cli.run("tools", "--spec", spec, "--server-variable", "regin=us");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo(spec + " #/servers: no server URL has a variable named 'regin'; the"
        + " variables are 'region'" + System.lineSeparator());

    Cli.Result known = Cli.run("tools", "--spec", spec, "--server-variable", "region=us", "--json");
    assertThat(known.exitCode()).isZero();
    assertThat(known.out()).contains("\"baseUrl\" : \"https://us.example.com\"");
  }
}
