package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.internal.spec.LoadedSpec;
import dev.openapimcp.generator.internal.spec.Unresolved;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.SharedDefinitions;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns every operation of a spec into a {@link ToolDefinition}: selects the operations
 * ({@link OperationSelection}), names the tools ({@link ToolNames}), makes each one's arguments
 * ({@link ParameterArguments}, {@link BodyArguments}), text ({@link ToolText}) and hints
 * ({@link HintPolicy}), applies what holds across the spec ({@link CommonHeaders}) and names the
 * server ({@link ApiNaming}).
 */
public final class ToolConverter {

  /**
   * From this many tools on, independent per-tool work runs on every core: the largest APIs
   * (Microsoft Graph v1.0 and beta: 11,412 and 21,807 tools). GitHub's 1,186 stay on one thread.
   */
  public static final int MANY_TOOLS = 4_000;

  private final LoadedSpec spec;
  private final OpenAPI openApi;
  private final GeneratorConfig options;
  private final McpExtension extension;
  private final SchemaNormalizer normalizer;
  private final ComponentSchemas components;
  private final ParameterArguments parameters;
  private final BodyArguments body;
  private final ToolOutput output;
  private final SecuritySchemes credentials;
  private final ComponentResolver resolver;
  private final String apiName;
  /** Pointers of the keywords left out that lint has been told about. */
  private final Set<String> reported = new HashSet<>();

  private ToolConverter(LoadedSpec spec, GeneratorConfig options) {
    this.spec = spec;
    this.openApi = spec.openApi();
    this.options = options;
    SchemaJson json = new SchemaJson(spec.isOpenApi31());
    this.extension = new McpExtension(json.mapper());
    this.normalizer = new SchemaNormalizer(spec.isOpenApi31());
    // A component schema becomes JSON when a tool first reaches it: making all of GitHub's 969 at once
    // took a quarter of the conversion's samples of a first serve (JFR, 25 of 70), some never used.
    this.components = new ComponentSchemas(name -> json.of(componentSchema(name)), normalizer);
    JsonTextFallback textFallback = new JsonTextFallback(components);
    this.resolver = new ComponentResolver(openApi);
    this.parameters = new ParameterArguments(normalizer, textFallback, resolver, json);
    this.body = new BodyArguments(normalizer, components, textFallback, resolver, json);
    this.output = new ToolOutput(normalizer, components, resolver, json);
    this.apiName = ApiNaming.apiName(options.apiName(), openApi);
    this.credentials = new SecuritySchemes(openApi, apiName);
  }

  /** The component schema {@code name}, or {@code null} when the spec has none of that name. */
  private Schema<?> componentSchema(String name) {
    Components components = openApi.getComponents();
    return components == null || components.getSchemas() == null ? null : components.getSchemas().get(name);
  }

  /**
   * Converts the operations of {@code spec} that {@code config.filter()} accepts, named as it says.
   * An operation that cannot become a tool (a reference that leads nowhere, a path variable without
   * parameter) is left out and listed in {@link ConvertedApi#remarks()}; when every operation is
   * left out, the first reason is thrown.
   */
  public static ConvertedApi convert(LoadedSpec spec, GeneratorConfig config) throws GenerationException {
    try {
      return new ToolConverter(spec, config).convert();
    } catch (GenerationException e) {
      // Schemas know the JSON pointer of a problem; the file is added here, once.
      throw e.locatedIn(spec.location());
    }
  }

