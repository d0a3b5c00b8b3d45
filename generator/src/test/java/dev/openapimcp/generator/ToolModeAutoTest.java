package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.model.ToolMode;
import dev.openapimcp.testing.LargeSpec;
import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auto tool mode, the default of both front ends: discovery mode exactly for APIs too large to list. */
class ToolModeAutoTest {

  /** 450 operations with 2,000-character descriptions: a tools/list of about 1 MB. */
  private static final String LARGE = LargeSpec.openApi("Large", 450, 2_000);
  private static final String SMALL = LargeSpec.openApi("Small", 3, 100);

  @TempDir Path dir;

  private GeneratorConfig.Builder config(String name, String spec) {
    return GeneratorConfig.builder(SpecFixtures.write(dir, name + ".json", spec)).packageName("com.example." + name)
        .outputDirectory(dir.resolve("src"));
  }

  private String server(String name) throws Exception {
    String type = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    return Files.readString(dir.resolve("src/com/example/" + name + "/" + type + "Server.java"));
  }

  @Test
  void autoIsTheDefaultAndListsEveryToolOfAnApiThatFitsAModelsContext() throws Exception {
    assertThat(config("small", SMALL).build().toolMode()).isEqualTo(ToolMode.AUTO);
    GenerationResult result = GenerationTool.generate(config("small", SMALL).build());
    assertThat(result.toolMode()).isEqualTo(ToolMode.ALL);
    assertThat(result.toolsListBytes()).isBetween(300, ToolListSize.DISCOVERY_THRESHOLD_BYTES);
    assertThat(server("small")).doesNotContain("toolMode(");
  }

  @Test
  void autoStartsAnApiTooLargeToListInDiscoveryModeAndAllStillListsEveryTool() throws Exception {
    GenerationResult auto = GenerationTool.generate(config("large", LARGE).build());
    assertThat(auto.toolsListBytes()).isGreaterThan(ToolListSize.DISCOVERY_THRESHOLD_BYTES)
        .isEqualTo(ToolListSize.of(GenerationTool.catalog(config("large", LARGE).build())).listBytes());
    assertThat(auto.toolMode()).isEqualTo(ToolMode.DYNAMIC);
    assertThat(server("large")).contains("settings -> settings.toolMode(ToolMode.DYNAMIC), args");

    GenerationResult all = GenerationTool.generate(config("large", LARGE).toolMode(ToolMode.ALL).build());
    assertThat(all.toolMode()).isEqualTo(ToolMode.ALL);
    assertThat(server("large")).doesNotContain("toolMode(");
  }

  @Test
  void anUpToDateRunReportsTheModeTheLastRunChose() throws Exception {
    Path state = dir.resolve("state/generate.state");
    GenerationResult first = GenerationTool.generateIfChanged(config("large", LARGE).build(), state);
    GenerationResult second = GenerationTool.generateIfChanged(config("large", LARGE).build(), state);
    assertThat(second.upToDate()).isTrue();
    assertThat(second.toolMode()).isEqualTo(ToolMode.DYNAMIC);
    assertThat(second.toolsListBytes()).isEqualTo(first.toolsListBytes());
  }

  @Test
  void theThresholdIsAboveTheLimitNotAtIt() {
    ToolListSize atLimit = new ToolListSize(List.of(), List.of(), ToolListSize.DISCOVERY_THRESHOLD_BYTES);
    ToolListSize over = new ToolListSize(List.of(), List.of(), ToolListSize.DISCOVERY_THRESHOLD_BYTES + 1);
    assertThat(GenerationTool.toolMode(ToolMode.AUTO, atLimit)).isEqualTo(ToolMode.ALL);
    assertThat(GenerationTool.toolMode(ToolMode.AUTO, over)).isEqualTo(ToolMode.DYNAMIC);
    assertThat(GenerationTool.toolMode(ToolMode.ALL, over)).isEqualTo(ToolMode.ALL);
    assertThat(GenerationTool.toolMode(ToolMode.DYNAMIC, atLimit)).isEqualTo(ToolMode.DYNAMIC);
  }

  @Test
  void exposedToolsNeedTheDynamicModeNotAuto() {
    assertThatThrownBy(() -> config("small", SMALL).exposedTools(List.of("getRecord0")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need the dynamic tool mode");
    assertThat(ToolMode.parse("Auto")).isEqualTo(ToolMode.AUTO);
    assertThatThrownBy(() -> ToolMode.parse("some")).hasMessage("must be all, dynamic or auto, not 'some'");
  }
}
