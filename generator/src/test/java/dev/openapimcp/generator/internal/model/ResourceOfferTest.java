package dev.openapimcp.generator.internal.model;

import static dev.openapimcp.testing.SpecFixtures.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.internal.cache.Fingerprint;
import dev.openapimcp.model.ResourceBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.testing.DirectoryApi;
import dev.openapimcp.testing.GeneratedSources;
import dev.openapimcp.testing.SpecFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation option {@code resources}: which GET operations become resources or templates, their
 * URIs, and the sources that carry them.
 */
class ResourceOfferTest {

  @TempDir Path dir;

  private GeneratorConfig.Builder config() {
    return GeneratorConfig.builder(SpecFixtures.write(dir, "directory.yaml", DirectoryApi.SPEC));
  }

  @Test
  void offersGetsWithoutRequiredArgumentsAndGetsOfPathParametersOnly() throws Exception {
    ToolCatalog catalog = GenerationTool.catalog(config().resources(true).build());

    assertThat(tool(catalog, "getMe").resource()).isEqualTo(new ResourceBinding(DirectoryApi.ME, "application/json"));
    assertThat(tool(catalog, "getMe").resource().isTemplate()).isFalse();
    ResourceBinding user = tool(catalog, "getUser").resource();
    assertThat(user).isEqualTo(new ResourceBinding(DirectoryApi.USER, "application/json"));
    assertThat(user.isTemplate()).isTrue();
    assertThat(user.variables()).containsExactly("user_id");
    // A required query parameter, a name with a hyphen, and a DELETE: tools only.
    assertThat(tool(catalog, "listUsers").resource()).isNull();
    assertThat(tool(catalog, "getTeam").resource()).isNull();
    assertThat(tool(catalog, "deleteUser").resource()).isNull();
    // The runtime's tests serve the catalog DirectoryApi writes by hand: it must say what the generator makes.
    for (ToolDefinition written : DirectoryApi.catalog().tools()) {
      assertThat(tool(catalog, written.name()).resource()).as(written.name()).isEqualTo(written.resource());
    }
  }

  @Test
  void offByDefault() throws Exception {
    ToolCatalog catalog = GenerationTool.catalog(config().build());

    assertThat(catalog.tools()).extracting(ToolDefinition::resource).containsOnlyNulls();
  }

  @Test
  void theGeneratedSourcesCarryTheResourcesAndCompileWithoutWarnings() throws Exception {
    GenerationResult result = GenerationTool.generate(config().resources(true).packageName("test.directory")
        .outputDirectory(dir.resolve("src")).build());

    String sources = String.join("\n", result.files().stream().map(ResourceOfferTest::read).toList());
    assertThat(sources).contains(".resource(\"" + DirectoryApi.USER + "\", \"application/json\")")
        .contains(".resource(\"" + DirectoryApi.ME + "\", \"application/json\")");
    assertThat(GeneratedSources.compile(dir.resolve("src"), Files.createDirectories(dir.resolve("classes"))))
        .isEmpty();
  }

  @Test
  void theOptionIsPartOfTheFingerprint() {
    GeneratorConfig off = config().build();
    Path spec = Path.of(off.spec());

    assertThat(Fingerprint.of(off.toBuilder().resources(true).build(), spec)).isNotEqualTo(Fingerprint.of(off, spec));
    assertThat(off.toBuilder().resources(true).build().toBuilder().build().resources()).isTrue();
  }

  @Test
  void theSchemeIsTheApisNameAndTheRestTheUrlsHostAndPath() {
    assertThat(ResourceOffer.scheme("PetStore")).isEqualTo("petstore");
    assertThat(ResourceOffer.scheme("Api2")).isEqualTo("api2");
    assertThat(ResourceOffer.scheme("9Lives")).isEqualTo("openapi");
    assertThat(ResourceOffer.hostAndPath("https://api.notion.com")).isEqualTo("api.notion.com");
    assertThat(ResourceOffer.hostAndPath("https://user@h.example:8443/api/v3/?x=1")).isEqualTo("h.example:8443/api/v3");
    assertThat(ResourceOffer.hostAndPath("/api/v3")).isEqualTo("/api/v3");
    assertThat(ResourceOffer.hostAndPath("")).isEmpty();
  }

  @Test
  void aPathNoUriCanCarryIsNoResource() throws Exception {
    String spec = """
        openapi: 3.0.3
        info: {title: Odd, version: '1'}
        servers: [{url: 'https://odd.example'}]
        paths:
          /a b:
            get: {operationId: spaced, responses: {'200': {description: OK}}}
          /files/{name}.json:
            get:
              operationId: file
              parameters: [{name: name, in: path, required: true, schema: {type: string}}]
              responses: {'200': {description: OK}}
        """;
    ToolCatalog catalog = GenerationTool.catalog(GeneratorConfig.builder(SpecFixtures.write(dir, "odd.yaml", spec))
        .resources(true).build());

    assertThat(tool(catalog, "spaced").resource()).isNull();
    assertThat(tool(catalog, "file").resource()).isEqualTo(new ResourceBinding("odd://odd.example/files/{name}.json",
        null));
    assertThat(catalog.tools()).hasSize(2);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