  private ConvertedApi convert() throws GenerationException {
    List<OperationRef> operations = OperationSelection.select(spec, options.filter(), extension);
    List<String> names = toolNames(operations);
    List<PendingTool> pending = new ArrayList<>();
    List<ConvertedApi.Remark> remarks = new ArrayList<>();
    GenerationException firstLeftOut = null;
    for (int i = 0; i < operations.size(); i++) {
      OperationRef op = operations.get(i);
      try {
        pending.add(toTool(op, names.get(i), remarks));
      } catch (GenerationException e) {
        // One operation's broken reference costs that operation, not the spec.
        firstLeftOut = firstLeftOut == null ? e : firstLeftOut;
        leftOut(names.get(i), op, e.pointer().map(pointer -> pointer + ": ").orElse("") + e.reason(), remarks, false);
      }
    }
    if (pending.isEmpty() && firstLeftOut != null) {
      throw firstLeftOut;
    }
    CommonHeaders.apply(pending);

    String baseUrl = ApiNaming.baseUrl(openApi, options.serverVariables(), spec.location());
    ResourceOffer resources = options.resources() ? new ResourceOffer(apiName, baseUrl, resolver) : null;
    SortedMap<String, SchemaParts> definitions = definitions(pending);
    GenerationException firstInvalid = leaveOutInvalidInputs(pending, definitions, remarks);
    if (firstInvalid != null) {
      if (pending.isEmpty()) {
        throw firstLeftOut != null ? firstLeftOut : firstInvalid;
      }
      // Only what the remaining tools reach.
      definitions = definitions(pending);
    }
    List<InvalidOutput> invalidOutputs = new ArrayList<>();
    boolean withOutput = OutputBudget.mayFit(pending, definitions, remarks, tool -> servable(tool, invalidOutputs));
    if (!invalidOutputs.isEmpty()) {
      // Each remark where the tool's others are, the last first so the earlier places stay where they
      // were; then only the definitions the remaining schemas reach.
      for (int i = invalidOutputs.size() - 1; i >= 0; i--) {
        InvalidOutput invalid = invalidOutputs.get(i);
        remarks.add(invalid.tool().remarksEnd(), invalid.remark());
        invalid.tool().leaveOutOutput();
      }
      definitions = definitions(pending);
    }
    SharedDefinitions shared = new SharedDefinitions(definitions.size());
    definitions.forEach((name, parts) -> shared.define(name, parts.root(), parts.refs().toArray(String[]::new)));

    // Each tool on its own (its builders, the definitions only read): Microsoft Graph beta's 269 MB of
    // whole schemas were a sixth of its conversion on one core (JFR of serve).
    List<ToolDefinition> whole = (pending.size() >= MANY_TOOLS ? pending.parallelStream() : pending.stream())
        .map(tool -> tool.build(shared, withOutput))
        .toList();
    List<ToolDefinition> built = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      built.add(resources == null ? whole.get(i) : resources.offer(whole.get(i), pending.get(i).source()));
    }
    String version = openApi.getInfo() == null || openApi.getInfo().getVersion() == null
        ? "0.0.0" : openApi.getInfo().getVersion();
    String serverName = options.serverName() != null ? options.serverName()
        : apiName.toLowerCase(Locale.ROOT) + "-mcp-server";
    ToolCatalog catalog = new ToolCatalog(serverName, version, baseUrl, ApiNaming.tokenVariable(apiName),
        built, credentials.list());
    catalog = OutputBudget.fit(catalog, remarks);
    List<ConvertedApi.ConvertedTool> tools = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      PendingTool tool = pending.get(i);
      OperationRef op = tool.source();
      List<String> tags = op.operation().getTags();
      ToolDefinition definition = catalog.tools().get(i);
      tools.add(new ConvertedApi.ConvertedTool(definition, op.operation().getOperationId(),
          tags == null || tags.isEmpty() ? null : tags.get(0), op.method(), op.path(), tool.input(),
          definition.outputSchema() == null ? null : tool.output()));
    }
    JsonNode root = extension.of(openApi.getExtensions());
    double rateLimit = root.path("rateLimit").asDouble(0);
    // 1e999 reads as Infinity and NaN is not a rate: neither limits anything, so neither is kept.
    return new ConvertedApi(apiName, catalog, tools, Double.isFinite(rateLimit) && rateLimit > 0 ? rateLimit : 0,
        remarks, text(root, "instructions"), text(root, "notFoundHint"), definitions);
  }

  /**
   * Whether {@code tool}'s output schema passes the meta-schema; a tool whose schema fails joins {@code
   * failed} with its remark. {@link OutputBudget#mayFit} asks only while the output schemas may fit:
   * once they certainly do not, none is served and the rest go unchecked. Checking GitHub's took about
   * 0.1 s of CPU in a first {@code serve} (async-profiler; a fifth of its conversion), for schemas none
   * of which is served (past 1.6 MB, twice what fits).
   */
  private boolean servable(PendingTool tool, List<InvalidOutput> failed) {
    Optional<ConvertedApi.Remark> problem =
        output.problem(tool.output(), tool.outputPointer(), tool.source(), tool.name());
    problem.ifPresent(remark -> failed.add(new InvalidOutput(tool, remark)));
    return problem.isEmpty();
  }

  /** A tool whose output schema fails the meta-schema, and the remark that says so. */
  private record InvalidOutput(PendingTool tool, ConvertedApi.Remark remark) {}

  /** Each definition a tool reaches, once, by name: the tools' schemas are made whole from them. */
  private SortedMap<String, SchemaParts> definitions(List<PendingTool> tools) throws GenerationException {
    Map<String, String> roots = new LinkedHashMap<>();
    for (PendingTool tool : tools) {
      tool.input().refs().forEach(name -> roots.putIfAbsent(name, SchemaNormalizer.DEFS_PREFIX + name));
      if (tool.output() != null) {
        tool.output().refs().forEach(name -> roots.putIfAbsent(name, SchemaNormalizer.DEFS_PREFIX + name));
      }
    }
    SortedMap<String, SchemaParts> definitions = new TreeMap<>();
    for (String name : components.closure(roots)) {
      definitions.put(name, components.parts(name));
    }
    return definitions;
  }

  /**
   * Leaves out the tools whose input schema is not JSON Schema 2020-12 ({@link SchemaCheck}; servers
   * trust these schemas and do not check them again at start), each with an error remark, as one
   * whose reference leads nowhere: one component the spec got wrong (Codat's accounting API has a
   * {@code definitions} entry whose {@code type} is an object) made the whole spec fail. Each
   * definition is checked once however many tools reach it.
   *
   * @return the first tool's problem, located at its operation, or {@code null} when every tool passed
   */
  private GenerationException leaveOutInvalidInputs(List<PendingTool> tools,
      SortedMap<String, SchemaParts> definitions, List<ConvertedApi.Remark> remarks) {
    SchemaCheck check = new SchemaCheck();
    if (tools.size() >= MANY_TOOLS) {
      // Each root against the meta-schema on every core first: two thirds of checking Graph beta's tools (JFR).
      check.checkRoots(tools.stream().map(tool -> tool.input().root()).toList(), "input");
    }
    GenerationException first = null;
    for (Iterator<PendingTool> it = tools.iterator(); it.hasNext(); ) {
      PendingTool tool = it.next();
      Optional<String> problem = check.problem(tool.input(), definitions::get, "input");
      if (problem.isPresent()) {
        OperationRef op = tool.source();
        String name = tool.name();
        String reason = "the " + problem.get();
        first = first == null ? GenerationException.at(null, op.pointer(), reason + " (tool " + name + ")") : first;
        leftOut(name, op, op.pointer() + ": " + reason, remarks, true);
        it.remove();
      }
    }
    return first;
  }

  /** Says that the operation {@code name} is left out, and why ({@code problem}, from its pointer on). */
  private static void leftOut(String name, OperationRef op, String problem, List<ConvertedApi.Remark> remarks,
      boolean error) {
    remarks.add(new ConvertedApi.Remark(name, op.method(), op.path(), problem + "; the operation is left out", error));
  }

  /** The extension's text {@code name}, stripped, or {@code null} when it has no such non-blank text. */
  private static String text(JsonNode extension, String name) {
    JsonNode value = extension.get(name);
    return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue().strip() : null;
  }

  /** Prefix and operationId, or the {@code x-mcp} name, made valid and unique. */
  private List<String> toolNames(List<OperationRef> operations) {
    List<String> candidates = new ArrayList<>();
    List<String> identities = new ArrayList<>();
    for (OperationRef op : operations) {
      String override = op.extension().path("name").asText(null);
      String prefix = override == null ? options.toolPrefix() : "";
      String base = override == null ? op.operation().getOperationId() : override;
      candidates.add(ToolNames.candidate(prefix == null ? "" : prefix, base, op.method(), op.path()));
      identities.add(op.method() + " " + op.path());
    }
    return ToolNames.unique(candidates, identities);
  }

  private PendingTool toTool(OperationRef op, String name, List<ConvertedApi.Remark> remarks)
      throws GenerationException {
    Operation operation = op.operation();
    // What an operation left out before failing is not this tool's.
    normalizer.takeDropped(0);
    components.takeDropped();
    // The loader took references that lead nowhere out of the model: ask it about what the tool needs.
    Optional<Unresolved> unresolved = spec.unresolvedUnder(op.pointer() + "/parameters")
        .or(() -> spec.unresolvedUnder(op.pointer() + "/requestBody"))
        .or(() -> spec.unresolvedUnder(op.pathPointer() + "/parameters"));
    if (unresolved.isPresent()) {
      throw GenerationException.at(null, unresolved.get().pointer(), unresolved.get().reason());
    }
    PathKey key = op.key();
    HttpBinding.Builder http = HttpBinding.of(op.method(), key.path());
    if (key.queryText() != null) {
      remarks.add(new ConvertedApi.Remark(name, op.method(), op.path(), op.pointer() + ": the path key carries the"
          + " query '?" + key.queryText() + "', which OpenAPI does not allow; the tool sends it as query parameters",
          false));
    }
    if (key.fragment() != null) {
      remarks.add(new ConvertedApi.Remark(name, op.method(), op.path(), op.pointer() + ": the path key carries the"
          + " fragment '#" + key.fragment() + "', which is no part of a request; the tool leaves it out", false));
    }
    ToolInput input = new ToolInput();
    Map<String, String> fixedHeaders = parameters.add(op, name, input, http, remarks);
    body.add(op, input, http);
    for (List<String> alternative : credentials.requirements(operation)) {
      http.requires(alternative.toArray(String[]::new));
    }
    JsonNode ext = op.extension();
    ToolDefinition.Builder definition = ToolDefinition.builder(name)
        .title(ext.path("title").asText(ToolText.title(operation)))
        .description(ext.path("description").asText(ToolText.description(operation)))
        .hints(HintPolicy.hints(op.method(), ext));
    SchemaParts inputSchema = input.schema(components);
    reportDropped(op, name, remarks);
    ToolOutput.Promised outputSchema = output.of(op, name, remarks).orElse(null);
    return new PendingTool(op, name, definition, http, fixedHeaders, inputSchema, outputSchema, remarks.size());
  }

  /** Lint warns once per keyword left out, naming the first tool whose schema had it. */
  private void reportDropped(OperationRef op, String name, List<ConvertedApi.Remark> remarks) {
    List<SchemaNormalizer.Dropped> dropped = new ArrayList<>(normalizer.takeDropped(0));
    dropped.addAll(components.takeDropped());
    for (SchemaNormalizer.Dropped keyword : dropped) {
      if (reported.add(keyword.pointer())) {
        remarks.add(new ConvertedApi.Remark(name, op.method(), op.path(), keyword.sentence(), false));
      }
    }
  }
}
