package dev.openapimcp.generator.internal.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.palantir.javapoet.JavaFile;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.internal.model.ConvertedApi;
import dev.openapimcp.generator.internal.model.ToolConverter;
import dev.openapimcp.generator.internal.spec.SpecLoader;
import dev.openapimcp.model.SharedDefinitions;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolMode;
import dev.openapimcp.testing.GeneratedSources;
import dev.openapimcp.testing.SpecFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources for large APIs write each definition once ({@link DefinitionClasses}), split by size, and
 * still compile to exactly the catalog a build converts in memory, so a server built from them
 * answers {@code tools/list} as before.
 */
class SharedDefinitionsEmitTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Characters of each component's description: 400 of them hold 1.2 MB, more than one class takes. */
  private static final int DESCRIPTION = 3_000;
  private static final int COMPONENTS = 400;
  private static final int OPERATIONS = 20;

  @TempDir Path dir;

  /**
   * 400 components in a chain (each refers to the next, the last to the first), each operation's
   * body and answer naming one of them: every tool reaches all 400, so written whole they would
   * repeat 1.2 MB forty times.
   */
  private static String spec() {
    return spec(COMPONENTS, DESCRIPTION, OPERATIONS);
  }

  private static String spec(int components, int description, int operations) {
    ObjectNode spec = JSON.createObjectNode().put("openapi", "3.0.3");
    spec.putObject("info").put("title", "Chain").put("version", "1");
    spec.putArray("servers").addObject().put("url", "https://chain.example");
    ObjectNode schemas = spec.putObject("components").putObject("schemas");
    String words = "Part of a chain of records, each naming the next. ";
    for (int i = 0; i < components; i++) {
      ObjectNode component = schemas.putObject("Link" + i).put("type", "object")
          .put("description", (i + ": " + words.repeat(description / words.length() + 1)).substring(0, description));
      ObjectNode properties = component.putObject("properties");
      properties.putObject("id").put("type", "string");
      properties.putObject("next").put("$ref", "#/components/schemas/Link" + ((i + 1) % components));
    }
    ObjectNode paths = spec.putObject("paths");
    for (int i = 0; i < operations; i++) {
      ObjectNode post = paths.putObject("/links" + i).putObject("post");
      post.put("operationId", "putLink" + i).putArray("tags").add("Links");
      post.putObject("requestBody").putObject("content").putObject("application/json").putObject("schema")
          .put("$ref", "#/components/schemas/Link" + i * 7 % components);
      post.putObject("responses").putObject("200").put("description", "OK").putObject("content")
          .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Link" + i * 3 % components);
    }
    return spec.toString();
  }

  @Test
  void largeApisWriteEachDefinitionOnceInClassesSplitBySizeAndCompileToTheConvertedCatalog() throws Exception {
    GeneratorConfig config = GeneratorConfig.builder(SpecFixtures.write(dir, "chain.json", spec()))
        .packageName("com.example.chain").outputDirectory(dir.resolve("src")).toolMode(ToolMode.ALL).build();
    List<Path> files = GenerationTool.generate(config).files();
    ToolCatalog converted = GenerationTool.catalog(config);
    // Written whole, the input schemas would repeat the chain in every tool: far past the threshold
    // (the output schemas, as large, are left out of a list that would not fit a model's context).
    long whole = converted.tools().stream().mapToLong(tool -> tool.inputSchema().length()).sum();
    assertThat(whole).isGreaterThan(JavaEmitter.SHARING_THRESHOLD_CHARS * 10);

    List<String> names = files.stream().map(path -> path.getFileName().toString()).toList();
    assertThat(names).contains("ChainDefinitions.java", "ChainDefinitions1.java", "ChainDefinitions2.java");
    String sources = readAll(dir.resolve("src"));
    // Each definition is written once, and no tool's schema carries $defs of its own.
    for (int i = 0; i < COMPONENTS; i++) {
      assertThat(count(sources, "definitions.define(\"Link" + i + "\",")).as("Link" + i).isEqualTo(1);
      assertThat(count(sources, "\"description\": \"" + i + ": Part of a chain")).as("Link" + i + "'s text")
          .isEqualTo(1);
    }
    assertThat(sources).doesNotContain("\"$defs\"");
    assertThat(Files.readString(dir.resolve("src/com/example/chain/ChainLinksTools.java")))
        .contains("ChainDefinitions.schema(\"\"\"");
    // Split by size: no class holds much more than its share of the text.
    for (Path file : files) {
      assertThat(Files.size(file)).as(file.getFileName().toString())
          .isLessThan(2L * DefinitionClasses.CHARS_PER_CLASS);
    }

    Path classes = Files.createDirectories(dir.resolve("classes"));
    assertThat(GeneratedSources.compile(dir.resolve("src"), classes)).isEmpty();
    ToolCatalog compiled = (ToolCatalog) GeneratedSources.load(classes, "com.example.chain.ChainTools")
        .getMethod("catalog").invoke(null);
    assertThat(compiled).isEqualTo(converted);
  }

  /** The threshold decides only how the sources look: shared or whole, they compile to the converted catalog. */
  @Test
  void sharedOrWholeTheCompiledCatalogIsTheConvertedOne() throws Exception {
    String spec = SpecFixtures.write(dir, "small-chain.json", spec(30, 200, 6));
    GeneratorConfig config = GeneratorConfig.builder(spec).packageName("com.example.chain").build();
    ConvertedApi api = ToolConverter.convert(SpecLoader.load(spec, false, false), config);
    Path whole = write(new JavaEmitter("com.example.chain", "test", Long.MAX_VALUE), api, "whole");
    assertThat(readAll(whole)).contains("\"$defs\"").doesNotContain("ChainDefinitions");
    Path shared = write(new JavaEmitter("com.example.chain", "test", 0), api, "shared");
    assertThat(readAll(shared)).doesNotContain("\"$defs\"").contains("ChainDefinitions.schema(")
        .contains(".outputSchema(ChainDefinitions.schema(");

    for (Path sources : List.of(whole, shared)) {
      Path classes = Files.createDirectories(dir.resolve(sources.getFileName() + "-classes"));
      assertThat(GeneratedSources.compile(sources, classes)).isEmpty();
      ToolCatalog compiled = (ToolCatalog) GeneratedSources.load(classes, "com.example.chain.ChainTools")
          .getMethod("catalog").invoke(null);
      assertThat(compiled).as(sources.getFileName().toString()).isEqualTo(api.catalog());
    }
  }

  /**
   * Definitions put back by name come out as Jackson writes them, for names that need escaping too,
   * so a compiled catalog equals a converted one byte for byte.
   */
  @Test
  void definitionsPutBackByNameAreTheJsonJacksonWrites() throws Exception {
    List<String> names = List.of("Plain", "with \"quotes\"", "back\\slash", "tab\tnew\nline\r\f\b", "nul\u0000\u001f",
        "del\u007f", "é ü ß", "emoji \ud83d\ude00", "lone \ud800", "*/ $S \\u000a", "line\u2028sep");
    SharedDefinitions shared = new SharedDefinitions(names.size());
    ObjectNode expected = JSON.createObjectNode().put("type", "object");
    ObjectNode defs = JSON.createObjectNode();
    for (int i = 0; i < names.size(); i++) {
      String next = names.get((i + 1) % names.size());
      shared.define(names.get(i), "{ \"description\" : \"" + i + "\",\n \"items\": {\"$ref\": \"x\"} }", next);
      defs.set(names.get(i), JSON.readTree("{\"description\":\"" + i + "\",\"items\":{\"$ref\":\"x\"}}"));
    }
    ObjectNode sorted = JSON.createObjectNode();
    names.stream().sorted().forEach(name -> sorted.set(name, defs.get(name)));
    expected.set("$defs", sorted);

    assertThat(shared.schema("{\n  \"type\": \"object\"\n}", names.get(3))).isEqualTo(expected.toString());
    assertThat(shared.schema("{}", "Plain")).isEqualTo("{\"$defs\":" + sorted + "}");
    assertThat(shared.schema("{\"type\":\"object\"}")).isEqualTo("{\"type\":\"object\"}");
  }

  private Path write(JavaEmitter emitter, ConvertedApi api, String folder) throws Exception {
    Path root = dir.resolve(folder);
    for (JavaFile file : emitter.emit(api, "chain.json", ToolMode.ALL, List.of())) {
      file.writeTo(root);
    }
    return root;
  }

  private static String readAll(Path root) throws Exception {
    StringBuilder all = new StringBuilder();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(path -> path.toString().endsWith(".java")).sorted().forEach(files::add);
    }
    for (Path file : files) {
      all.append(Files.readString(file));
    }
    return all.toString();
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
