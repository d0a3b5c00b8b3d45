package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ParameterStyle;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operation's parameters as tool arguments: path, query, header and cookie parameters with their
 * OpenAPI styles; headers with a fixed value are sent as they are instead, hidden from the model.
 * The query some path keys carry ({@link PathKey}) becomes query arguments.
 */
final class ParameterArguments {

  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^{}/]+)}");
  /** OpenAPI says these header parameters are ignored: the media types and security define them. */
  private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");

  private final SchemaNormalizer normalizer;
  private final JsonTextFallback textFallback;
  private final ComponentResolver resolver;
  private final SchemaJson json;

  ParameterArguments(SchemaNormalizer normalizer, JsonTextFallback textFallback, ComponentResolver resolver,
      SchemaJson json) {
    this.normalizer = normalizer;
    this.textFallback = textFallback;
    this.resolver = resolver;
    this.json = json;
  }

  private record ResolvedParameter(Parameter parameter, String pointer) {}

  /**
   * Adds {@code op}'s parameters to {@code input} and {@code http}; returns the headers it sends
   * with a fixed value (name to value).
   *
   * @param remarks receives what had to be made up: a path variable without parameter, a variable
   *     of the path key's query without parameter
   */
  Map<String, String> add(OperationRef op, String toolName, ToolInput input, HttpBinding.Builder http,
      List<ConvertedApi.Remark> remarks) throws GenerationException {
    Map<String, String> fixedHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    PathKey key = op.key();
    List<PathKey.QueryPart> unfilled = new ArrayList<>(key.query());
    for (ResolvedParameter parameter : parameters(op)) {
      Parameter p = parameter.parameter();
      String in = p.getIn() == null ? "" : p.getIn().toLowerCase(Locale.ROOT);
      String at = parameter.pointer();
      JsonNode schema = normalizer.normalize(schema(p), at + "/schema", input.refs());
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
      boolean required = Boolean.TRUE.equals(p.getRequired()) || location == ArgumentLocation.PATH;
      Argument argument = new Argument(p.getName(), p.getName(), location, style(p, location), explode(p, location));
      PathKey.QueryPart part = location == ArgumentLocation.QUERY
          || location == ArgumentLocation.PATH && !key.path().contains("{" + p.getName() + "}")
          ? key.partFor(p.getName(), location == ArgumentLocation.QUERY) : null;
      if (part != null && unfilled.remove(part)) {
        // The path key's query names it ({convert} of ?convert={convert}): it goes there, as a query
        // parameter does (a path parameter's style would not fit).
        argument = location == ArgumentLocation.QUERY
            ? new Argument(p.getName(), part.name(), location, argument.style(), argument.explode())
            : new Argument(p.getName(), part.name(), ArgumentLocation.QUERY, ParameterStyle.FORM, true);
      }
      String property = input.freeName(p.getName(), in);
      input.add(property, textFallback.wrap(ToolInput.withDescription(schema, p.getDescription()), at + "/schema"),
          required);
      http.argument(argument.as(property));
    }
    for (String variable : undeclaredPathVariables(key.path(), http)) {
      // Without it the tool could never fill its URL: ask for it as text, and let lint say the spec is wrong.
      String property = input.freeName(variable, "path");
      input.add(property, JsonNodeFactory.instance.objectNode().put("type", "string"), true);
      http.argument(new Argument(property, variable, ArgumentLocation.PATH, ParameterStyle.SIMPLE, false));
      remarks.add(new ConvertedApi.Remark(toolName, op.method(), op.path(), op.pointer() + ": the path variable {"
          + variable + "} has no path parameter, so the tool asks for it as a string", true));
    }
    for (PathKey.QueryPart part : unfilled) {
      addQueryPart(op, toolName, part, input, http, remarks);
    }
    return fixedHeaders;
  }

  /**
   * A part of the path key's query no parameter fills: a variable is asked for as text (and lint
   * says the spec is wrong), a fixed {@code name=value} is an argument that can only be that value,
   * so the request still carries it.
   */
  private static void addQueryPart(OperationRef op, String toolName, PathKey.QueryPart part, ToolInput input,
      HttpBinding.Builder http, List<ConvertedApi.Remark> remarks) {
    String property = input.freeName(part.variable() != null ? part.variable() : part.name(), "query");
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "string");
    if (part.variable() == null) {
      schema.put("const", part.value());
    } else {
      remarks.add(new ConvertedApi.Remark(toolName, op.method(), op.path(), op.pointer() + ": the variable {"
          + part.variable() + "} of the path key's query has no parameter, so the tool asks for it as a string",
          true));
    }
    input.add(property, schema, true);
    http.argument(new Argument(property, part.name(), ArgumentLocation.QUERY, ParameterStyle.FORM, true));
  }

  /** Path-level parameters, overridden by operation parameters with the same name and location. */
  private List<ResolvedParameter> parameters(OperationRef op) throws GenerationException {
    Map<String, ResolvedParameter> byKey = new LinkedHashMap<>();
    addParameters(byKey, op.pathItem().getParameters(), op.pathPointer() + "/parameters");
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
      Parameter p = resolver.parameter(parameters.get(i), at);
      if (p.getName() == null || p.getIn() == null) {
        throw GenerationException.at(null, at, "parameter needs 'name' and 'in'");
      }
      byKey.put(p.getIn() + ":" + p.getName(), new ResolvedParameter(p, at));
    }
  }

  /**
   * The {@code {variables}} of the path template without a path parameter. A tool without one
   * could never fill its URL: swagger-parser dropped a parameter it could not resolve without a
   * word, and a DELETE with two path variables became a tool without arguments.
   */
  private static List<String> undeclaredPathVariables(String path, HttpBinding.Builder http) {
    Set<String> bound = new HashSet<>();
    for (Argument argument : http.build().arguments()) {
      if (argument.location() == ArgumentLocation.PATH) {
        bound.add(argument.wireName());
      }
    }
    List<String> missing = new ArrayList<>();
    Matcher variables = PATH_VARIABLE.matcher(path);
    while (variables.find()) {
      if (bound.add(variables.group(1))) {
        missing.add(variables.group(1));
      }
    }
    return missing;
  }

  private JsonNode schema(Parameter p) {
    if (p.getSchema() != null) {
      return json.of(p.getSchema());
    }
    if (p.getContent() != null && !p.getContent().isEmpty()) {
      MediaType media = p.getContent().values().iterator().next();
      return json.of(media.getSchema());
    }
    return null;
  }

  private static ArgumentLocation location(String in, String pointer) throws GenerationException {
    return switch (in) {
      case "path" -> ArgumentLocation.PATH;
      case "query" -> ArgumentLocation.QUERY;
      case "header" -> ArgumentLocation.HEADER;
      case "cookie" -> ArgumentLocation.COOKIE;
      default -> throw GenerationException.at(null, pointer, "unknown parameter location '" + in + "'");
    };
  }

  private static ParameterStyle style(Parameter p, ArgumentLocation location) {
    if (p.getStyle() == null) {
      return location == ArgumentLocation.QUERY || location == ArgumentLocation.COOKIE
          ? ParameterStyle.FORM : ParameterStyle.SIMPLE;
    }
    return switch (p.getStyle()) {
      case FORM -> ParameterStyle.FORM;
      case LABEL -> ParameterStyle.LABEL;
      case MATRIX -> ParameterStyle.MATRIX;
      case SPACEDELIMITED -> ParameterStyle.SPACE_DELIMITED;
      case PIPEDELIMITED -> ParameterStyle.PIPE_DELIMITED;
      case DEEPOBJECT -> ParameterStyle.DEEP_OBJECT;
      default -> ParameterStyle.SIMPLE;
    };
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
}
