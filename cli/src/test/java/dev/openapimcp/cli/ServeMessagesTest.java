package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code serve} says about the server's flags (issue 12.4): the generated server's name
 * ({@code See 'shop-mcp-server --help'}) is no command a user of {@code serve} can run.
 */
class ServeMessagesTest {

  private static final String NL = System.lineSeparator();

  @TempDir Path dir;

  @Test
  void aMistypedServerFlagPointsAtServerHelp() {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    Cli.Result result = Cli.run("serve", "--spec", spec, "--prot", "3000");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("Unknown option '--prot'. See 'openapi-mcp serve --server-help'." + NL);
    assertThat(result.out()).isEmpty();

    Cli.Result value = Cli.run("serve", "--spec", spec, "--port", "many");
    assertThat(value.exitCode()).isEqualTo(2);
    assertThat(value.err()).isEqualTo("--port must be a whole number, not 'many'. See 'openapi-mcp serve"
        + " --server-help'." + NL);

    Cli.Result transport = Cli.run("serve", "--spec", spec, "--transport", "smoke");
    assertThat(transport.exitCode()).isEqualTo(2);
    assertThat(transport.err()).isEqualTo("--transport must be stdio or http, not 'smoke'. See 'openapi-mcp serve"
        + " --server-help'." + NL);
  }

  @Test
  void serverHelpNamesThisCommand() {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    for (String[] args : new String[][] {{"--server-help"}, {"--", "--help"}}) {
      Cli.Result result = Cli.run(concat(new String[] {"serve", "--spec", spec}, args));
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).startsWith("Usage: openapi-mcp serve --spec=FILE|URL [options]" + NL)
          .contains("--rate-limit", "SHOP_KEY").doesNotContain("shop-mcp-server [options]");
    }
  }

  @Test
  void versionWithASpecPrintsOursAndTheApis() {
    String spec = SpecFixtures.write(dir, "shop.yaml", Cli.SHOP);
    String api = "API " + spec + ": version 1, served as shop-mcp-server" + NL;
    for (String[] args : new String[][] {{"serve", "--spec", spec, "--version"}, {"serve", "--spec", spec, "--",
        "--version"}, {"tools", "--spec", spec, "-V"}, {"lint", "--version", "--spec", spec}}) {
      Cli.Result result = Cli.run(args);
      assertThat(result.exitCode()).isZero();
      assertThat(result.out()).matches("openapi-mcp \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R" + java.util.regex.Pattern.quote(api));
    }
    Cli.Result missing = Cli.run("serve", "--spec", dir.resolve("none.yaml").toString(), "--version");
    assertThat(missing.exitCode()).isZero();
    assertThat(missing.out()).endsWith("none.yaml: no such file" + NL);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
