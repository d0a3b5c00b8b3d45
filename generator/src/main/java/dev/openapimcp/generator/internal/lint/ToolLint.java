package dev.openapimcp.generator.internal.lint;

import dev.openapimcp.generator.Finding;
import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.generator.internal.model.ConvertedApi;
import dev.openapimcp.generator.internal.model.ConvertedApi.ConvertedTool;
import dev.openapimcp.generator.internal.model.SchemaCheck;
import dev.openapimcp.generator.internal.spec.LoadedSpec;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.Names;
import dev.openapimcp.model.ToolDefinition;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of the lint command: what strict MCP clients and models trip over in a spec's tools.
 * It reads both the converted tools and swagger-parser's model, since some facts (the original
 * operationId, an {@code x-mcp} name, parameters declared twice) do not survive conversion.
 */
public final class ToolLint {

  private static final String SPEC = "(spec)";

  private final LoadedSpec spec;
  private final ConvertedApi api;
  private final String prefix;
  private final List<Finding> findings = new ArrayList<>();

  private ToolLint(LoadedSpec spec, ConvertedApi api, String prefix) {
    this.spec = spec;
    this.api = api;
    this.prefix = prefix;
  }

  /**
   * Every finding for {@code api}, converted from {@code spec} with the tool name prefix
   * {@code prefix}; {@code size} is its tools/list, warned about above {@code budgetBytes}.
   */
  public static List<Finding> check(LoadedSpec spec, ConvertedApi api, String prefix, ToolListSize size, int budgetBytes) {
    ToolLint lint = new ToolLint(spec, api, prefix);
    for (String warning : spec.warnings()) {
      lint.findings.add(Finding.warning(SPEC, "swagger-parser: " + warning));
    }
    for (ConvertedApi.Remark remark : api.remarks()) {
      lint.findings.add(remark.error() ? Finding.error(remark.tool(), remark.message())
          : Finding.warning(remark.tool(), remark.message()));
    }
    if (api.tools().isEmpty()) {
      lint.findings.add(Finding.error(SPEC, "no operation becomes a tool (see --include, --exclude,"
          + " --include-deprecated and x-mcp: false)"));
    }
    SchemaCheck schemas = new SchemaCheck();
    for (ConvertedTool tool : api.tools()) {
      Operation operation = lint.operation(tool);
      lint.checkName(tool, operation);
      lint.checkDeclaredTwice(tool, operation);
      lint.checkSchema(tool.definition(), schemas);
      lint.checkRenamedArguments(tool.definition());
    }
    if (size.listBytes() > budgetBytes) {
      lint.findings.add(Finding.warning("(tools/list)", size.listBytes() + " bytes (~"
          + ToolListSize.approxTokens(size.listBytes()) + " tokens) is over the budget of " + budgetBytes
          + " bytes; leave operations out (--include, --exclude, x-mcp: false) or serve with --tools dynamic"));
    }
    if (size.needsDiscovery()) {
      lint.findings.add(Finding.warning("(tools/list)", "more than ~" + ToolListSize.DISCOVERY_THRESHOLD_TOKENS
          + " tokens, a model's whole context window, so a generated server starts in discovery mode"
          + " (--tools dynamic: search, describe and invoke tools) unless generated with --tools all (plugin:"
          + " <toolMode>all</toolMode>)"));
    }
    return List.copyOf(lint.findings);
  }

