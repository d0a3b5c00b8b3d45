package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.OperationFilter;
import dev.openapimcp.generator.internal.spec.LoadedSpec;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ParameterStyle;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns every operation of a spec into a {@link ToolDefinition}. */
public final class ToolConverter {


  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^{}/]+)}");
  /** References followed one after another before they count as a loop. */
  private static final int MAX_REF_CHAIN = 16;
  /**
   * Schemas looked at to decide whether a body can be flattened: schemas whose allOf includes the
   * next one four times over twenty levels were 4^16 looks (7 s) without a limit.
   */
  private static final int MAX_FLATTEN_VISITS = 10_000;
  private static final String MCP_EXTENSION = "x-mcp";
  /** OpenAPI says these header parameters are ignored: the media types and security define them. */
  private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");
  private static final List<String> PREFERRED_MEDIA_TYPES = List.of(
      "application/json", "application/x-www-form-urlencoded", "multipart/form-data");
  /** Error descriptions that say nothing beyond the status code. */
  private static final Set<String> GENERIC_ERRORS = Set.of(
      "", "error", "bad request", "unauthorized", "forbidden", "not found", "conflict", "too many requests",
      "internal server error", "unexpected error", "service unavailable", "default error", "default response",
      "validation failed", "unprocessable entity", "method not allowed", "gone", "error response",
      "an error occurred", "failure", "failed");

  private final LoadedSpec spec;
  private final OpenAPI openApi;
  private final GeneratorConfig options;
  private final ObjectMapper mapper;
  private final SchemaNormalizer normalizer;
  private final ComponentSchemas components;
  private final JsonTextFallback textFallback;
  private final SecuritySchemes credentials;
  /** Schemas {@link #flattenable} looked at for the current body. */
  private int flattenVisits;

  private ToolConverter(LoadedSpec spec, GeneratorConfig options) {
    this.spec = spec;
    this.openApi = spec.openApi();
    this.options = options;
    this.mapper = spec.isOpenApi31() ? Json31.mapper() : Json.mapper();
    this.normalizer = new SchemaNormalizer(spec.isOpenApi31());
    Map<String, JsonNode> raw = new HashMap<>();
    if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
      openApi.getComponents().getSchemas().forEach((name, schema) -> raw.put(name, toJson(schema)));
    }
    this.components = new ComponentSchemas(raw, normalizer);
    this.textFallback = new JsonTextFallback(components);
    this.credentials = new SecuritySchemes(openApi, apiName());
  }

  /**
   * Converts the operations of {@code spec} that {@code config.filter()} accepts, named as it says.
   * An operation that cannot become a tool (a reference that leads nowhere, a path variable without
   * parameter) is left out and listed in {@link ConvertedApi#skipped()}; when every operation is
   * left out, the first reason is thrown.
   */
  public static ConvertedApi convert(LoadedSpec spec, GeneratorConfig config) throws GenerationException {
    try {
      return new ToolConverter(spec, config).convert();
    } catch (GenerationException e) {
      // Schema errors know the JSON pointer; the file is added here, once.
      if (e.getMessage().startsWith(spec.location())) {
        throw e;
      }
      throw new GenerationException(spec.location() + " " + e.getMessage(), e);
    }
  }

  private ConvertedApi convert() throws GenerationException {
    List<OperationRef> operations = operations();
    List<String> candidates = new ArrayList<>();
    List<String> identities = new ArrayList<>();
    for (OperationRef op : operations) {
      String override = op.extension().path("name").asText(null);
      String prefix = override == null ? options.toolPrefix() : "";
      String base = override == null ? op.operation().getOperationId() : override;
      candidates.add(ToolNames.candidate(prefix == null ? "" : prefix, base, op.method(), op.path()));
      identities.add(op.method() + " " + op.path());
    }
    List<String> names = ToolNames.unique(candidates, identities);

    List<PendingTool> pending = new ArrayList<>();
    List<ConvertedApi.Remark> remarks = new ArrayList<>();
    String firstLeftOut = null;
    for (int i = 0; i < operations.size(); i++) {
      OperationRef op = operations.get(i);
      try {
        pending.add(toTool(op, names.get(i), remarks));
      } catch (GenerationException e) {
        // One operation's broken reference costs that operation, not the spec.
        String reason = e.getMessage().startsWith(spec.location() + " ")
            ? e.getMessage().substring(spec.location().length() + 1) : e.getMessage();
        firstLeftOut = firstLeftOut == null ? reason : firstLeftOut;
        remarks.add(new ConvertedApi.Remark(names.get(i), op.method(), op.path(), reason
            + "; the operation is left out", false));
      }
    }
    if (pending.isEmpty() && firstLeftOut != null) {
      throw new GenerationException(spec.location() + " " + firstLeftOut);
    }
    applyCommonHeaderDefaults(pending);

    String apiName = apiName();
    List<ConvertedApi.ConvertedTool> tools = new ArrayList<>();
    List<ToolDefinition> definitions = new ArrayList<>();
    for (PendingTool tool : pending) {
      ToolDefinition definition = tool.build();
      definitions.add(definition);
      OperationRef op = tool.source();
      List<String> tags = op.operation().getTags();
      tools.add(new ConvertedApi.ConvertedTool(definition, op.operation().getOperationId(),
          tags == null || tags.isEmpty() ? null : tags.get(0), op.method(), op.path()));
    }
    String version = openApi.getInfo() == null || openApi.getInfo().getVersion() == null
        ? "0.0.0" : openApi.getInfo().getVersion();
    String serverName = options.serverName() != null ? options.serverName()
        : apiName.toLowerCase(Locale.ROOT) + "-mcp-server";
    ToolCatalog catalog = new ToolCatalog(serverName, version, baseUrl(), tokenVariable(apiName), definitions,
        credentials.list());
    JsonNode root = extension(openApi.getExtensions());
    double rateLimit = root.path("rateLimit").asDouble(0);
    // 1e999 reads as Infinity and NaN is not a rate: neither limits anything, so neither is kept.
    return new ConvertedApi(apiName, catalog, tools, Double.isFinite(rateLimit) && rateLimit > 0 ? rateLimit : 0,
        remarks, text(root, "instructions"), text(root, "notFoundHint"));
  }

  // ---- operations -------------------------------------------------------------------------

  private record OperationRef(String path, String method, PathItem pathItem, Operation operation, JsonNode extension) {
    String pointer() {
      return SchemaNormalizer.operationPointer(path, method);
    }
  }

  private List<OperationRef> operations() throws GenerationException {
    List<OperationRef> result = new ArrayList<>();
    if (openApi.getPaths() == null) {
      return result;
    }
    if (isExcluded(openApi.getExtensions())) {
      return result;
    }
    for (Map.Entry<String, PathItem> entry : openApi.getPaths().entrySet()) {
      PathItem item = entry.getValue();
      if (item == null || isExcluded(item.getExtensions())) {
        continue;
      }
      List<Map.Entry<PathItem.HttpMethod, Operation>> byDocumentOrder = new ArrayList<>(
          item.readOperationsMap().entrySet());
      List<String> order = spec.methodOrder().getOrDefault(entry.getKey(), List.of());
      byDocumentOrder.sort(java.util.Comparator.comparingInt(e -> {
        int index = order.indexOf(e.getKey().name().toLowerCase(Locale.ROOT));
        return index < 0 ? Integer.MAX_VALUE : index;
      }));
      for (Map.Entry<PathItem.HttpMethod, Operation> byMethod : byDocumentOrder) {
        Operation operation = byMethod.getValue();
        if (isExcluded(operation.getExtensions())
            || (Boolean.TRUE.equals(operation.getDeprecated()) && !options.filter().includeDeprecated())
            || !options.filter().accepts(byMethod.getKey().name(), entry.getKey(), operation.getOperationId(),
                operation.getTags())) {
          continue;
        }
        JsonNode extension = extension(operation.getExtensions());
        result.add(new OperationRef(entry.getKey(), byMethod.getKey().name(), item, operation, extension));
      }
    }
    return result;
  }

  private static boolean isExcluded(Map<String, Object> extensions) {
    return extensions != null && Boolean.FALSE.equals(extensions.get(MCP_EXTENSION));
  }

  private JsonNode extension(Map<String, Object> extensions) {
    Object value = extensions == null ? null : extensions.get(MCP_EXTENSION);
    JsonNode node = value == null ? null : mapper.valueToTree(value);
    return node != null && node.isObject() ? node : NODES.objectNode();
  }

  // ---- one tool ---------------------------------------------------------------------------

  /** A tool under construction; fixed headers may still be added across operations. */
  private static final class PendingTool {
    final OperationRef source;
    final ToolDefinition.Builder definition;
    final HttpBinding.Builder http;
    final Map<String, String> fixedHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    PendingTool(OperationRef source, ToolDefinition.Builder definition, HttpBinding.Builder http) {
      this.source = source;
      this.definition = definition;
      this.http = http;
    }

    OperationRef source() {
      return source;
    }

    ToolDefinition build() {
      fixedHeaders.forEach(http::fixedHeader);
      return definition.http(http.build()).build();
    }
  }

  private PendingTool toTool(OperationRef op, String name, List<ConvertedApi.Remark> remarks)
      throws GenerationException {
    Operation operation = op.operation();
    // The loader took references that lead nowhere out of the model: ask it about what the tool needs.
    String pathPointer = "#/paths/" + SchemaNormalizer.escape(op.path());
    Optional<String> unresolved = spec.unresolvedUnder(op.pointer() + "/parameters")
        .or(() -> spec.unresolvedUnder(op.pointer() + "/requestBody"))
        .or(() -> spec.unresolvedUnder(pathPointer + "/parameters"));
    if (unresolved.isPresent()) {
      throw new GenerationException(unresolved.get());
    }
    HttpBinding.Builder http = HttpBinding.of(op.method(), op.path());
    ObjectNode properties = NODES.objectNode();
    Set<String> required = new LinkedHashSet<>();
    Map<String, String> refs = new LinkedHashMap<>();
    Map<String, String> fixedHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    for (ResolvedParameter parameter : parameters(op)) {
      Parameter p = parameter.parameter();
      String in = p.getIn() == null ? "" : p.getIn().toLowerCase(Locale.ROOT);
      String at = parameter.pointer();
      JsonNode schema = normalizer.normalize(parameterSchema(p), at + "/schema", refs);
      if (in.equals("header")) {
        if (IGNORED_HEADERS.contains(p.getName().toLowerCase(Locale.ROOT))) {
          continue;
        }
        JsonNode fixed = fixedValue(schema);
        if (fixed != null) {
          // A header with a default (Notion-Version) is sent as is and hidden from the model.
          fixedHeaders.put(p.getName(), fixed.asText());
          continue;
        }
      }
      ArgumentLocation location = location(in, at);
      String property = freeName(properties, p.getName(), in);
      properties.set(property, textFallback.wrap(withDescription(schema, p.getDescription()), at + "/schema"));
      if (Boolean.TRUE.equals(p.getRequired()) || location == ArgumentLocation.PATH) {
        required.add(property);
      }
      http.argument(new Argument(property, p.getName(), location, style(p, location), explode(p, location)));
    }
    for (String variable : undeclaredPathVariables(op, http)) {
      // Without it the tool could never fill its URL: ask for it as text, and let lint say the spec is wrong.
      String property = freeName(properties, variable, "path");
      properties.set(property, NODES.objectNode().put("type", "string"));
      required.add(property);
      http.argument(new Argument(property, variable, ArgumentLocation.PATH, ParameterStyle.SIMPLE, false));
      remarks.add(new ConvertedApi.Remark(name, op.method(), op.path(), op.pointer() + ": the path variable {"
          + variable + "} has no path parameter, so the tool asks for it as a string", true));
    }

    addRequestBody(op, http, properties, required, refs);
    for (List<String> alternative : credentials.requirements(operation)) {
      http.requires(alternative.toArray(String[]::new));
    }

    ObjectNode input = NODES.objectNode();
    input.put("type", "object");
    input.set("properties", properties);
    if (!required.isEmpty()) {
      ArrayNode list = input.putArray("required");
      required.forEach(list::add);
    }
    if (!refs.isEmpty()) {
      input.set("$defs", components.reachableDefs(refs));
    }

    JsonNode ext = op.extension();
    ToolDefinition.Builder definition = ToolDefinition.builder(name)
        .title(ext.path("title").asText(title(operation)))
        .description(ext.path("description").asText(description(operation)))
        .inputSchema(input.toString())
        .hints(hints(op.method(), ext));
    PendingTool tool = new PendingTool(op, definition, http);
    tool.fixedHeaders.putAll(fixedHeaders);
    return tool;
  }

  /**
   * The {@code {variables}} of the path template without a path parameter. A tool without one
   * could never fill its URL: swagger-parser dropped a parameter it could not resolve without a
   * word, and a DELETE with two path variables became a tool without arguments.
   */
  private static List<String> undeclaredPathVariables(OperationRef op, HttpBinding.Builder http) {
    Set<String> bound = new HashSet<>();
    for (Argument argument : http.build().arguments()) {
      if (argument.location() == ArgumentLocation.PATH) {
        bound.add(argument.wireName());
      }
    }
    List<String> missing = new ArrayList<>();
    Matcher variables = PATH_VARIABLE.matcher(op.path());
    while (variables.find()) {
      if (bound.add(variables.group(1))) {
        missing.add(variables.group(1));
      }
    }
    return missing;
  }

  private record ResolvedParameter(Parameter parameter, String pointer) {}

  /** Path-level parameters, overridden by operation parameters with the same name and location. */
  private List<ResolvedParameter> parameters(OperationRef op) throws GenerationException {
    Map<String, ResolvedParameter> byKey = new LinkedHashMap<>();
    String pathPointer = "#/paths/" + SchemaNormalizer.escape(op.path());
    addParameters(byKey, op.pathItem().getParameters(), pathPointer + "/parameters");
    addParameters(byKey, op.operation().getParameters(), op.pointer() + "/parameters");
    return new ArrayList<>(byKey.values());
  }

  private void addParameters(Map<String, ResolvedParameter> byKey, List<Parameter> parameters, String pointer)
      throws GenerationException {
    if (parameters == null) {
      return;
    }
    for (int i = 0; i < parameters.size(); i++) {
      String at = pointer + "/" + i;
      Parameter p = resolve(parameters.get(i), at);
      if (p.getName() == null || p.getIn() == null) {
        throw new GenerationException(spec.location() + " " + at + ": parameter needs 'name' and 'in'");
      }
      byKey.put(p.getIn() + ":" + p.getName(), new ResolvedParameter(p, at));
    }
  }

  private Parameter resolve(Parameter parameter, String pointer) throws GenerationException {
    return resolveComponent(parameter, Parameter::get$ref, "#/components/parameters/", Components::getParameters,
        pointer);
  }

  /**
   * Follows {@code $ref}s into one section of {@code components} ({@code parameters},
   * {@code requestBodies}); a chain longer than a few links is taken for a cycle.
   */
  private <T> T resolveComponent(T value, Function<T, String> refOf, String prefix,
      Function<Components, Map<String, T>> section, String pointer) throws GenerationException {
    T current = value;
    for (int depth = 0; current != null && refOf.apply(current) != null; depth++) {
      String ref = refOf.apply(current);
      Map<String, T> components = openApi.getComponents() == null ? null : section.apply(openApi.getComponents());
      T target = depth < MAX_REF_CHAIN && ref.startsWith(prefix) && components != null
          ? components.get(SchemaNormalizer.unescape(ref.substring(prefix.length()))) : null;
      if (target == null) {
        throw new GenerationException(spec.location() + " " + pointer + ": $ref '" + ref + "' does not resolve");
      }
      current = target;
    }
    return current;
  }

  private JsonNode parameterSchema(Parameter p) {
    if (p.getSchema() != null) {
      return toJson(p.getSchema());
    }
    if (p.getContent() != null && !p.getContent().isEmpty()) {
      MediaType media = p.getContent().values().iterator().next();
      return media.getSchema() == null ? null : toJson(media.getSchema());
    }
    return null;
  }

  private ArgumentLocation location(String in, String pointer) throws GenerationException {
    switch (in) {
      case "path":
        return ArgumentLocation.PATH;
      case "query":
        return ArgumentLocation.QUERY;
      case "header":
        return ArgumentLocation.HEADER;
      case "cookie":
        return ArgumentLocation.COOKIE;
      default:
        throw new GenerationException(spec.location() + " " + pointer + ": unknown parameter location '" + in + "'");
    }
  }

  private static ParameterStyle style(Parameter p, ArgumentLocation location) {
    if (p.getStyle() == null) {
      return location == ArgumentLocation.QUERY || location == ArgumentLocation.COOKIE
          ? ParameterStyle.FORM : ParameterStyle.SIMPLE;
    }
    switch (p.getStyle()) {
      case FORM:
        return ParameterStyle.FORM;
      case LABEL:
        return ParameterStyle.LABEL;
      case MATRIX:
        return ParameterStyle.MATRIX;
      case SPACEDELIMITED:
        return ParameterStyle.SPACE_DELIMITED;
      case PIPEDELIMITED:
        return ParameterStyle.PIPE_DELIMITED;
      case DEEPOBJECT:
        return ParameterStyle.DEEP_OBJECT;
      default:
        return ParameterStyle.SIMPLE;
    }
  }

  /** OpenAPI: {@code explode} defaults to true for {@code form}, false otherwise. */
  private static boolean explode(Parameter p, ArgumentLocation location) {
    if (p.getExplode() != null) {
      return p.getExplode();
    }
    return style(p, location) == ParameterStyle.FORM;
  }

  /** A header's fixed value: its default, or the only value its enum allows. */
  private static JsonNode fixedValue(JsonNode schema) {
    if (schema.has("default") && schema.get("default").isValueNode()) {
      return schema.get("default");
    }
    JsonNode values = schema.get("enum");
    if (values != null && values.isArray() && values.size() == 1 && values.get(0).isValueNode()) {
      return values.get(0);
    }
    return null;
  }

  /**
   * A schema property name for {@code wanted}, valid for strict clients ({@link ArgumentNames}).
   * Parameters come first, then body properties; a later clash is renamed to
   * {@code <location>_<name>} so no value is lost.
   */
  private static String freeName(ObjectNode properties, String wanted, String location) {
    String name = ArgumentNames.clean(wanted);
    if (!properties.has(name)) {
      return name;
    }
    String prefixed = ArgumentNames.clean(location + "_" + wanted);
    name = prefixed;
    for (int i = 2; properties.has(name); i++) {
      name = ArgumentNames.fit(prefixed + "_" + i, prefixed + "_" + i);
    }
    return name;
  }

  private static JsonNode withDescription(JsonNode schema, String description) {
    if (description == null || description.isBlank() || !schema.isObject()) {
      return schema;
    }
    ObjectNode copy = ((ObjectNode) schema).deepCopy();
    // Put the description first so it reads naturally in tool listings.
    ObjectNode ordered = NODES.objectNode();
    ordered.put("description", description.strip());
    copy.remove("description");
    ordered.setAll(copy);
    return ordered;
  }

  // ---- request body -----------------------------------------------------------------------

  private void addRequestBody(OperationRef op, HttpBinding.Builder http, ObjectNode properties,
      Set<String> required, Map<String, String> refs) throws GenerationException {
    RequestBody body = resolve(op.operation().getRequestBody(), op.pointer() + "/requestBody");
    if (body == null || body.getContent() == null || body.getContent().isEmpty()) {
      return;
    }
    String mediaType = chooseMediaType(body.getContent().keySet());
    http.mediaType(mediaType);
    String at = op.pointer() + "/requestBody/content/" + SchemaNormalizer.escape(mediaType) + "/schema";
    MediaType media = body.getContent().get(mediaType);
    Map<String, String> bodyRefs = new LinkedHashMap<>();
    JsonNode schema = normalizer.normalize(media.getSchema() == null ? null : toJson(media.getSchema()), at, bodyRefs);
    boolean bodyRequired = Boolean.TRUE.equals(body.getRequired());

    ObjectNode flat = flattenable(schema, at);
    if (flat == null) {
      bodyRefs.forEach(refs::putIfAbsent);
      String property = freeName(properties, "body", "request");
      properties.set(property, textFallback.wrap(withDescription(schema, body.getDescription()), at));
      if (bodyRequired) {
        required.add(property);
      }
      http.argument(Argument.body(property));
      return;
    }
    // Refs of the flattened properties only: the body's own component is no longer referenced.
    Set<String> flatRefs = new LinkedHashSet<>();
    collectRefs(flat.path("properties"), flatRefs);
    for (String name : flatRefs) {
      refs.putIfAbsent(name, bodyRefs.getOrDefault(name, at));
    }
    Set<String> bodyRequiredProperties = new LinkedHashSet<>();
    flat.path("required").forEach(n -> bodyRequiredProperties.add(n.asText()));
    var fields = flat.path("properties").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String property = freeName(properties, field.getKey(), "body");
      properties.set(property, textFallback.wrap(field.getValue(),
          at + "/properties/" + SchemaNormalizer.escape(field.getKey())));
      // Required even when the spec leaves the body optional (OpenAPI's default, often an
      // oversight): a model that sends a body must send these, and the npm server asks for them too.
      if (bodyRequiredProperties.contains(field.getKey())) {
        required.add(property);
      }
      http.argument(Argument.bodyProperty(field.getKey()).as(property));
    }
  }

  private RequestBody resolve(RequestBody body, String pointer) throws GenerationException {
    return resolveComponent(body, RequestBody::get$ref, "#/components/requestBodies/", Components::getRequestBodies,
        pointer);
  }

  private static String chooseMediaType(Set<String> mediaTypes) {
    for (String preferred : PREFERRED_MEDIA_TYPES) {
      for (String candidate : mediaTypes) {
        if (candidate.toLowerCase(Locale.ROOT).startsWith(preferred)) {
          return candidate;
        }
      }
    }
    for (String candidate : mediaTypes) {
      if (candidate.toLowerCase(Locale.ROOT).endsWith("+json")) {
        return candidate;
      }
    }
    return mediaTypes.iterator().next();
  }

  /**
   * The body as one object schema whose properties can become top-level arguments, or
   * {@code null} when it must travel whole (arrays, scalars, unions, free-form maps).
   */
  private ObjectNode flattenable(JsonNode schema, String pointer) throws GenerationException {
    flattenVisits = 0;
    return flattenable(schema, pointer, 0);
  }

  /** {@code depth} counts nested {@code allOf}s: a schema whose {@code allOf} includes itself never ends. */
  private ObjectNode flattenable(JsonNode schema, String pointer, int depth) throws GenerationException {
    JsonNode resolved = depth > MAX_REF_CHAIN || ++flattenVisits > MAX_FLATTEN_VISITS ? null
        : resolveRef(schema, pointer);
    if (resolved == null || !resolved.isObject()) {
      return null;
    }
    if (resolved.has("allOf") && !resolved.has("properties") && !resolved.has("oneOf") && !resolved.has("anyOf")) {
      ObjectNode merged = NODES.objectNode();
      ObjectNode props = merged.putObject("properties");
      ArrayNode req = merged.putArray("required");
      for (JsonNode part : resolved.get("allOf")) {
        ObjectNode flat = flattenable(part, pointer + "/allOf", depth + 1);
        if (flat == null) {
          return null;
        }
        props.setAll((ObjectNode) flat.path("properties"));
        flat.path("required").forEach(req::add);
      }
      return merged;
    }
    JsonNode type = resolved.get("type");
    boolean objectType = type == null || (type.isTextual() && type.asText().equals("object"));
    if (!objectType || !resolved.has("properties") || resolved.has("oneOf") || resolved.has("anyOf")) {
      return null;
    }
    JsonNode properties = resolved.get("properties");
    if (!properties.isObject() || properties.isEmpty()) {
      return null;
    }
    return (ObjectNode) resolved;
  }

  private JsonNode resolveRef(JsonNode schema, String pointer) throws GenerationException {
    JsonNode current = schema;
    for (int depth = 0; current != null && current.has("$ref"); depth++) {
      String ref = current.get("$ref").asText();
      if (depth > 32 || !ref.startsWith(SchemaNormalizer.DEFS_PREFIX) || ref.indexOf('/', 8) >= 0) {
        return null;
      }
      current = components.get(SchemaNormalizer.unescape(ref.substring(SchemaNormalizer.DEFS_PREFIX.length())),
          pointer);
    }
    return current;
  }

  private static void collectRefs(JsonNode node, Set<String> refs) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(SchemaNormalizer.DEFS_PREFIX)) {
        String rest = ref.asText().substring(SchemaNormalizer.DEFS_PREFIX.length());
        int slash = rest.indexOf('/');
        refs.add(SchemaNormalizer.unescape(slash < 0 ? rest : rest.substring(0, slash)));
      }
      node.elements().forEachRemaining(child -> collectRefs(child, refs));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }
  }

  // ---- text and hints -----------------------------------------------------------------------

  private static String title(Operation operation) {
    String summary = operation.getSummary();
    if (summary != null && !summary.isBlank()) {
      return summary.strip();
    }
    return operation.getOperationId() == null ? null : humanize(operation.getOperationId());
  }

  /** {@code get-user} / {@code getUser} → {@code Get user}. */
  static String humanize(String id) {
    String words = id.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[-_.\\s]+", " ").strip();
    if (words.isEmpty()) {
      return id;
    }
    String lower = words.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  private static String description(Operation operation) {
    String summary = operation.getSummary() == null ? "" : operation.getSummary().strip();
    String details = operation.getDescription() == null ? "" : operation.getDescription().strip();
    StringBuilder text = new StringBuilder();
    if (details.isEmpty()) {
      text.append(summary);
    } else if (summary.isEmpty() || details.startsWith(summary)) {
      text.append(details);
    } else {
      text.append(summary).append(summary.endsWith(".") ? " " : ". ").append(details);
    }
    String errors = errorNotes(operation);
    if (!errors.isEmpty()) {
      text.append(text.length() == 0 ? "" : "\n\n").append("Errors: ").append(errors);
    }
    return text.toString();
  }

  /** Error responses worth a model's attention: the ones whose description says something. */
  private static String errorNotes(Operation operation) {
    if (operation.getResponses() == null) {
      return "";
    }
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, ApiResponse> entry : new TreeMap<>(operation.getResponses()).entrySet()) {
      String code = entry.getKey();
      if (!(code.startsWith("4") || code.startsWith("5"))) {
        continue;
      }
      String description = entry.getValue() == null || entry.getValue().getDescription() == null
          ? "" : entry.getValue().getDescription().strip();
      String normalized = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").strip();
      if (GENERIC_ERRORS.contains(normalized) || normalized.length() < 4 || description.equals(code)) {
        continue;
      }
      notes.add(code + " " + description);
    }
    return String.join("; ", notes);
  }

  private static ToolHints hints(String method, JsonNode extension) {
    ToolHints base;
    switch (method) {
      case "GET":
      case "HEAD":
      case "OPTIONS":
        base = ToolHints.readOnly();
        break;
      case "DELETE":
        base = ToolHints.destructive();
        break;
      case "PUT":
        base = ToolHints.idempotentWrite();
        break;
      default:
        base = ToolHints.writes();
    }
    Boolean readOnly = flag(extension, "readOnlyHint", base.readOnlyHint());
    boolean declaredReadOnly = Boolean.TRUE.equals(readOnly) && !Boolean.TRUE.equals(base.readOnlyHint());
    // A read-only override makes the write-only hints meaningless (MCP ignores them when read-only).
    Boolean destructive = flag(extension, "destructiveHint", declaredReadOnly ? null : base.destructiveHint());
    Boolean idempotent = flag(extension, "idempotentHint", declaredReadOnly ? null : base.idempotentHint());
    Boolean openWorld = flag(extension, "openWorldHint", base.openWorldHint());
    return new ToolHints(readOnly, destructive, idempotent, openWorld);
  }

  /** The extension's text {@code name}, stripped, or {@code null} when it has no such non-blank text. */
  private static String text(JsonNode extension, String name) {
    JsonNode value = extension.get(name);
    return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue().strip() : null;
  }

  private static Boolean flag(JsonNode extension, String name, Boolean fallback) {
    JsonNode value = extension.get(name);
    return value != null && value.isBoolean() ? Boolean.valueOf(value.booleanValue()) : fallback;
  }

  // ---- spec-wide facts ----------------------------------------------------------------------

  /**
   * A header that most operations send with a fixed value (Notion-Version) is also sent by the
   * few that do not declare it, with the most common value: the API expects it everywhere.
   */
  private static void applyCommonHeaderDefaults(List<PendingTool> tools) {
    Map<String, Map<String, Integer>> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> spelling = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (PendingTool tool : tools) {
      tool.fixedHeaders.forEach((name, value) -> {
        counts.computeIfAbsent(name, k -> new TreeMap<>()).merge(value, 1, Integer::sum);
        spelling.putIfAbsent(name, name);
      });
    }
    counts.forEach((name, values) -> {
      int declaring = values.values().stream().mapToInt(Integer::intValue).sum();
      if (declaring * 2 <= tools.size()) {
        return;
      }
      String common = values.entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue()
              .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
          .orElseThrow().getKey();
      for (PendingTool tool : tools) {
        tool.fixedHeaders.putIfAbsent(spelling.get(name), common);
      }
    });
  }

  private String apiName() {
    if (options.apiName() != null && !options.apiName().isBlank()) {
      return options.apiName().strip();
    }
    String title = openApi.getInfo() == null ? null : openApi.getInfo().getTitle();
    String words = title == null ? "" : title.replaceAll("(?i)\\b(api|openapi|rest|service|the)\\b", " ");
    StringBuilder name = new StringBuilder();
    for (String word : words.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    if (name.length() == 0 || !Character.isLetter(name.charAt(0))) {
      name.insert(0, "Api");
    }
    return name.toString();
  }

  /** {@code Notion} → {@code NOTION_TOKEN}; {@code PetStore} → {@code PET_STORE_TOKEN}. */
  static String tokenVariable(String apiName) {
    return SecuritySchemes.snake(apiName) + "_TOKEN";
  }

  private String baseUrl() throws GenerationException {
    String url = ServerUrl.of(openApi.getServers(), options.serverVariables());
    String location = spec.location().toLowerCase(Locale.ROOT);
    if (!url.matches("(?i)^https?://.*") && (location.startsWith("http://") || location.startsWith("https://"))) {
      url = URI.create(spec.location()).resolve(url).toString();
    }
    return url;
  }

  private JsonNode toJson(Schema<?> schema) {
    return mapper.valueToTree(schema);
  }
}
