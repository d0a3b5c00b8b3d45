package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.testing.LargeSpec;
import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size of tools/list, added up entry by entry rather than serialised whole (ToolsCommandTest
 * compares it with a running server's answer, byte for byte).
 */
class ToolListSizeTest {

  @TempDir Path dir;

  @Test
  void anEmptyListIsTheFrameAlone() {
    ToolCatalog empty = new ToolCatalog("x", "1", "https://x.example", "X_TOKEN", List.of(), List.of());
    assertThat(ToolListSize.of(empty).listBytes()).isEqualTo("{\"tools\":[]}".length());
  }

  @Test
  void theListIsItsEntriesCommaSeparatedInTheFrame() throws Exception {
    ToolCatalog catalog = GenerationTool.catalog(GeneratorConfig.builder(
        SpecFixtures.write(dir, "three.json", LargeSpec.openApi("Three", 3, 50))).build());
    ToolListSize size = ToolListSize.of(catalog);
    assertThat(size.entryBytes()).hasSize(3);
    int entries = size.entryBytes().stream().mapToInt(Integer::intValue).sum();
    assertThat(size.listBytes()).isEqualTo("{\"tools\":[]}".length() + entries + 2);
    assertThat(size.needsDiscovery()).isFalse();
  }

  /** Measuring only until the list is too large decides as the whole measurement does, to the byte. */
  @Test
  void stoppingAtTheThresholdDecidesAsTheWholeMeasurementDoes() {
    ToolCatalog probe = twoTools(0);
    int padding = ToolListSize.DISCOVERY_THRESHOLD_BYTES - ToolListSize.of(probe).listBytes();
    ToolCatalog atThreshold = twoTools(padding);
    ToolCatalog oneByteMore = twoTools(padding + 1);

    assertThat(ToolListSize.of(atThreshold).listBytes()).isEqualTo(ToolListSize.DISCOVERY_THRESHOLD_BYTES);
    assertThat(ToolListSize.of(atThreshold).needsDiscovery()).isFalse();
    assertThat(ToolListSize.needsDiscovery(atThreshold)).isFalse();
    assertThat(ToolListSize.of(oneByteMore).needsDiscovery()).isTrue();
    assertThat(ToolListSize.needsDiscovery(oneByteMore)).isTrue();
    assertThat(ToolListSize.needsDiscovery(probe)).isFalse();
  }

  /** Two tools whose second has a description of {@code padding} letters. */
  private static ToolCatalog twoTools(int padding) {
    List<ToolDefinition> tools = List.of(
        ToolDefinition.builder("first").description("one").http(HttpBinding.of("GET", "/a").build()).build(),
        ToolDefinition.builder("second").description("x".repeat(padding))
            .inputSchema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"minimum\":1.5}}}")
            .http(HttpBinding.of("GET", "/b").build()).build());
    return new ToolCatalog("x", "1", "https://x.example", "X_TOKEN", tools, List.of());
  }
}
