package dev.openapimcp.generator.internal.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.testing.GeneratedSources;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolMode;
import dev.openapimcp.testing.JsonRpcLines;
import dev.openapimcp.testing.ServerProcess;
import dev.openapimcp.model.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaEmitterTest {

  @TempDir Path dir;

  private static final String SMALL = """
      openapi: 3.0.3
      info: {title: Small, version: '1'}
      servers: [{url: 'https://small.example'}]
      x-mcp: {rateLimit: 2.5}
      security: [{key: []}]
      components:
        securitySchemes:
          key: {type: apiKey, in: header, name: X-Key}
          bearer: {type: http, scheme: bearer}
      paths:
        /items/{id}:
          get:
            operationId: getItem
            tags: [Items]
            summary: Get an item
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
              - {name: ids, in: query, style: form, explode: false, schema: {type: array, items: {type: string}}}
            responses: {'200': {description: OK}}
          delete:
            operationId: class
            tags: [Items]
            security: [{bearer: []}, {key: []}]
            responses: {'204': {description: Deleted}}
        /things:
          post:
            operationId: make-thing
            requestBody:
              content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}
            parameters: [{name: id, in: query, schema: {type: string}}]
            responses: {'200': {description: OK}}
      """;

  @Test
  void generatedCodeCompilesWithoutWarningsAndRebuildsTheSameCatalog() throws Exception {
    String spec = SpecFixtures.write(dir, "small.yaml", SMALL);
    GeneratorConfig config = GeneratorConfig.builder(spec).packageName("com.example.small")
        .outputDirectory(dir.resolve("src")).build();
    GenerationResult result = GenerationTool.generate(config);

    assertThat(result.serverClass()).isEqualTo("com.example.small.SmallServer");
    assertThat(result.files()).extracting(p -> p.getFileName().toString())
        .containsExactly("SmallItemsTools.java", "SmallOtherTools.java", "SmallServer.java", "SmallTools.java");
    String javac = GeneratedSources.compile(dir.resolve("src"), Files.createDirectories(dir.resolve("classes")));
    assertThat(javac).isEmpty();

    ToolCatalog compiled = (ToolCatalog) GeneratedSources.load(dir.resolve("classes"), "com.example.small.SmallTools")
        .getMethod("catalog").invoke(null);
    assertThat(compiled).isEqualTo(GenerationTool.catalog(config));
    // The documented rate limit becomes the server's default; --rate-limit can still change it.
    assertThat(Files.readString(dir.resolve("src/com/example/small/SmallServer.java")))
        .contains("System.exit(ServerCommand.run(SmallTools.catalog(), settings -> settings.rateLimit(2.5), args));");
    // A Java keyword as operation id still gives a valid method name.
    assertThat(Files.readString(dir.resolve("src/com/example/small/SmallItemsTools.java")))
        .contains("static ToolDefinition classTool()");
  }

  @Test
  void aServerGeneratedForDynamicToolsStartsInDiscoveryModeUnlessToldOtherwise() throws Exception {
    String spec = SpecFixtures.write(dir, "small.yaml", SMALL);
    GeneratorConfig config = GeneratorConfig.builder(spec).packageName("com.example.small")
        .outputDirectory(dir.resolve("src"))
        .toolMode(ToolMode.DYNAMIC).exposedTools(List.of("getItem")).build();
    GenerationTool.generate(config);
    assertThat(Files.readString(dir.resolve("src/com/example/small/SmallServer.java"))).contains(
        "System.exit(ServerCommand.run(SmallTools.catalog(), settings -> settings.rateLimit(2.5)"
            + ".toolMode(ToolMode.DYNAMIC).exposedTools(List.of(\"getItem\")), args));");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    assertThat(GeneratedSources.compile(dir.resolve("src"), classes)).isEmpty();

    assertThat(listedTools(classes)).containsExactly(
        "getItem", "search_operations", "describe_operation", "invoke_operation");
    assertThat(listedTools(classes, "--tools", "all")).containsExactly("getItem", "class", "make-thing");
  }

  /** Starts the compiled SmallServer over stdio and answers the names {@code tools/list} gives. */
  private static List<String> listedTools(Path classes, String... args) throws Exception {
    List<String> command = new ArrayList<>(ServerProcess.command(JavaEmitterTest.class, args));
    int classPath = command.indexOf("-cp") + 1;
    command.set(classPath, classes + java.io.File.pathSeparator + command.get(classPath));
    command.set(command.indexOf(JavaEmitterTest.class.getName()), "com.example.small.SmallServer");
    Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (JsonRpcLines rpc = new JsonRpcLines(server.getOutputStream(), server.getInputStream())) {
      rpc.initialize();
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) rpc.request("tools/list", Map.of()).get("result");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> tools = (List<Map<String, Object>>) result.get("tools");
      return tools.stream().map(tool -> (String) tool.get("name")).toList();
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void exposingAToolTheSpecDoesNotHaveFailsGeneration() throws Exception {
    String spec = SpecFixtures.write(dir, "small.yaml", SMALL);
    GeneratorConfig config = GeneratorConfig.builder(spec).packageName("com.example.small")
        .outputDirectory(dir.resolve("src")).toolPrefix("x_")
        .toolMode(ToolMode.DYNAMIC).exposedTools(List.of("getItem", "x_getItem")).build();

    assertThatThrownBy(() -> GenerationTool.generate(config))
        .isInstanceOf(GenerationException.class)
        .hasMessage("The exposed tools getItem are not tools of " + spec
            + " (tool names include the prefix 'x_').");
  }

  @Test
  void outputIsByteIdenticalAndUnchangedFilesAreNotRewritten() throws Exception {
    String spec = SpecFixtures.write(dir, "small.yaml", SMALL);
    GeneratorConfig first = GeneratorConfig.builder(spec).packageName("com.example.small")
        .outputDirectory(dir.resolve("a")).build();
    GeneratorConfig second = GeneratorConfig.builder(spec).packageName("com.example.small")
        .outputDirectory(dir.resolve("b")).build();
    List<Path> a = GenerationTool.generate(first).files();
    List<Path> b = GenerationTool.generate(second).files();
    for (int i = 0; i < a.size(); i++) {
      assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
    }

    FileTime old = FileTime.fromMillis(1_000_000L);
    for (Path path : a) {
      Files.setLastModifiedTime(path, old);
    }
    GenerationTool.generate(first);
    for (Path path : a) {
      assertThat(Files.getLastModifiedTime(path)).isEqualTo(old);
    }
  }

  @Test
  void filesOfRemovedOperationsAreDeleted() throws Exception {
    String spec = SpecFixtures.write(dir, "small.yaml", SMALL);
    GeneratorConfig config = GeneratorConfig.builder(spec).packageName("com.example.small")
        .outputDirectory(dir.resolve("src")).build();
    GenerationTool.generate(config);
    Path handWritten = Files.writeString(dir.resolve("src/com/example/small/Keep.java"), "class Keep {}\n");

    SpecFixtures.write(dir, "small.yaml", SMALL.replace("tags: [Items]", "tags: [Other]"));
    GenerationTool.generate(config);

    assertThat(dir.resolve("src/com/example/small/SmallItemsTools.java")).doesNotExist();
    assertThat(dir.resolve("src/com/example/small/SmallOtherTools.java")).exists();
    assertThat(handWritten).exists();
  }

  @Test
  void thousandsOfOperationsAndHugeSchemasStayWithinClassFileLimits() throws Exception {
    StringBuilder spec = new StringBuilder("""
        {"openapi": "3.0.3", "info": {"title": "Huge", "version": "1"}, "paths": {
        """);
    int operations = 1500;
    for (int i = 0; i < operations; i++) {
      spec.append(i == 0 ? "" : ",").append("""
          "/r%d/{id}": {"get": {"operationId": "op%d", "tags": ["T%d"],
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "OK"}}}}
          """.formatted(i, i, i % 3));
    }
    // One schema far beyond javac's 65,535-byte constant limit.
    String longText = "é".repeat(50_000);
    spec.append("""
        ,"/big": {"post": {"operationId": "big", "requestBody": {"content": {"application/json": {"schema":
          {"type": "object", "properties": {"x": {"type": "string", "description": "%s"}}}}}},
          "responses": {"200": {"description": "OK"}}}}}}
        """.formatted(longText));
    String file = SpecFixtures.write(dir, "huge.json", spec.toString());
    GeneratorConfig config = GeneratorConfig.builder(file).packageName("com.example.huge")
        .outputDirectory(dir.resolve("src")).build();
    GenerationResult result = GenerationTool.generate(config);
    assertThat(result.toolCount()).isEqualTo(operations + 1);

    GeneratedSources.compile(dir.resolve("src"), Files.createDirectories(dir.resolve("classes")));
    ToolCatalog compiled = (ToolCatalog) GeneratedSources.load(dir.resolve("classes"), "com.example.huge.HugeTools")
        .getMethod("catalog").invoke(null);
    List<String> names = new ArrayList<>();
    compiled.tools().forEach(t -> names.add(t.name()));
    assertThat(names).hasSize(operations + 1).startsWith("op0", "op1").endsWith("big");
    ToolDefinition big = SpecFixtures.tool(compiled, "big");
    assertThat(SpecFixtures.schema(big).at("/properties/x/description").asText()).isEqualTo(longText);
  }

  /**
   * A catalog method that named every tool's method overflowed the JVM's 64 KB method limit past
   * about 8,190 operations ("code too large"); Microsoft Graph beta has 22,000.
   */
  @Test
  void moreOperationsThanOneMethodCouldNameStillCompileInSpecOrder() throws Exception {
    int operations = 9_000;
    StringBuilder spec = new StringBuilder("{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Wide\", \"version\": \"1\"},"
        + " \"paths\": {");
    for (int i = 0; i < operations; i++) {
      spec.append(i == 0 ? "" : ",").append("\"/r").append(i).append("\": {\"get\": {\"operationId\": \"op")
          .append(i).append("\", \"tags\": [\"T").append(i % 7).append("\"], \"responses\": {\"200\": {\"description\": \"OK\"}}}}");
    }
    String file = SpecFixtures.write(dir, "wide.json", spec.append("}}").toString());
    GeneratorConfig config = GeneratorConfig.builder(file).packageName("com.example.wide")
        .outputDirectory(dir.resolve("src")).build();
    GenerationTool.generate(config);

    assertThat(GeneratedSources.compile(dir.resolve("src"), Files.createDirectories(dir.resolve("classes"))))
        .isEmpty();
    ToolCatalog compiled = (ToolCatalog) GeneratedSources.load(dir.resolve("classes"), "com.example.wide.WideTools")
        .getMethod("catalog").invoke(null);
    assertThat(compiled.tools()).hasSize(operations);
    // Tag classes fill the catalog, yet it keeps the spec's order, not the tags'.
    assertThat(compiled.tools().get(0).name()).isEqualTo("op0");
    assertThat(compiled.tools().get(1).name()).isEqualTo("op1");
    assertThat(compiled.tools().get(operations - 1).name()).isEqualTo("op" + (operations - 1));
  }
}
