import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Runs every spec under the given folders through generate, javac, a schema check and the CLI's
 * {@code lint} (in a child JVM, as a user runs it), and prints one line per spec plus totals and
 * the lint findings by kind. Used by scripts/oas-examples-sweep.sh.
 */
public final class OasExamplesSweep {

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("oas-sweep-");
    int specs = 0, generated = 0, compiled = 0, tools = 0, invalidSchemas = 0;
    int linted = 0, lintErrors = 0, lintWarnings = 0, lintCrashes = 0;
    Map<String, Integer> findingKinds = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
    for (String folder : args) {
      List<Path> files;
      try (Stream<Path> list = Files.list(Path.of(folder))) {
        files = list.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
      }
      for (Path spec : files) {
        specs++;
        Path dir = Path.of(folder).toAbsolutePath();
        String name = dir.getParent().getFileName() + "/" + dir.getFileName() + "/" + spec.getFileName();
        JsonNode lint = lint(spec, json);
        if (lint == null) {
          lintCrashes++;
          failures.add(name + ": lint crashed (no JSON report)");
        } else {
          linted++;
          lintErrors += lint.path("errors").asInt();
          lintWarnings += lint.path("warnings").asInt();
          for (JsonNode finding : lint.path("findings")) {
            findingKinds.merge(finding.path("severity").asText() + ": " + kind(finding.path("message").asText()), 1,
                Integer::sum);
          }
        }
        String pkg = "sweep.s" + specs;
        Path out = work.resolve("s" + specs);
        GeneratorConfig config = GeneratorConfig.builder(spec.toString()).packageName(pkg)
            .outputDirectory(out.resolve("src")).build();
        GenerationResult result;
        try {
          result = GenerationTool.generate(config);
        } catch (GenerationException | RuntimeException e) {
          String message = String.valueOf(e.getMessage()).replace(spec.toString(), spec.getFileName().toString());
          failures.add(name + ": generate: " + e.getClass().getSimpleName() + ": " + message);
          System.out.printf("%-60s generate FAILED%n", name);
          continue;
        }
        generated++;
        ToolCatalog catalog = GenerationTool.catalog(config);
        tools += catalog.tools().size();
        int bad = 0;
        for (ToolDefinition tool : catalog.tools()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> schema = json.readValue(tool.inputSchema(), Map.class);
          if (!validator.validateSchema(schema).valid()) {
            bad++;
          }
        }
        invalidSchemas += bad;
        Files.createDirectories(out.resolve("classes"));
        List<String> javac = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none",
            "-cp", System.getProperty("java.class.path"), "-d", out.resolve("classes").toString()));
        result.files().forEach(f -> javac.add(f.toString()));
        StringWriter errors = new StringWriter();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, new java.io.OutputStream() {
          @Override public void write(int b) { errors.write(b); }
        }, javac.toArray(String[]::new));
        if (status == 0) {
          compiled++;
        } else {
          failures.add(name + ": javac: " + errors.toString().lines().findFirst().orElse(""));
        }
        System.out.printf("%-60s %4d tools  javac %s  invalid schemas %d%n", name, catalog.tools().size(),
            status == 0 ? "ok" : "FAILED", bad);
      }
    }
    System.out.printf("%nspecs %d, generated %d, compiled %d, tools %d, schemas not 2020-12 %d%n",
        specs, generated, compiled, tools, invalidSchemas);
    System.out.printf("lint: %d specs linted, %d crashed; %d errors, %d warnings%n", linted, lintCrashes, lintErrors,
        lintWarnings);
    findingKinds.forEach((kind, count) -> System.out.printf("  %5d  %s%n", count, kind));
    failures.forEach(f -> System.out.println("  " + f));
  }

  /** The CLI's {@code lint --json} report for {@code spec}, or null when it printed none (a crash). */
  private static JsonNode lint(Path spec, ObjectMapper json) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xlog:disable", "-Xlog:all=warning:stderr", "-cp",
        System.getProperty("java.class.path"), "dev.openapimcp.cli.OpenApiMcp", "lint", "--spec",
        spec.toString(), "--json")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    int status = process.waitFor();
    // 0 = clean or warnings only, 3 = errors found; anything else is not a lint result.
    if (status != 0 && status != 3) {
      return null;
    }
    try {
      return json.readTree(out);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** A finding's message without its particulars (names, numbers, quoted text), to count by kind. */
  private static String kind(String message) {
    String general = message.replaceAll("'[^']*'", "'…'");
    String[] words = general.split("\\s+");
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 9)));
  }
}