  private Operation operation(ConvertedTool tool) {
    PathItem item = spec.openApi().getPaths() == null ? null : spec.openApi().getPaths().get(tool.path());
    if (item == null) {
      return null;
    }
    return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(tool.method().toUpperCase(Locale.ROOT)));
  }

  /** A tool name that is not what the spec asked for: strict clients would have rejected it. */
  private void checkName(ConvertedTool tool, Operation operation) {
    String name = tool.definition().name();
    String override = operation == null ? null : xMcpName(operation);
    String operationId = tool.operationId();
    if (override == null && (operationId == null || operationId.isBlank())) {
      findings.add(Finding.warning(name, "no operationId, so the name comes from method and path and changes"
          + " with them"));
      return;
    }
    String wanted = override != null ? override : prefix + operationId;
    if (name.equals(wanted)) {
      return;
    }
    List<String> reasons = new ArrayList<>();
    if (!Names.hasToolNameCharacters(wanted)) {
      reasons.add("has characters outside A-Z a-z 0-9 _ -");
    }
    if (wanted.length() > Names.MAX_LENGTH) {
      reasons.add("is longer than " + Names.MAX_LENGTH + " characters");
    }
    if (reasons.isEmpty()) {
      reasons.add("is taken by another operation");
    }
    String source = override != null ? "x-mcp name '" + override + "'"
        : "operationId '" + operationId + "'" + (prefix.isEmpty() ? "" : " with prefix '" + prefix + "'");
    findings.add(Finding.warning(name, source + " " + String.join(" and ", reasons) + ", so the tool was renamed"
        + " (strict clients accept only unique names matching " + Names.TOOL_NAME + ")"));
  }

  private static String xMcpName(Operation operation) {
    Object extension = operation.getExtensions() == null ? null : operation.getExtensions().get("x-mcp");
    if (extension instanceof Map<?, ?> map && map.get("name") instanceof String name && !name.isBlank()) {
      return name;
    }
    return null;
  }

  /**
   * The same parameter twice in one list: the spec is invalid and the converter keeps only the last.
   * swagger-parser has already merged path-level parameters into the operation's list, so the
   * message names the operation rather than a JSON pointer that might be wrong.
   */
  private void checkDeclaredTwice(ConvertedTool tool, Operation operation) {
    PathItem item = spec.openApi().getPaths() == null ? null : spec.openApi().getPaths().get(tool.path());
    if (item != null) {
      declaredTwice(tool, item.getParameters());
    }
    if (operation != null) {
      declaredTwice(tool, operation.getParameters());
    }
  }

  private void declaredTwice(ConvertedTool tool, List<Parameter> parameters) {
    if (parameters == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (Parameter declared : parameters) {
      Parameter parameter = resolve(declared);
      if (parameter == null || parameter.getName() == null || parameter.getIn() == null) {
        continue;
      }
      String in = parameter.getIn().toLowerCase(Locale.ROOT);
      // Header names are case-insensitive; other names are not.
      String name = in.equals("header") ? parameter.getName().toLowerCase(Locale.ROOT) : parameter.getName();
      String key = in + ":" + name;
      if (!seen.add(key)) {
        findings.add(Finding.error(tool.definition().name(), in + " parameter '" + parameter.getName()
            + "' is declared twice for " + tool.method() + " " + tool.path() + "; only the last declaration is used"));
      }
    }
  }

  /** Follows {@code #/components/parameters/...} references; {@code null} when one does not resolve. */
  private Parameter resolve(Parameter parameter) {
    Parameter current = parameter;
    for (int depth = 0; current != null && current.get$ref() != null; depth++) {
      String ref = current.get$ref();
      String section = "#/components/parameters/";
      Map<String, Parameter> components = spec.openApi().getComponents() == null
          ? null : spec.openApi().getComponents().getParameters();
      if (depth > 16 || !ref.startsWith(section) || components == null) {
        return null;
      }
      current = components.get(ref.substring(section.length()));
    }
    return current;
  }

  /** What strict clients check on tools/list (and the SDK would at start, had the generator not). */
  private void checkSchema(ToolDefinition tool, SchemaCheck schemas) {
    schemas.problem(tool.inputSchema()).ifPresent(problem -> findings.add(Finding.error(tool.name(), problem)));
  }

  /**
   * Arguments whose name the model sees differs from the spec's: the name is one strict clients
   * refuse, or a parameter and a body property clashed.
   */
  private void checkRenamedArguments(ToolDefinition tool) {
    for (Argument argument : tool.http().arguments()) {
      if (!argument.property().equals(argument.wireName())) {
        String why = Names.isPropertyName(argument.wireName())
            ? "shares its name with another argument"
            : "is not a name strict clients accept (" + Names.PROPERTY_NAME + ")";
        findings.add(Finding.warning(tool.name(), location(argument) + " '" + argument.wireName() + "' " + why
            + ", so the model sees it as '" + argument.property() + "' (it is still sent as '"
            + argument.wireName() + "')"));
      }
    }
  }

  private static String location(Argument argument) {
    return switch (argument.location()) {
      case PATH -> "path parameter";
      case QUERY -> "query parameter";
      case HEADER -> "header";
      case COOKIE -> "cookie";
      case BODY_PROPERTY -> "body property";
      case BODY -> "body";
    };
  }
}
