package dev.openapimcp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.Finding;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.LintReport;
import dev.openapimcp.generator.ToolListSize;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What strict MCP clients and models will trip over in a spec's tools. */
@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Check the spec's tools for strict MCP clients and for a model's context.",
        "Errors: input schemas that are not valid JSON Schema 2020-12 (the MCP SDK refuses them), a parameter"
        + " declared twice, a {variable} of a path without path parameter (the tool asks for it as a string), no"
        + " tools at all.",
        "Warnings: operations left out because a $ref they need leads nowhere, operationIds that had to be"
        + " renamed (longer than 64 characters, characters outside A-Z a-z 0-9 _ -, or taken), operations without"
        + " operationId, arguments the model sees under another name (a parameter and a body property share it,"
        + " or it is outside ^[a-zA-Z0-9_.-]{1,64}$, which strict clients require), swagger-parser's remarks, and"
        + " a tools/list larger than --budget-bytes."},
    footer = {"%nExamples:", "  openapi-mcp lint --spec petstore.yaml",
        "  openapi-mcp lint --spec api.json --budget-bytes 50000 --json"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no errors (there may be warnings)", "1:failure",
        "2:invalid input: unknown option, unreadable spec, bad value", "3:errors found"})
final class LintCommand extends SpecCommand {

  @Option(names = "--budget-bytes", paramLabel = "BYTES", defaultValue = "100000",
      description = "Warn when the tools/list result is larger than this (default: ${DEFAULT-VALUE}).")
  int budgetBytes;

  @Option(names = "--json", description = "Print JSON for programs instead of lines.")
  boolean json;

  @Override
  int run() throws Exception {
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("--budget-bytes must be a positive number of bytes.");
    }
    LintReport lint = GenerationTool.lint(spec.config().build(), budgetBytes);
    List<Finding> findings = lint.findings();
    ToolListSize size = lint.size();
    int tools = lint.catalog().tools().size();
    long errors = lint.errors();
    long warnings = lint.warnings();
    if (json) {
      ObjectNode report = new ObjectMapper().createObjectNode();
      report.put("tools", tools).put("errors", errors).put("warnings", warnings)
          .put("toolsListBytes", size.listBytes()).put("budgetBytes", budgetBytes);
      ArrayNode list = report.putArray("findings");
      for (Finding finding : findings) {
        list.addObject().put("severity", finding.severity().label()).put("subject", finding.subject())
            .put("message", finding.message());
      }
      out().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
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

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
