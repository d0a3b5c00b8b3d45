package dev.openapimcp.generator.internal.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.testing.GeneratedSources;
import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec is untrusted input: whatever text it holds, the generated sources compile without warnings,
 * run none of it, and carry it into the catalog unchanged. Each hostile string goes into every
 * place the generator writes spec text from (title, version, server, tags, paths, operation ids,
 * summaries, descriptions, parameter and property names, header defaults, enum values, security
 * scheme and key names, the documented rate limit); the sources are compiled, loaded and compared
 * with the catalog converted in memory.
 *
 * <p>The attack this pins: javac translates {@code \}{@code u002a} escapes before it lexes, comments
 * included, so a path holding {@code \}{@code u002a/} once closed a Javadoc comment and the rest of
 * the path compiled as a static initializer that ran when the server class loaded.
 */
class HostileSpecTextTest {

  /** Writes every character outside ASCII as a JSON escape, so lone surrogates reach the parser too. */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  /** Set by the payloads below if any of them ever runs. */
  private static final String CANARY = "openapi-mcp.hostile-spec-ran";
  private static final String PAYLOAD = "static { System.setProperty(\"" + CANARY + "\", \"yes\"); }";

  /** Text that has broken or could break generated Java, one kind each. */
  static final List<String> CORPUS = List.of(
      "*/ " + PAYLOAD + " /*",
      "\\u002a/ " + PAYLOAD + " /\\u002a",
      "\\uuu002A/ " + PAYLOAD + " /\\uu002a",
      "\\\\u002a/ " + PAYLOAD,
      "\\u000a" + PAYLOAD,
      "\\u000d" + PAYLOAD + "\\u000a",
      "\\u0022); " + PAYLOAD + " //",
      "\"); " + PAYLOAD + " //",
      "\" + System.setProperty(\"" + CANARY + "\", \"yes\") + \"",
      "\\", "\\\\", "\\\"", "\"", "'", "\\'", "\\n", "\\t",
      "\u0000", "nul\u0000byte", "\u0007\u001b[31m", "line\nbreak", "cr\rlf\r\n", "\u2028\u2029", " \u2028", "\u202egnp.exe",
      "\ufeffbom", "é ü ß", "日本語", "😀 emoji",
      "class", "yield", "record", "var", "goto", "null", "true", "_", "enum", "java.lang.Object",
      "$S", "$L", "$N", "$T", "$$", "$", "%s", "%n", "{}",
      "{@code x}", "@Deprecated", "<p>", "</pre>", "<script>alert(1)</script>", "&#47;", "/**", "//", "/*",
      "x".repeat(40_000));

  @TempDir Path dir;

  @Test
  void hostileTextInEverySpecPlaceCompilesRunsNothingAndRoundTrips() throws Exception {
    ToolCatalog compiled = generateCompileAndLoad(dir, CORPUS, "9.9");

    assertThat(System.getProperty(CANARY)).as("a payload from the spec ran").isNull();
    for (int i = 0; i < CORPUS.size(); i++) {
      String text = CORPUS.get(i);
      ToolDefinition tool = toolAt(compiled, "/h" + i);
      // The converter strips surrounding white space from descriptions; nothing else may change.
      assertThat(tool.description()).as("description %s", i).isEqualTo(text.strip());
      assertThat(tool.http().pathTemplate()).isEqualTo("/h" + i + "/" + pathSafe(text));
      assertThat(tool.http().fixedHeaders()).containsEntry("X-Default", text);
    }
  }

  @Test
  void aRateLimitBeyondDoubleRangeIsNoLimitAndStillCompiles() throws Exception {
    // 1e999 reads as Infinity, whose Double.toString ("Infinity") is not a Java literal.
    generateCompileAndLoad(dir, List.of("ok"), "1e999");
    Path server = Files.walk(dir.resolve("src")).filter(p -> p.toString().endsWith("Server.java")).findFirst()
        .orElseThrow();
    assertThat(Files.readString(server)).doesNotContain("rateLimit").doesNotContain("Infinity");
  }

