package dev.openapimcp.generator.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.testing.StandardError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * No spec makes loading and converting it ({@link GenerationTool#catalog}, what every command and
 * the plugin run first) throw anything but a {@link GenerationException} with a one-line message,
 * hang, or print a stack trace. The specs are random OpenAPI-shaped documents, JSON or YAML, whole
 * or cut short or with junk inserted, with references among themselves, to sibling files (one
 * holding YAML under a {@code .json} name), to a named pipe, devices, the network, other schemes
 * and outside the spec's folder, and with YAML aliases; plus random text. At least a tenth of them
 * convert and a tenth are refused, or the generator has drifted and tests only one side.
 */
class SpecLoadingPropertyTest {

  /** Only a guard against hanging: a try takes milliseconds. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final boolean FIFOS = mkfifoWorks();

  /** References worth trying: each class of place a reference can lead, and malformed ones. */
  private static final List<String> REFS = List.of(
      "#/components/schemas/A", "#/components/schemas/B", "#/components/schemas/Missing",
      "#/components/schemas/A/properties/a", "#/components/parameters/P", "#/components/requestBodies/R",
      "#/paths/~1x~1{id}/get/parameters/0", "#/paths/~1x~1{id}/get", "#/paths/~1x~1{id}",
      "#/paths/~1x~1{id}/post/requestBody/content/application~1json/schema",
      "#/paths/~1x~1{id}/post/requestBody/content/application~1json/schema/allOf/0", "#/paths/%7Bx%7D",
      "#/paths/~1nowhere", "#", "#/", "#/components", "#foo", "#/~2", "#/components/schemas/A/allOf/0",
      "other.yaml", "other.yaml#/properties/a", "other.yaml#/nothing", "other.yaml#/", "inner.json",
      "inner.json#/properties", "missing.yaml", "../outside.yaml", "pipe.yaml", "api", "/dev/zero", "/dev/null",
      "/etc/hostname", "http://127.0.0.1:9/x.json", "https://example.invalid/x.yaml", "file:///etc/passwd",
      "jar:file:/x.jar!/y.json", "classpath:x.json", "A", "A.yaml", "%2e%2e/outside.yaml", "~", "", " ",
      "\u0000", "other.yaml#/properties/a/$ref", "schemas/../other.yaml", "./other.yaml#/properties");
  private static final List<String> KEYS = List.of(
      "type", "properties", "items", "allOf", "anyOf", "oneOf", "not", "$ref", "$id", "required", "enum",
      "nullable", "discriminator", "mapping", "additionalProperties", "name", "in", "schema", "content",
      "application/json", "parameters", "requestBody", "responses", "callbacks", "examples", "x-mcp", "a", "b",
      "format", "default", "example", "$defs", "prefixItems", "if", "then", "else", "const", "minLength");
  private static final List<String> PATHS = List.of("/x/{id}", "/x", "/y/{a}/{b}", "/{id}", "/nowhere", "/x/{}");

  // A fixed seed keeps the build repeatable (this one found a dangling reference left in the bundle);
  // drop it to explore: a failure prints the seed that reproduces it.
  @Property(tries = 300, seed = "5984687926244655413")
  @StatisticsReport(onFailureOnly = true)
  void noSpecMakesLoadingThrowAnythingElseHangOrPrintAStackTrace(@ForAll("fixtures") Fixture fixture)
      throws Exception {
    Path dir = Files.createTempDirectory("openapi-mcp-spec-");
    try {
      Path api = Files.createDirectories(dir.resolve("api"));
      Path spec = api.resolve(fixture.rootName());
      Files.writeString(spec, fixture.root(), StandardCharsets.UTF_8);
      Files.writeString(api.resolve("other.yaml"), fixture.other(), StandardCharsets.UTF_8);
      Files.writeString(api.resolve("inner.json"), fixture.inner(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("outside.yaml"), fixture.other(), StandardCharsets.UTF_8);
      if (FIFOS) {
        mkfifo(api.resolve("pipe.yaml"));
      }
      GeneratorConfig config = GeneratorConfig.builder(spec.toString()).packageName("p").outputDirectory(dir.resolve("out"))
          .allowOutsideRefs(fixture.allowOutside()).build();

      StandardError.Captured<GenerationException> run = assertTimeoutPreemptively(HANG_GUARD,
          () -> StandardError.capture(() -> {
            try {
              GenerationTool.catalog(config);
              return null;
            } catch (GenerationException e) {
              return e;
            }
          }));

      assertThat(StandardError.hasStackTrace(run.err())).as(run.err()).isFalse();
      Statistics.collect(run.value() == null ? "converted" : "refused");
      if (run.value() != null) {
        assertThat(run.value().getMessage()).isNotBlank().doesNotContain("\n", "\r");
      }
      // The generator must reach conversion often, or it tests only the parsers.
      Statistics.coverage(coverage -> {
        coverage.check("converted").percentage(p -> p >= 10);
        coverage.check("refused").percentage(p -> p >= 10);
      });
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** One spec, with the files beside it. */
  record Fixture(String rootName, String root, String other, String inner, boolean allowOutside) {}

  @Provide
  Arbitrary<Fixture> fixtures() {
    return Combinators.combine(Arbitraries.of("spec.yaml", "spec.json"), rootText(), document(schema(3)),
        schema(2).map(SpecLoadingPropertyTest::yaml), Arbitraries.of(true, false))
        .as(Fixture::new);
  }

  private Arbitrary<String> rootText() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, document(root())),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(300)),
        Tuple.of(1, aliases()));
  }

  /** A tree as JSON or YAML, whole, cut short, or with junk inserted. */
  private static Arbitrary<String> document(Arbitrary<JsonNode> tree) {
    Arbitrary<String> text = Combinators.combine(tree, Arbitraries.of(true, false))
        .as((node, json) -> json ? node.toString() : yaml(node));
    Arbitrary<String> damage = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("whole")),
        Tuple.of(1, Arbitraries.just("cut")), Tuple.of(1, Arbitraries.just("junk")));
    return Combinators.combine(text, damage, Arbitraries.integers().between(1, 99),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(8)).as((whole, how, percent, junk) -> {
          int at = whole.length() * percent / 100;
          return switch (how) {
            case "cut" -> whole.substring(0, at);
            case "junk" -> whole.substring(0, at) + junk + whole.substring(at);
            default -> whole;
          };
        });
  }

  /** YAML aliases of aliases, some wide and deep enough to explode, some inside their own list. */
  private static Arbitrary<String> aliases() {
    return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 12),
        Arbitraries.of(true, false)).as((levels, width, loop) -> {
          StringBuilder yaml = new StringBuilder("openapi: 3.0.3\ninfo: {title: A, version: '1'}\npaths: {}\n");
          yaml.append("x-0: &a0 [lol]\n");
          for (int level = 1; level <= levels; level++) {
            yaml.append("x-").append(level).append(": &a").append(level).append(" [")
                .append(String.join(", ", java.util.Collections.nCopies(width, "*a" + (level - 1)))).append("]\n");
          }
          if (loop) {
            yaml.append("x-loop: &loop {a: [*loop]}\n");
          }
          return yaml.toString();
        });
  }

  private static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Arbitrary<JsonNode> root() {
    Arbitrary<JsonNode> version = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("3.0.3")),
        Tuple.of(4, Arbitraries.just("3.1.0")), Tuple.of(2, Arbitraries.just("2.0")), Tuple.of(1, Arbitraries.just("4.0")))
        .map(NODES::textNode);
    Arbitrary<Map<String, JsonNode>> paths = Arbitraries.maps(Arbitraries.of(PATHS), pathItem()).ofMaxSize(3);
    Arbitrary<Map<String, JsonNode>> schemas = Arbitraries.maps(Arbitraries.of("A", "B", "C"), schema(3))
        .ofMaxSize(3);
    return Combinators.combine(version, paths, schemas, parameter(), any(2)).as((v, p, s, param, junk) -> {
      ObjectNode root = NODES.objectNode();
      root.set(v.asText().equals("2.0") ? "swagger" : "openapi", v);
      root.putObject("info").put("title", "Fuzz").put("version", "1");
      root.set("paths", object(p));
      ObjectNode components = root.putObject(v.asText().equals("2.0") ? "x-components" : "components");
      components.set("schemas", object(s));
      components.putObject("parameters").set("P", param);
      components.putObject("requestBodies").set("R", NODES.objectNode().set("content", NODES.objectNode()
          .set("application/json", NODES.objectNode().set("schema", NODES.objectNode().put("$ref", "#/components/schemas/A")))));
      root.set("x-junk", junk);
      return root;
    });
  }

  private Arbitrary<JsonNode> pathItem() {
    Arbitrary<Map<String, JsonNode>> operations = Arbitraries.maps(Arbitraries.of("get", "post", "delete", "x-y"),
        operation()).ofMaxSize(3);
    return Arbitraries.frequencyOf(Tuple.of(8, operations.map(SpecLoadingPropertyTest::object)),
        Tuple.of(1, ref()), Tuple.of(1, any(2)));
  }

  private Arbitrary<JsonNode> operation() {
    return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6),
        parameter().list().ofMaxSize(3), schema(3), Arbitraries.of(true, false), ref())
        .as((id, parameters, body, refBody, bodyRef) -> {
          ObjectNode operation = NODES.objectNode().put("operationId", id);
          ArrayNode list = operation.putArray("parameters");
          parameters.forEach(list::add);
          operation.set("requestBody", refBody ? bodyRef : NODES.objectNode().set("content",
              NODES.objectNode().set("application/json", NODES.objectNode().set("schema", body))));
          operation.putObject("responses").putObject("200").put("description", "OK");
          return operation;
        });
  }

  private Arbitrary<JsonNode> parameter() {
    Arbitrary<JsonNode> declared = Combinators.combine(Arbitraries.of("id", "a", "b", "q", ""),
        Arbitraries.of("path", "query", "header", "cookie", "body", "nowhere"), schema(2))
        .as((name, in, schema) -> NODES.objectNode().put("name", name).put("in", in).put("required", true)
            .set("schema", schema));
    return Arbitraries.frequencyOf(Tuple.of(6, declared), Tuple.of(3, ref()), Tuple.of(1, any(1)));
  }

  private Arbitrary<JsonNode> schema(int depth) {
    Arbitrary<JsonNode> leaf = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of("string", "integer", "number", "boolean", "object", "array", "null")
            .map(type -> NODES.objectNode().put("type", type))),
        Tuple.of(3, ref()),
        Tuple.of(1, any(1)));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> schema(depth - 1));
    Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of("a", "b", "id", "x-y"), inner).ofMaxSize(3)
        .map(properties -> NODES.objectNode().put("type", "object").set("properties", object(properties)));
    Arbitrary<JsonNode> array = inner.map(items -> NODES.objectNode().put("type", "array").set("items", items));
    Arbitrary<JsonNode> combined = Combinators.combine(Arbitraries.of("allOf", "anyOf", "oneOf"),
        inner.list().ofMaxSize(3)).as((keyword, parts) -> {
          ObjectNode schema = NODES.objectNode();
          parts.forEach(schema.putArray(keyword)::add);
          return schema;
        });
    Arbitrary<JsonNode> flagged = Combinators.combine(inner, Arbitraries.of("nullable", "$id", "discriminator"))
        .as((schema, keyword) -> {
          ObjectNode copy = schema.isObject() ? ((ObjectNode) schema).deepCopy() : NODES.objectNode();
          switch (keyword) {
            case "nullable" -> copy.put("nullable", true);
            case "$id" -> copy.put("$id", "http://127.0.0.1:9/schemas/");
            default -> copy.putObject("discriminator").put("propertyName", "a").putObject("mapping")
                .put("a", "other.yaml").put("b", "#/components/schemas/B").put("c", "missing.yaml");
          }
          return copy;
        });
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(3, object), Tuple.of(1, array), Tuple.of(2, combined),
        Tuple.of(1, flagged));
  }

  private static Arbitrary<JsonNode> ref() {
    return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(REFS)), Tuple.of(1, Arbitraries.strings().ofMaxLength(12)))
        .map(ref -> NODES.objectNode().put("$ref", ref));
  }

  /** Anything JSON can hold, keys mostly from OpenAPI's vocabulary. */
  private static Arbitrary<JsonNode> any(int depth) {
    Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(10).map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()),
        Arbitraries.of(REFS).map(NODES::textNode));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> any(depth - 1));
    Arbitrary<String> keys = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(KEYS)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
    return Arbitraries.frequencyOf(
        Tuple.of(2, scalar),
        Tuple.of(2, Arbitraries.maps(keys, inner).ofMaxSize(4).map(SpecLoadingPropertyTest::object)),
        Tuple.of(1, inner.list().ofMaxSize(4).map(items -> {
          ArrayNode array = NODES.arrayNode();
          items.forEach(array::add);
          return array;
        })));
  }

  private static ObjectNode object(Map<String, JsonNode> fields) {
    ObjectNode object = NODES.objectNode();
    fields.forEach(object::set);
    return object;
  }

  private static boolean mkfifoWorks() {
    try {
      Path probe = Files.createTempDirectory("openapi-mcp-fifo-");
      try {
        return mkfifo(probe.resolve("p"));
      } finally {
        Files.deleteIfExists(probe.resolve("p"));
        Files.deleteIfExists(probe);
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean mkfifo(Path path) {
    try {
      Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
