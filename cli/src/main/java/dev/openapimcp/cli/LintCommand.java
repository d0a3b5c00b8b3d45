package dev.openapimcp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.Finding;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.LintReport;
import dev.openapimcp.generator.ToolListSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** What strict MCP clients and models will trip over in a spec's tools; one spec, or many for CI. */
@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Check the spec's tools for strict MCP clients and for a model's context.",
        "Errors: operations left out because their input schema is not valid JSON Schema 2020-12 (the MCP SDK"
        + " refuses it), a parameter"
        + " declared twice, a {variable} of a path without path parameter (the tool asks for it as a string), no"
        + " tools at all.",
        "Warnings: operations left out because a $ref they need leads nowhere, operationIds that had to be"
        + " renamed (longer than 64 characters, characters outside A-Z a-z 0-9 _ -, or taken), operations without"
        + " operationId, arguments the model sees under another name (a parameter and a body property share it,"
        + " or it is outside ^[a-zA-Z0-9_.-]{1,64}$, which strict clients require), swagger-parser's remarks, a"
        + " tools/list larger than --budget-bytes, and one too large for a model's context (then generate makes a"
        + " server that starts in discovery mode).",
        "With PATHs instead of --spec, lints many specs in one run, one at a time: files as named, and in"
        + " folders every .json, .yaml and .yml file with a top-level openapi or swagger key. A spec that"
        + " cannot be read is reported and the run goes on. --json prints one line per spec: {\"spec\","
        + " \"tools\", \"toolsListBytes\", \"errors\", \"warnings\"}, each finding as {\"subject\", \"message\"}."},
    footer = {"%nExamples:", "  openapi-mcp lint --spec petstore.yaml",
        "  openapi-mcp lint --spec api.json --budget-bytes 50000 --json",
        "  openapi-mcp lint --json specs/ more/api.yaml > lint.jsonl"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no errors (there may be warnings)", "1:failure",
        "2:invalid input: unknown option, unreadable spec, bad value",
        "3:errors found (with PATHs: in any spec, an unreadable one included)"})
final class LintCommand extends SpecCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--spec", paramLabel = "FILE|URL", description = SpecOptions.SPEC_DESCRIPTION)
  String location;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Spec files and folders to lint in one run, instead of --spec.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--budget-bytes", paramLabel = "BYTES", defaultValue = "100000",
      description = "Warn when the tools/list result is larger than this (default: ${DEFAULT-VALUE}).")
  int budgetBytes;

  @Option(names = "--json", description = "Print JSON for programs instead of lines.")
  boolean json;

  @Override
  String specLocation() {
    return location;
  }

  /**
   * The logger swagger-parser's remarks reach stderr by; lint reports them as findings, so there
   * they only repeat them (458 lines for the 2,768 specs of scripts/lint-corpus.sh).
   */
  private static final String SPEC_LOADER_LOG_LEVEL =
      "org.slf4j.simpleLogger.log.dev.openapimcp.generator.internal.spec.SpecLoader";

  @Override
  int run() throws Exception {
    if (System.getProperty(SPEC_LOADER_LOG_LEVEL) == null) {
      System.setProperty(SPEC_LOADER_LOG_LEVEL, "error");
    }
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("--budget-bytes must be a positive number of bytes.");
    }
    if (!paths.isEmpty()) {
      if (location != null) {
        throw new IllegalArgumentException("Give --spec or PATHs, not both: --spec lints one spec, PATHs many.");
      }
      return new BatchLint(this, spec, budgetBytes, json).run(paths);
    }
    if (location == null) {
      // Picocli's own sentence for a missing option: --spec is required unless PATHs are given.
      throw new ParameterException(command.commandLine(), "Missing required option: '--spec=FILE|URL'");
    }
    LintReport lint = GenerationTool.lint(config().build(), budgetBytes);
    List<Finding> findings = lint.findings();
    ToolListSize size = lint.size();
    int tools = lint.catalog().tools().size();
    long errors = lint.errors();
    long warnings = lint.warnings();
    if (json) {
      ObjectNode report = JSON.createObjectNode();
      report.put("tools", tools).put("errors", errors).put("warnings", warnings)
          .put("toolsListBytes", size.listBytes()).put("budgetBytes", budgetBytes);
      ArrayNode list = report.putArray("findings");
      for (Finding finding : findings) {
        list.addObject().put("severity", finding.severity().label()).put("subject", finding.subject())
            .put("message", finding.message());
      }
      out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    } else {
      for (Finding finding : findings) {
        out().printf("%-7s %s: %s%n", finding.severity().label(), finding.subject(), finding.message());
      }
      out().printf("%d tools: %s, %s; tools/list is %d bytes (~%d tokens), budget %d.%n", tools,
          count(errors, "error"), count(warnings, "warning"), size.listBytes(),
          ToolListSize.approxTokens(size.listBytes()), budgetBytes);
    }
    return errors > 0 ? OpenApiMcp.EXIT_LINT_ERRORS : OpenApiMcp.EXIT_OK;
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
