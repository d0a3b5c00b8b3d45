package dev.openapimcp.generator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.internal.model.ConvertedApi;
import dev.openapimcp.generator.internal.model.ToolConverter;
import dev.openapimcp.generator.internal.spec.SpecLoader;
import dev.openapimcp.runtime.tool.Argument;
import dev.openapimcp.runtime.tool.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What strict MCP clients and models will trip over in a spec's tools. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = {"Check the spec's tools for strict MCP clients.",
        "Names, JSON Schema 2020-12, clashing parameters, property names and the size of tools/list;",
        "exit code 3 when there are errors."},
    footer = "%nExample:%n  openapi-mcp lint --spec petstore.yaml --budget-bytes 50000")
final class LintCommand extends SpecCommand {

  /** Property names some clients (Anthropic's API among them) accept in tool input schemas. */
  static final Pattern PROPERTY_NAME = Pattern.compile("^[a-zA-Z0-9_.-]{1,64}$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin
  SpecOptions spec;

  @Option(names = "--budget-bytes", paramLabel = "BYTES", defaultValue = "100000",
      description = "Warn when tools/list is larger (default ${DEFAULT-VALUE}).")
  int budgetBytes;

  /** One finding. */
  record Finding(String severity, String tool, String message) {}

  @Override
  int run() throws Exception {
    GeneratorConfig config = spec.config("unused", Path.of("."));
    ConvertedApi api = ToolConverter.convert(SpecLoader.load(config.spec(), config.allowRemoteRefs()),
        new ToolConverter.Options(config.toolPrefix(), config.apiName(), config.serverName(), config.filter(),
            config.serverVariables()));
    List<Finding> findings = lint(api, budgetBytes);
    for (Finding finding : findings) {
      out().printf("%-7s %s: %s%n", finding.severity(), finding.tool(), finding.message());
    }
    long errors = findings.stream().filter(f -> f.severity().equals("error")).count();
    out().printf("%d tools, %d errors, %d warnings%n", api.tools().size(), errors, findings.size() - errors);
    return errors > 0 ? OpenApiMcp.EXIT_LINT_ERRORS : 0;
  }

  static List<Finding> lint(ConvertedApi api, int budgetBytes) throws Exception {
    List<Finding> findings = new ArrayList<>();
    if (api.tools().isEmpty()) {
      findings.add(new Finding("error", "(spec)", "no operation becomes a tool"));
    }
    JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
    for (ConvertedApi.ConvertedTool converted : api.tools()) {
      ToolDefinition tool = converted.definition();
      String operationId = converted.operationId();
      if (operationId == null) {
        findings.add(new Finding("warning", tool.name(), "no operationId; named from method and path"));
      } else if (!tool.name().endsWith(operationId)) {
        findings.add(new Finding("warning", tool.name(), "operationId '" + operationId
            + "' is not a valid name for strict clients (^[A-Za-z0-9_-]{1,64}$, unique); renamed"));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> schema = JSON.readValue(tool.inputSchema(), Map.class);
      JsonSchemaValidator.ValidationResponse valid = validator.validateSchema(schema);
      if (!valid.valid()) {
        findings.add(new Finding("error", tool.name(), "input schema is not JSON Schema 2020-12: "
            + valid.errorMessage()));
      }
      for (Argument argument : tool.http().arguments()) {
        if (!argument.property().equals(argument.wireName())) {
          findings.add(new Finding("warning", tool.name(), argument.location().name().toLowerCase(java.util.Locale.ROOT)
              + " '" + argument.wireName() + "' clashes with another argument; the model sees it as '"
              + argument.property() + "'"));
        }
      }
      for (Iterator<String> names = JSON.readTree(tool.inputSchema()).path("properties").fieldNames();
          names.hasNext(); ) {
        String name = names.next();
        if (!PROPERTY_NAME.matcher(name).matches()) {
          findings.add(new Finding("warning", tool.name(), "property '" + name
              + "' is rejected by strict clients (^[a-zA-Z0-9_.-]{1,64}$)"));
        }
      }
    }
    int bytes = ToolsCommand.toolsListBytes(api.catalog());
    if (bytes > budgetBytes) {
      findings.add(new Finding("warning", "(tools/list)", bytes + " bytes (about " + bytes / ToolsCommand.BYTES_PER_TOKEN
          + " tokens) exceeds the budget of " + budgetBytes + " bytes; use --include/--exclude"));
    }
    return findings;
  }
}
