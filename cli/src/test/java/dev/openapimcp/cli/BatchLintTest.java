package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.testing.LargeSpec;
import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11.7: {@code lint PATH...} lints many specs in one process, for CI. */
class BatchLintTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DEPRECATED = """
      {"openapi": "3.0.3", "info": {"title": "Old", "version": "1"},
       "paths": {"/a": {"get": {"operationId": "a", "deprecated": true, "responses": {"200": {"description": "OK"}}}}}}
      """;

  private static final String WARNED = """
      swagger: '2.0'
      info: {title: Warned, version: '1'}
      paths:
        /b:
          get:
            responses: {'200': {description: OK}}
      """;

  @TempDir Path dir;
  Path specs;

  @BeforeEach
  void folder() throws Exception {
    specs = Files.createDirectories(dir.resolve("specs"));
    Files.createDirectories(specs.resolve("nested/deeper"));
    SpecFixtures.write(specs, "clean.yaml", LintCommandTest.CLEAN);
    SpecFixtures.write(specs, "nested/deeper/old.json", DEPRECATED);
    SpecFixtures.write(specs, "nested/warned.yml", WARNED);
    SpecFixtures.write(specs, "broken.yaml", "openapi: 3.0.3\ninfo: {title: [\n");
    // Not specs of their own: skipped.
    SpecFixtures.write(specs, "package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}");
    SpecFixtures.write(specs, "nested/pet.yaml", "type: object\nproperties: {name: {type: string}}\n");
    SpecFixtures.write(specs, "README.md", "openapi: 3.0.3\n");
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void oneJsonLinePerSpecAndExitCodeThreeWhenAnyHasErrors() throws Exception {
    Path missing = dir.resolve("missing.yaml");
    Cli.Result result = Cli.run("lint", "--json", specs.toString(), missing.toString());
    assertThat(result.exitCode()).isEqualTo(3);
    List<JsonNode> lines = lines(result.out());
    assertThat(lines).extracting(line -> line.path("spec").asText()).containsExactly(
        specs.resolve("broken.yaml").toString(), specs.resolve("clean.yaml").toString(),
        specs.resolve("nested/deeper/old.json").toString(), specs.resolve("nested/warned.yml").toString(),
        missing.toString());
    assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable()
        .containsExactly("spec", "tools", "toolsListBytes", "errors", "warnings"));

    JsonNode broken = lines.get(0);
    assertThat(broken.path("tools").asInt()).isZero();
    assertThat(broken.path("toolsListBytes").isNull()).isTrue();
    assertThat(broken.at("/errors/0/subject").asText()).isEqualTo("(spec)");
    assertThat(broken.at("/errors/0/message").asText()).contains("broken.yaml: not valid YAML");

    JsonNode clean = lines.get(1);
    assertThat(clean.path("tools").asInt()).isEqualTo(2);
    assertThat(clean.path("toolsListBytes").asInt()).isPositive();
    assertThat(clean.path("errors")).isEmpty();
    assertThat(clean.path("warnings")).isEmpty();

    JsonNode old = lines.get(2);
    assertThat(old.path("tools").asInt()).isZero();
    assertThat(old.at("/errors/0/message").asText()).startsWith("no operation becomes a tool");

    JsonNode warned = lines.get(3);
    assertThat(warned.path("errors")).isEmpty();
    assertThat(warned.at("/warnings/0/subject").asText()).isEqualTo("get_b");
    assertThat(warned.at("/warnings/0/message").asText()).startsWith("no operationId");

    assertThat(lines.get(4).at("/errors/0/message").asText()).endsWith("missing.yaml: no such file");

    assertThat(result.err()).matches("Linted 5 specs in \\d+\\.\\d s: 3 with errors \\(2 could not be linted\\), 1 with"
        + " warnings only, 1 clean; 3 tools; 0 too large for a model's context \\(over ~200000 tokens\\); 2 files"
        + " skipped \\(not OpenAPI documents\\)\\.\\R");
  }

  @Test
  void specsWithoutErrorsPassAndLinesAreTextWithoutJson() {
    Path clean = SpecFixtures.write(dir, "one.yaml", LintCommandTest.CLEAN).transform(Path::of);
    Cli.Result result = Cli.run("lint", clean.toString(), specs.resolve("nested/warned.yml").toString());
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith(clean + ": 2 tools: 0 errors, 0 warnings; tools/list is ")
        .contains(specs.resolve("nested/warned.yml") + ": warning get_b: no operationId")
        .contains("Linted 2 specs in ");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void theNamingAndFilterOptionsApplyToEverySpec() throws Exception {
    Cli.Result result = Cli.run("lint", "--json", "--include", "nothing*", specs.resolve("clean.yaml").toString());
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(lines(result.out()).get(0).at("/errors/0/message").asText()).startsWith("no operation becomes a tool");

    Cli.Result badPattern = Cli.run("lint", "--json", "--include", "colour:red", specs.toString());
    assertThat(badPattern.exitCode()).isEqualTo(2);
    assertThat(badPattern.out()).isEmpty();
    assertThat(badPattern.err().lines()).hasSize(1);
  }

  @Test
  void aSpecTooLargeForAModelsContextIsWarnedAbout() throws Exception {
    Path large = SpecFixtures.write(dir, "large.json", LargeSpec.openApi("Large", 450, 2_000)).transform(Path::of);
    Cli.Result result = Cli.run("lint", "--json", large.toString());
    assertThat(result.exitCode()).isZero();
    JsonNode line = lines(result.out()).get(0);
    assertThat(line.path("toolsListBytes").asInt()).isGreaterThan(800_000);
    assertThat(line.path("warnings").findValuesAsText("message")).anySatisfy(message -> assertThat(message)
        .startsWith("more than ~200000 tokens, a model's whole context window, so a generated server starts in"
            + " discovery mode"));
    assertThat(result.err()).contains("1 too large for a model's context");
  }

  @Test
  void specAndPathsAreAlternatives() {
    Cli.Result both = Cli.run("lint", "--spec", specs.resolve("clean.yaml").toString(), specs.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).isEqualTo("Give --spec or PATHs, not both: --spec lints one spec, PATHs many."
        + System.lineSeparator());
  }
}
