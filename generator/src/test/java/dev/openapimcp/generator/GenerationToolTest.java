package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationToolTest {

  @TempDir Path dir;

  private static final String SPEC = """
      openapi: 3.0.3
      info: {title: Shop, version: '1'}
      paths:
        /orders:
          post:
            operationId: createOrder
            requestBody:
              content: {application/json: {schema: {$ref: 'schemas/order.yaml'}}}
            responses: {'200': {description: OK}}
      """;

  private GeneratorConfig config() {
    return GeneratorConfig.builder(dir.resolve("shop.yaml").toString()).packageName("com.example.shop")
        .outputDirectory(dir.resolve("out")).build();
  }

  private Path state() {
    return dir.resolve("state/generate.state");
  }

  @Test
  void secondRunIsUpToDateAndTouchesNothing() throws Exception {
    writeSpec(SPEC, "type: object\nproperties:\n  item: {type: string}\n");
    GenerationResult first = GenerationTool.generateIfChanged(config(), state());
    assertThat(first.upToDate()).isFalse();
    assertThat(state()).exists();
    FileTime old = FileTime.fromMillis(1_000_000L);
    for (Path file : first.files()) {
      Files.setLastModifiedTime(file, old);
    }

    GenerationResult second = GenerationTool.generateIfChanged(config(), state());

    assertThat(second.upToDate()).isTrue();
    assertThat(second.files()).isEqualTo(first.files());
    assertThat(second.toolCount()).isEqualTo(1);
    for (Path file : first.files()) {
      assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }
  }

  @Test
  void aChangedReferencedFileRegenerates() throws Exception {
    writeSpec(SPEC, "type: object\nproperties:\n  item: {type: string}\n");
    GenerationTool.generateIfChanged(config(), state());

    Files.writeString(dir.resolve("schemas/order.yaml"), "type: object\nproperties:\n  quantity: {type: integer}\n");
    GenerationResult again = GenerationTool.generateIfChanged(config(), state());

    assertThat(again.upToDate()).isFalse();
    assertThat(GenerationTool.catalog(config()).tools().get(0).inputSchema()).contains("quantity");
    assertThat(Files.readString(again.files().stream()
        .filter(f -> f.getFileName().toString().equals("ShopOtherTools.java")).findFirst().orElseThrow()))
        .contains("quantity");
  }

  @Test
  void aDeletedOutputFileRegenerates() throws Exception {
    writeSpec(SPEC, "type: object\nproperties:\n  item: {type: string}\n");
    GenerationResult first = GenerationTool.generateIfChanged(config(), state());
    Files.delete(first.files().get(0));

    assertThat(GenerationTool.generateIfChanged(config(), state()).upToDate()).isFalse();
    assertThat(first.files().get(0)).exists();
  }

  @Test
  void aChangedConfigurationRegenerates() throws Exception {
    writeSpec(SPEC, "type: object\nproperties:\n  item: {type: string}\n");
    GenerationTool.generateIfChanged(config(), state());
    GeneratorConfig prefixed = GeneratorConfig.builder(config().spec()).packageName(config().packageName())
        .outputDirectory(config().outputDirectory()).toolPrefix("shop_").build();
    assertThat(GenerationTool.generateIfChanged(prefixed, state()).upToDate()).isFalse();
  }

  @Test
  void aSchemaThatIsNotJsonSchema2020FailsGenerationNamingTheOperationAndWritesNothing() throws Exception {
    writeSpec(SPEC, "type: object\nproperties:\n  item: {type: string, minLength: -1}\n");

    assertThatThrownBy(() -> GenerationTool.generateIfChanged(config(), state()))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith(dir.resolve("shop.yaml") + " #/paths/~1orders/post: the input schema is not valid"
            + " JSON Schema 2020-12: ")
        .hasMessageContaining("minLength")
        .hasMessageEndingWith("(tool createOrder)");
    // The same check guards serving a spec without a build.
    assertThatThrownBy(() -> GenerationTool.catalog(config())).isInstanceOf(GenerationException.class);
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(state()).doesNotExist();
  }

  @Test
  void aToolWhoseSchemaIsNotJsonSchema2020IsLeftOutWithAnErrorNotTheSpec() throws Exception {
    // Definitions are checked once for all tools; each bad tool is named, in order.
    StringBuilder spec = new StringBuilder("openapi: 3.0.3\ninfo: {title: Many, version: '1'}\npaths:\n");
    for (int i = 0; i < 400; i++) {
      String limit = i == 250 || i == 390 ? "-1" : "1";
      spec.append("  /items").append(i).append(":\n    get:\n      operationId: list").append(i)
          .append("\n      parameters:\n        - {name: q, in: query, schema: {type: string, minLength: ")
          .append(limit).append("}}\n      responses: {'200': {description: OK}}\n");
    }
    Path file = Files.writeString(dir.resolve("many.yaml"), spec);
    GeneratorConfig config = GeneratorConfig.builder(file.toString()).build();

    assertThat(GenerationTool.catalog(config).tools()).hasSize(398)
        .noneMatch(tool -> tool.name().equals("list250") || tool.name().equals("list390"));
    assertThat(GenerationTool.lint(config, Integer.MAX_VALUE).findings())
        .filteredOn(finding -> finding.severity() == Finding.Severity.ERROR)
        .extracting(Finding::subject, Finding::message)
        .containsExactly(
            Tuple.tuple("list250", "#/paths/~1items250/get: the input schema is not valid JSON"
                + " Schema 2020-12: [/properties/q/minLength: must have a minimum value of 0]; the operation is left out"),
            Tuple.tuple("list390", "#/paths/~1items390/get: the input schema is not valid JSON"
                + " Schema 2020-12: [/properties/q/minLength: must have a minimum value of 0]; the operation is left out"));

    // When no tool is left, the spec fails with the first one's problem.
    Files.writeString(file, spec.toString().replace("minLength: 1}", "minLength: -1}"));
    assertThatThrownBy(() -> GenerationTool.catalog(config))
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith(file + " #/paths/~1items0/get: the input schema is not valid JSON Schema 2020-12")
        .hasMessageEndingWith("(tool list0)");
  }

  private void writeSpec(String spec, String order) throws Exception {
    Files.writeString(dir.resolve("shop.yaml"), spec);
    Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(dir.resolve("schemas/order.yaml"), order);
  }
}
