package dev.openapimcp.cli;

import static dev.openapimcp.testing.SpecFixtures.queryParameterRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openapimcp.testing.RecordingUpstream;
import dev.openapimcp.testing.SpecFixtures;
import dev.openapimcp.testing.SpecYaml;
import dev.openapimcp.testing.StandardError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Specs written to take the generator down, run as users run it: {@code openapi-mcp tools --spec}.
 * Each must end in one sentence on stderr naming the file, the JSON pointer where there is one and
 * the reason, exit code 2, nothing fetched or read that the spec may not reach, and no stack trace.
 */
class HostileSpecTest {

  /** Only a guard against hanging: each run takes about a second. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** What {@code openapi-mcp tools --spec <spec> <flags>} printed, with everything else written to System.err. */
  private record Run(int exitCode, String err, String log) {}

  private Run tools(String spec, String... flags) {
    List<String> args = new ArrayList<>(List.of("tools", "--spec", spec));
    args.addAll(List.of(flags));
    StandardError.Captured<Cli.Result> run = assertTimeoutPreemptively(HANG_GUARD,
        () -> StandardError.capture(() -> Cli.run(args.toArray(String[]::new))));
    assertThat(StandardError.hasStackTrace(run.value().err() + run.err())).as(run.value().err() + run.err())
        .isFalse();
    return new Run(run.value().exitCode(), run.value().err(), run.err());
  }

