package dev.openapimcp.generator.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.generator.ServedApi;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ParameterStyle;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ResourceBinding;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the cache writes it reads back whole, every component of every record; anything else is a miss. */
class CatalogCacheFormatTest {

  private static final String KEY = "a".repeat(64);

  @TempDir Path dir;

  /** A catalog with every component of every record set, and every enum value used. */
  static ServedApi everything() {
    List<Argument> arguments = new java.util.ArrayList<>();
    ArgumentLocation[] locations = ArgumentLocation.values();
    ParameterStyle[] styles = ParameterStyle.values();
    for (int i = 0; i < Math.max(locations.length, styles.length); i++) {
      arguments.add(new Argument("p" + i, "wire-" + i, locations[i % locations.length], styles[i % styles.length],
          i % 2 == 0));
    }
    ToolDefinition full = new ToolDefinition("getItem", "Get an item", "Reads one item.\n\"Quoted\" \u00e9\u2028",
        "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}", "{\"type\":\"object\"}",
        new ToolHints(true, false, true, false), new HttpBinding("GET", "/items/{id}", arguments,
            "application/json", Map.of("Accept", "application/json", "X-Version", "2"),
            List.of(List.of("bearer"), List.of("key", "basic"))),
        new ResourceBinding("shop://shop.example/v1/items/{id}", "application/json"));
    ToolDefinition listed = new ToolDefinition("listItems", null, "Lists items.", "{\"type\":\"object\"}", null,
        ToolHints.NONE, new HttpBinding("GET", "/items", List.of(), null, Map.of(), List.of()),
        new ResourceBinding("shop://shop.example/v1/items", null));
    ToolDefinition bare = new ToolDefinition("deleteItem", null, "", "{\"type\":\"object\"}", null, ToolHints.NONE,
        new HttpBinding("DELETE", "/items/{id}", List.of(), null, Map.of(), List.of()));
    List<Credential> credentials = List.of(
        new Credential("bearer", Credential.Kind.BEARER, null, "SHOP_TOKEN", null),
        new Credential("basic", Credential.Kind.BASIC, null, "SHOP_USER", "SHOP_PASSWORD"),
        new Credential("key", Credential.Kind.API_KEY_HEADER, "X-Key", "SHOP_KEY", null),
        new Credential("query", Credential.Kind.API_KEY_QUERY, "key", "SHOP_QUERY_KEY", null),
        new Credential("cookie", Credential.Kind.API_KEY_COOKIE, "session", "SHOP_SESSION", null));
    return new ServedApi(new ToolCatalog("shop-mcp-server", "1.2.3", "https://shop.example/v1", "SHOP_TOKEN",
        List.of(full, listed, bare), credentials), 2.5, "Start with the tools that only read.", "Is the item shared?");
  }

  @Test
  void everyComponentComesBackAsItWasWritten() {
    CatalogCache cache = new CatalogCache(dir);
    cache.write(KEY, Map.of(), everything());

    assertThat(cache.read(KEY)).contains(everything());
  }

  @Test
  void aFieldTheReaderDoesNotKnowOrAMissingOneIsAMiss() throws Exception {
    CatalogCache cache = new CatalogCache(dir);
    cache.write(KEY, Map.of(), everything());
    Path file = cache.file(KEY);
    String written = Files.readString(file);

    Files.writeString(file, written.replace("\"openWorldHint\":false", "\"openWorldHint\":false,\"later\":1"));
    assertThat(cache.read(KEY)).isEmpty();

    Files.writeString(file, written.replace("\"mediaType\":\"application/json\",", ""));
    assertThat(cache.read(KEY)).isEmpty();

    Files.writeString(file, written.replace("\"explode\":true", "\"explode\":\"yes\""));
    assertThat(cache.read(KEY)).isEmpty();

    Files.writeString(file, written);
    assertThat(cache.read(KEY)).contains(everything());
  }
}
