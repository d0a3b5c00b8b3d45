package dev.openapimcp.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.ToolCatalog;
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
}