  /** Asserts a refusal: exit code 2 and exactly {@code sentence} on stderr, one line. */
  private static void assertRefused(Run run, String sentence) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(sentence + System.lineSeparator());
  }

  /** {@code POST /x} ({@code x}) whose JSON body has {@code schema}. */
  private static SpecYaml postingJson(String version, String title, String schema) {
    return SpecYaml.openapi(version, title).post("/x", "x", SpecYaml.jsonBody(schema));
  }

  /** A JSON spec whose one operation's body is {@code depth} object schemas nested in one another. */
  private static String nestedJson(int depth) {
    String schema = "{\"type\":\"string\"}";
    for (int i = 0; i < depth; i++) {
      schema = "{\"type\":\"object\",\"properties\":{\"p\":" + schema + "}}";
    }
    return "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"D\",\"version\":\"1\"},\"paths\":{\"/x\":{\"post\":"
        + "{\"operationId\":\"x\",\"requestBody\":{\"content\":{\"application/json\":{\"schema\":" + schema
        + "}}},\"responses\":{\"200\":{\"description\":\"OK\"}}}}}}";
  }

  @Test
  void anHttpRefInAYamlFileNamedJsonIsRefusedWhereItIsResolvedAndNothingIsFetched() throws Exception {
    try (RecordingUpstream server = RecordingUpstream.start().respond(200, "{\"type\": \"string\"}")) {
      String url = server.baseUrl() + "/evil.json";
      String spec = SpecFixtures.write(dir, "spec.yaml", queryParameterRef("inner.json"));
      // YAML in a .json file: the old pre-check could not parse it as JSON and let swagger-parser fetch the URL.
      SpecFixtures.write(dir, "inner.json", "type: object\nproperties:\n  a: {$ref: '" + url + "'}\n");

      Run run = tools(spec);

      assertRefused(run, dir.resolve("inner.json") + " #/properties/a: $ref '" + url + "' points to the network;"
          + " remote references are fetched only when allowed (plugin: <allowRemoteRefs>true</allowRemoteRefs>,"
          + " CLI: --allow-remote-refs)");
      assertThat(server.requests()).isEmpty();

      assertThat(tools(spec, "--allow-remote-refs").exitCode()).isZero();
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void aYamlAliasBombIsRefusedBeforeItExpands() {
    // 0.7 KB that expands to 9^7 (4.8 million) strings: swagger-parser took 10-30 s and 1.6 GB.
    StringBuilder yaml = new StringBuilder("openapi: 3.0.3\ninfo: {title: Bomb, version: '1'}\npaths: {}\n");
    yaml.append("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char level = 'b'; level <= 'h'; level++) {
      char previous = (char) (level - 1);
      yaml.append("x-").append(level).append(": &").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
    }
    String spec = SpecFixtures.write(dir, "bomb.yaml", yaml.toString());

    Run run = tools(spec);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(spec + " #/x-").endsWith(": its YAML aliases expand the document to more than"
        + " 100000 values, so it is not read (a \"billion laughs\" document)" + System.lineSeparator());
  }

  @Test
  void aYamlAliasInsideTheListItNamesIsRefused() {
    String spec = SpecFixtures.write(dir, "loop.yaml", "openapi: 3.0.3\ninfo: {title: L, version: '1'}\n"
        + "paths: {}\nx-loop: &loop [a, *loop]\n");

    assertRefused(tools(spec), spec + " #/x-loop/1: a YAML alias refers to an object or array that contains it,"
        + " so the document never ends");
  }

  @Test
  void aSchemaWhoseAllOfIncludesItselfIsRefusedNotAStackOverflow() {
    String spec = postingJson("3.0.3", "Self", "{$ref: '#/components/schemas/A'}").components("""
        schemas:
          A:
            allOf: [{$ref: '#/components/schemas/A'}]
        """).write(dir, "self.yaml");

    assertRefused(tools(spec), spec + " #/components/schemas/A/allOf/0: schema 'A' contains itself (A -> A) through"
        + " allOf, anyOf, oneOf, not, if or $ref without describing any part of the value, so no validator could ever"
        + " finish checking it");
  }

  @Test
  void aSchemaCycleThroughOtherSchemasIsRefusedToo() {
    String spec = postingJson("3.0.3", "Cycle", "{type: object, properties: {a: {$ref: '#/components/schemas/A'}}}")
        .components("""
            schemas:
              A: {anyOf: [{type: string}, {$ref: '#/components/schemas/B'}]}
              B: {not: {$ref: '#/components/schemas/A'}}
            """).write(dir, "cycle.yaml");

    Run run = tools(spec);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(spec + " #/components/schemas/A/anyOf/1: schema 'A' contains itself"
        + " (A -> B -> A) through");
  }

  @Test
  void aTreeOfSchemasIsNotACycle() throws Exception {
    // Recursion through properties describes ever smaller parts of a value: legal, and it ends.
    String spec = postingJson("3.0.3", "Tree", "{$ref: '#/components/schemas/Node'}").components("""
        schemas:
          Node:
            allOf:
              - type: object
                properties:
                  children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        """).write(dir, "tree.yaml");

    Run run = tools(spec);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
  }

  /**
   * 1 KB of schemas each referencing the next sixteen times, ten levels deep: 16^10 paths. swagger-parser's
   * 3.1 resolver copied every one (six levels of four took 18 s, eight 115 s and 1 GB), and deciding
   * whether the body can be flattened or taken as JSON text walked them all.
   */
  @ParameterizedTest
  @CsvSource({"3.0.3, allOf", "3.0.3, anyOf", "3.1.0, allOf", "3.1.0, anyOf"})
  void schemasReferencingTheNextManyTimesDoNotMultiplyTheWork(String version, String keyword) {
    StringBuilder schemas = new StringBuilder("schemas:\n");
    for (int level = 0; level < 10; level++) {
      schemas.append("  S").append(level).append(": {").append(keyword).append(": [")
          .append(String.join(", ", java.util.Collections.nCopies(16, "{$ref: '#/components/schemas/S" + (level + 1)
              + "'}"))).append("]}\n");
    }
    schemas.append("  S10: {type: object, properties: {a: {type: string}}}\n");
    String spec = postingJson(version, "Diamond", "{$ref: '#/components/schemas/S0'}").components(schemas.toString())
        .write(dir, "diamond.yaml");

    Run run = tools(spec);

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void nestingDeeperThanAnyApiIsRefusedInJsonAndYaml() {
    // 350 nested schemas overflowed the stack of the JSON Schema validator.
    String json = SpecFixtures.write(dir, "deep.json", nestedJson(350));

    Run run = tools(json);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).matches(java.util.regex.Pattern.quote(json) + " nests objects and arrays deeper than 128"
        + " levels \\(line 1, column \\d+\\), which no API description needs\\R");

    String yaml = SpecFixtures.write(dir, "deep.yaml", "openapi: 3.0.3\ninfo: {title: D, version: '1'}\npaths: {}\n"
        + "x-deep: " + "[".repeat(400) + "]".repeat(400) + "\n");
    assertRefused(tools(yaml), yaml + " nests objects and arrays deeper than 128 levels, which no API description"
        + " needs");
  }

  @Test
  void aSpecNestedJustWithinTheLimitConverts() {
    // 58 nested object schemas: 124 levels of JSON with the operation around them.
    String json = SpecFixtures.write(dir, "deep.json", nestedJson(58));

    Run run = tools(json);

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void aRefToDevZeroIsRefusedWithoutReadingIt() {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "a system with /dev/zero");
    String spec = SpecFixtures.write(dir, "zero.yaml", queryParameterRef("/dev/zero"));

    assertRefused(tools(spec), spec + " #/paths/~1x/get/parameters/0/schema: $ref '/dev/zero' leads to /dev/zero,"
        + " outside the spec's folder " + dir + "; files there are read only when allowed (plugin:"
        + " <allowOutsideRefs>true</allowOutsideRefs>, CLI: --allow-outside-refs)");
    // Allowed outside the folder, a device is still no document (it ran out of memory).
    assertRefused(tools(spec, "--allow-outside-refs"), spec + " #/paths/~1x/get/parameters/0/schema: $ref"
        + " '/dev/zero' names /dev/zero, which is a character device, not a regular file, so it is not read");
  }

  @Test
  void aRefToANamedPipeIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = mkfifo(dir.resolve("pipe.json"));
    String spec = SpecFixtures.write(dir, "pipe.yaml", queryParameterRef("pipe.json"));

    // Opening the pipe would wait for a writer forever.
    assertRefused(tools(spec), spec + " #/paths/~1x/get/parameters/0/schema: $ref 'pipe.json' names " + fifo
        + ", which is a named pipe (FIFO), not a regular file, so it is not read");
    assertRefused(tools(fifo.toString()), fifo + " is a named pipe (FIFO), not a regular file, so it is not read");
  }

  @Test
  void refsLeavingTheSpecsFolderAreRefusedUnlessAllowed() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("api"));
    SpecFixtures.write(dir, "secret.yaml", "type: string\nenum: [secret]\n");
    String spec = SpecFixtures.write(folder, "spec.yaml", queryParameterRef("../secret.yaml"));

    assertRefused(tools(spec), spec + " #/paths/~1x/get/parameters/0/schema: $ref '../secret.yaml' leads to "
        + dir.resolve("secret.yaml") + ", outside the spec's folder " + folder + "; files there are read only when"
        + " allowed (plugin: <allowOutsideRefs>true</allowOutsideRefs>, CLI: --allow-outside-refs)");
    assertThat(tools(spec, "--allow-outside-refs").exitCode()).isZero();
    // lint reads the spec as the other commands do (it used to ignore the flag and refuse).
    assertThat(Cli.run("lint", "--spec", spec).exitCode()).isEqualTo(2);
    Cli.Result allowed = Cli.run("lint", "--spec", spec, "--allow-outside-refs");
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
  }

  @Test
  void aSymbolicLinkInsideTheFolderCannotLeadOutOfIt() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("api"));
    Path secret = Files.writeString(dir.resolve("secret.yaml"), "type: string\n");
    try {
      Files.createSymbolicLink(folder.resolve("link.yaml"), secret);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links: " + e.getMessage());
    }
    String spec = SpecFixtures.write(folder, "spec.yaml", queryParameterRef("link.yaml"));

    Run run = tools(spec);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(spec + " #/paths/~1x/get/parameters/0/schema: $ref 'link.yaml' leads to "
        + folder.resolve("link.yaml") + ", outside the spec's folder");
  }

  @Test
  void aFileLargerThanAnyApiIsRefusedWithoutReadingIt() throws Exception {
    // Sparse: 200 MiB of nothing on disk.
    try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("huge.json").toFile(), "rw")) {
      huge.setLength(200L << 20);
    }
    String spec = SpecFixtures.write(dir, "spec.yaml", queryParameterRef("huge.json"));

    assertRefused(tools(spec), spec + " #/paths/~1x/get/parameters/0/schema: $ref 'huge.json' names "
        + dir.resolve("huge.json") + ", which is larger than 128 MiB, more than any API description needs, so it is"
        + " not read");
  }

  @Test
  void aJsonFileThatIsNoApiDescriptionIsRefused() {
    String spec = SpecFixtures.write(dir, "package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}");

    Run run = tools(spec);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(spec + ": cannot be parsed: attribute name is unexpected;");
  }

  @Test
  void otherSchemesAreNeverFollowed() {
    String spec = SpecFixtures.write(dir, "jar.yaml", queryParameterRef("jar:file:/tmp/x.jar!/schema.json"));

    assertRefused(tools(spec), spec + " #/paths/~1x/get/parameters/0/schema: $ref"
        + " 'jar:file:/tmp/x.jar!/schema.json' is not followed: only files and http(s) addresses can be referenced");
  }

  @Test
  void aSpecReadFromTheNetworkReachesItsOwnSiteButNoLocalFile() throws Exception {
    java.util.Map<String, String> site = new java.util.concurrent.ConcurrentHashMap<>();
    try (RecordingUpstream server = RecordingUpstream.start().respondWith(request -> site.containsKey(request.path())
        ? RecordingUpstream.Response.of(200, null, site.get(request.path()))
        : RecordingUpstream.Response.of(404, null, ""))) {
      String origin = server.baseUrl();
      site.put("/api/spec.yaml", queryParameterRef("schemas/q.yaml"));
      site.put("/api/schemas/q.yaml", "type: string\nenum: [a, b]\n");
      site.put("/api/local.yaml", queryParameterRef("file:///etc/hostname"));
      // Another site: "localhost" is another origin than "127.0.0.1", though the same server.
      site.put("/api/other.yaml", queryParameterRef("http://localhost:" + server.port() + "/api/schemas/q.yaml"));

      assertThat(tools(origin + "/api/spec.yaml").exitCode()).isZero();
      assertThat(server.requests()).extracting(RecordingUpstream.RecordedRequest::path)
          .containsExactly("/api/spec.yaml", "/api/schemas/q.yaml");

      assertRefused(tools(origin + "/api/local.yaml"), origin + "/api/local.yaml #/paths/~1x/get/parameters/0/schema:"
          + " $ref 'file:///etc/hostname' is not followed: a spec read from the network cannot reference local files");

      Run other = tools(origin + "/api/other.yaml");
      assertThat(other.exitCode()).isEqualTo(2);
      assertThat(other.err()).startsWith(origin + "/api/other.yaml #/paths/~1x/get/parameters/0/schema: $ref 'http://"
          + "localhost:").contains("points to another site than the spec's (" + origin + ")");
      assertThat(tools(origin + "/api/other.yaml", "--allow-remote-refs").exitCode()).isZero();
    }
  }

  private static Path mkfifo(Path path) throws Exception {
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo: " + e.getMessage());
      throw e;
    }
    assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo works here");
    return path;
  }
}
