package dev.openapimcp.runtime.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.runtime.internal.json.ObjectText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The syntax pass over a catalog's schemas, on the calling thread and on every core. */
class CatalogToolsTest {

  @Test
  void onEveryCoreTheSchemasComeBackInCatalogOrderAsOnOneThread() {
    List<ToolDefinition> tools = tools(400, -1);

    List<CatalogTools.Schemas> parallel = CatalogTools.schemas(tools, 0);
    List<CatalogTools.Schemas> sequential = CatalogTools.schemas(tools, Long.MAX_VALUE);

    assertThat(parallel).hasSize(400).isEqualTo(sequential);
    for (int i = 0; i < tools.size(); i++) {
      assertThat(text(parallel.get(i).input())).isEqualTo(tools.get(i).inputSchema());
      assertThat(text(parallel.get(i).output())).isEqualTo(tools.get(i).outputSchema());
    }
    assertThat(parallel.get(7).input()).containsEntry("title", "tool7");
  }

  @Test
  void aSchemaThatIsNotAnObjectStopsTheStartOnEveryCoreToo() {
    List<ToolDefinition> tools = tools(400, 321);

    assertThatThrownBy(() -> CatalogTools.schemas(tools, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The input schema of tool tool321 is not a JSON object");
    assertThatThrownBy(() -> CatalogTools.schemas(tools, Long.MAX_VALUE))
        .hasMessageStartingWith("The input schema of tool tool321 is not a JSON object");
  }

  /** {@code count} tools with an input and an output schema; the input schema of {@code broken} is an array. */
  private static List<ToolDefinition> tools(int count, int broken) {
    List<ToolDefinition> tools = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String input = i == broken ? "[1]" : "{\"type\":\"object\",\"title\":\"tool" + i + "\"}";
      tools.add(ToolDefinition.builder("tool" + i).inputSchema(input)
          .outputSchema("{\"type\":\"object\",\"description\":\"answer " + i + "\"}")
          .http(HttpBinding.of("GET", "/t" + i).build()).build());
    }
    return tools;
  }

  private static String text(Map<String, Object> schema) {
    return ((ObjectText) schema).text();
  }
}
