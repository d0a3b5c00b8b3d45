package dev.openapimcp.generator;

import static dev.openapimcp.testing.SpecFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.openapimcp.testing.SpecYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure says where (document, JSON pointer when known) and why as parts, and as one sentence. */
class GenerationExceptionTest {

  @TempDir Path dir;

  private GenerationException failure(String spec) {
    return catchThrowableOfType(GenerationException.class,
        () -> GenerationTool.catalog(GeneratorConfig.builder(spec).packageName("p").build()));
  }

  @Test
  void aSchemaProblemHasTheFileThePointerAndTheReason() {
    String spec = SpecYaml.openapi("3.0.3", "L")
        .post("/x", "x", SpecYaml.jsonBody("{type: array, items: {$ref: '#/components/schemas/A'}}"))
        .components("schemas: {A: {allOf: [{$ref: '#/components/schemas/A'}]}}")
        .write(dir, "loop.yaml");
    GenerationException e = failure(spec);
    assertThat(e.location()).contains(spec);
    assertThat(e.pointer()).contains("#/components/schemas/A/allOf/0");
    assertThat(e.reason()).startsWith("schema 'A' contains itself (A -> A)");
    assertThat(e.getMessage()).isEqualTo(spec + " #/components/schemas/A/allOf/0: " + e.reason());
  }

  @Test
  void aProblemOfTheWholeDocumentHasNoPointer() {
    String spec = write(dir, "broken.json", "{\"openapi\": ");
    GenerationException e = failure(spec);
    assertThat(e.location()).contains(spec);
    assertThat(e.pointer()).isEmpty();
    assertThat(e.reason()).startsWith("not valid JSON: ");
    assertThat(e.getMessage()).isEqualTo(spec + ": " + e.reason());
  }

  @Test
  void aSentenceAboutTheDocumentKeepsItAsSubject() throws Exception {
    String spec = write(dir, "deep.json", "[".repeat(200) + "]".repeat(200));
    GenerationException e = failure(spec);
    assertThat(e.pointer()).isEmpty();
    assertThat(e.reason()).startsWith("nests objects and arrays deeper than 128 levels");
    assertThat(e.getMessage()).isEqualTo(spec + " " + e.reason());

    Files.createDirectories(dir.resolve("folder.yaml"));
    String referring = SpecYaml.openapi("3.0.3", "R").get("/x", "x", "parameters: [{$ref: 'folder.yaml'}]")
        .write(dir, "refers.yaml");
    GenerationException viaRef = failure(referring);
    assertThat(viaRef.location()).contains(referring);
    assertThat(viaRef.pointer()).contains("#/paths/~1x/get/parameters/0");
    assertThat(viaRef.reason()).isEqualTo("$ref 'folder.yaml' names " + dir.resolve("folder.yaml")
        + ", which is a folder, not a regular file, so it is not read");
  }

  @Test
  void aConfigurationProblemNamesNoDocument() {
    String spec = SpecYaml.openapi("3.0.3", "O").get("/x", "x").write(dir, "ok.yaml");
    GenerationException e = catchThrowableOfType(GenerationException.class,
        () -> GenerationTool.generate(GeneratorConfig.builder(spec).packageName("p").outputDirectory(dir.resolve("out"))
            .toolMode(dev.openapimcp.model.ToolMode.DYNAMIC).exposedTools(java.util.List.of("y")).build()));
    assertThat(e.location()).isEmpty();
    assertThat(e.pointer()).isEmpty();
    assertThat(e.getMessage()).isEqualTo(e.reason()).startsWith("The exposed tools y are not tools of ");
  }

  @Test
  void locatingAProblemOnlyAddsTheDocument() {
    GenerationException inSchema = GenerationException.at(null, "#/a", "wrong");
    assertThat(inSchema.getMessage()).isEqualTo("#/a: wrong");
    GenerationException located = inSchema.locatedIn("api.yaml");
    assertThat(located.getMessage()).isEqualTo("api.yaml #/a: wrong");
    assertThat(located.locatedIn("other.yaml")).isSameAs(located);
    assertThat(GenerationException.of("Cannot write x: full", null).locatedIn("api.yaml").getMessage())
        .isEqualTo("Cannot write x: full");
  }
}