  /** Any text from an alphabet of the characters that matter to Java's lexer, comments and JavaPoet. */
  // A fixed seed keeps the build repeatable; drop it to explore (a failure prints its seed).
  @Property(tries = 4, seed = "2217356473842617382")
  void anyTextFromTheHostileAlphabetRoundTrips(@ForAll("texts") List<String> texts) throws Exception {
    // jqwik runs properties outside JUnit's lifecycle: no @TempDir here.
    Path run = Files.createTempDirectory("hostile-spec");
    try {
      ToolCatalog compiled = generateCompileAndLoad(run, texts, "2");
      assertThat(System.getProperty(CANARY)).isNull();
      for (int i = 0; i < texts.size(); i++) {
        assertThat(toolAt(compiled, "/h" + i).description()).isEqualTo(texts.get(i).strip());
      }
    } finally {
      try (Stream<Path> files = Files.walk(run)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Provide
  Arbitrary<List<String>> texts() {
    Arbitrary<String> hostile = Arbitraries.strings()
        // Single chars only: half of a surrogate pair alone is not text a JSON parser takes.
        .withChars("\\u002aAbcxyz09 /*\"'$%@{}<>&;\n\r\t\u0000\u2028é日")
        .ofMinLength(0).ofMaxLength(40);
    Arbitrary<String> fromCorpus = Arbitraries.of(CORPUS.subList(0, CORPUS.size() - 1));
    return Arbitraries.frequencyOf(Tuple.of(3, hostile), Tuple.of(1, fromCorpus)).list().ofMinSize(1).ofMaxSize(12);
  }

  /** Generates a spec with {@code texts} in every place, compiles it with -Werror and loads its catalog. */
  private static ToolCatalog generateCompileAndLoad(Path dir, List<String> texts, String rateLimit)
      throws Exception {
    Path spec = dir.resolve("hostile.json");
    Files.writeString(spec, spec(texts, rateLimit), StandardCharsets.UTF_8);
    GeneratorConfig config = GeneratorConfig.builder(spec.toString()).packageName("com.example.hostile")
        .outputDirectory(dir.resolve("src")).build();
    GenerationResult result = GenerationTool.generate(config);
    for (Path file : result.files()) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte b : bytes) {
        assertThat(b).as("%s is ASCII only", file.getFileName()).isGreaterThanOrEqualTo((byte) 0);
      }
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    assertThat(GeneratedSources.compile(dir.resolve("src"), classes)).isEmpty();
    String serverClass = result.serverClass();
    // Loading and initializing the server class is what `--version` does first.
    GeneratedSources.load(classes, serverClass);
    String catalogClass = serverClass.substring(0, serverClass.length() - "Server".length()) + "Tools";
    ToolCatalog compiled = (ToolCatalog) GeneratedSources.load(classes, catalogClass).getMethod("catalog")
        .invoke(null);
    assertThat(compiled).isEqualTo(GenerationTool.catalog(config));
    return compiled;
  }

  private static String spec(List<String> texts, String rateLimit) throws Exception {
    String title = String.join(" ", texts.subList(0, Math.min(3, texts.size())));
    ObjectNode root = JSON.createObjectNode().put("openapi", "3.0.3");
    root.putObject("info").put("title", title).put("version", texts.get(0));
    root.putArray("servers").addObject().put("url", "https://api.example/" + pathSafe(texts.get(0)));
    StringBuilder json = new StringBuilder();
    ObjectNode schemes = root.putObject("components").putObject("securitySchemes");
    ArrayNode security = root.putArray("security");
    ObjectNode paths = root.putObject("paths");
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      String scheme = "s" + i + text;
      schemes.putObject(scheme).put("type", "apiKey").put("in", "header").put("name", "K" + i + pathSafe(text));
      security.addObject().putArray(scheme);
      ObjectNode operation = paths.putObject("/h" + i + "/" + pathSafe(text)).putObject("post");
      operation.put("operationId", text).put("summary", text).put("description", text);
      operation.putArray("tags").add(text);
      ArrayNode parameters = operation.putArray("parameters");
      parameters.addObject().put("name", "q" + text).put("in", "query").put("description", text)
          .putObject("schema").put("type", "string").putArray("enum").add(text);
      parameters.addObject().put("name", "X-Default").put("in", "header").putObject("schema").put("type", "string")
          .put("default", text);
      ObjectNode body = operation.putObject("requestBody").putObject("content").putObject("application/json")
          .putObject("schema").put("type", "object");
      body.putObject("properties").putObject("p" + text).put("type", "string").put("description", text)
          .put("pattern", "^" + text.replaceAll("[\\\\\\[\\](){}.*+?^$|]", "") + "$");
      operation.putObject("responses").putObject("200").put("description", text);
    }
    json.append(JSON.writeValueAsString(root));
    // The rate limit goes in as written: JSON numbers beyond double range are the point.
    int end = json.lastIndexOf("}");
    json.insert(end, ",\"x-mcp\":{\"rateLimit\":" + rateLimit + "}");
    return json.toString();
  }

  /** Path text without template braces, which would declare path variables the operation lacks. */
  /** The path template a key of this text becomes: a query or fragment in a path key is no part of it. */
  private static String pathSafe(String text) {
    String path = text.replace("{", "").replace("}", "");
    int end = path.length();
    for (char cut : new char[] {'?', '#'}) {
      end = path.indexOf(cut) >= 0 ? Math.min(end, path.indexOf(cut)) : end;
    }
    return path.substring(0, end);
  }

  private static ToolDefinition toolAt(ToolCatalog catalog, String pathPrefix) {
    List<String> seen = new ArrayList<>();
    for (ToolDefinition tool : catalog.tools()) {
      String path = tool.http().pathTemplate();
      if (path.equals(pathPrefix) || path.startsWith(pathPrefix + "/")) {
        return tool;
      }
      seen.add(path);
    }
    throw new AssertionError("no tool at " + pathPrefix + " among " + seen.size() + " tools");
  }
}
