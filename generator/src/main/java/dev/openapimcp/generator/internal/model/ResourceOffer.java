package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.ParameterStyle;
import dev.openapimcp.model.ResourceBinding;
import dev.openapimcp.model.ToolDefinition;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offers GET operations as MCP resources (the generation option {@code resources}): one without
 * required arguments as a resource, one whose required arguments are all path parameters (in
 * OpenAPI's default {@code simple} style) as an RFC 6570 resource template, as FastMCP does.
 *
 * <p>The URI is the URL the read requests, with the API's name as its scheme instead of {@code
 * https}: {@code notion://api.notion.com/v1/users/{user_id}}. MCP says servers should use {@code
 * https://} only when a client can fetch the resource itself, which it cannot here (the answer needs
 * this server's credentials); the host and path keep it stable and say what it is. Template
 * variables are the tool's argument names, so a read's values go to the tool as its arguments.
 */
final class ResourceOffer {

  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]*)}");
  private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String prefix;
  private final ComponentResolver resolver;

  /**
   * @param apiName the API's short name, the URIs' scheme (lower case; {@code openapi} when it makes none)
   * @param baseUrl the API's base URL from the spec, whose host and path come before each operation's path
   */
  ResourceOffer(String apiName, String baseUrl, ComponentResolver resolver) {
    this.prefix = scheme(apiName) + "://" + hostAndPath(baseUrl);
    this.resolver = resolver;
  }

  /** {@code definition}, offered as a resource when its operation is one; else unchanged. */
  ToolDefinition offer(ToolDefinition definition, OperationRef op) {
    if (!"GET".equals(definition.http().method())) {
      return definition;
    }
    Map<String, String> pathVariables = new HashMap<>();
    for (Argument argument : definition.http().arguments()) {
      if (argument.location() == ArgumentLocation.PATH) {
        if (argument.style() != ParameterStyle.SIMPLE || !ResourceBinding.isVariableName(argument.property())) {
          // A label or matrix value, or a name RFC 6570 cannot spell (a hyphen): no level-1 template says it.
          return definition;
        }
        pathVariables.put(argument.wireName(), argument.property());
      }
    }
    if (!pathVariables.values().containsAll(required(definition.inputSchema()))) {
      return definition;
    }
    String uri = uri(definition.http().pathTemplate(), pathVariables);
    if (uri == null) {
      return definition;
    }
    return new ToolDefinition(definition.name(), definition.title(), definition.description(),
        definition.inputSchema(), definition.outputSchema(), definition.hints(), definition.http(),
        new ResourceBinding(uri, mediaType(op)));
  }

  /** The URI (template) of {@code pathTemplate}, or {@code null} when it would not be a valid URI. */
  private String uri(String pathTemplate, Map<String, String> pathVariables) {
    Matcher matcher = PATH_VARIABLE.matcher(pathTemplate);
    StringBuilder uri = new StringBuilder(prefix);
    StringBuilder sample = new StringBuilder(prefix);
    int end = 0;
    while (matcher.find()) {
      String variable = pathVariables.get(matcher.group(1));
      if (variable == null) {
        return null;
      }
      String literal = pathTemplate.substring(end, matcher.start());
      uri.append(literal).append('{').append(variable).append('}');
      sample.append(literal).append('x');
      end = matcher.end();
    }
    uri.append(pathTemplate, end, pathTemplate.length());
    sample.append(pathTemplate, end, pathTemplate.length());
    try {
      // Servers must validate resource URIs: a path a URI cannot carry as written (a space) is no resource.
      new URI(sample.toString());
    } catch (URISyntaxException e) {
      return null;
    }
    return uri.toString();
  }

  /** The required properties of an input schema. */
  private static Set<String> required(String inputSchema) {
    Set<String> names = new HashSet<>();
    try {
      for (JsonNode name : JSON.readTree(inputSchema).path("required")) {
        names.add(name.asText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The converter writes input schemas as JSON", e);
    }
    return names;
  }

  /** The media type of the first success answer (a JSON one when it has several), or {@code null}. */
  private String mediaType(OperationRef op) {
    if (op.operation().getResponses() == null) {
      return null;
    }
    for (Map.Entry<String, ApiResponse> entry : new TreeMap<>(op.operation().getResponses()).entrySet()) {
      if (!entry.getKey().startsWith("2")) {
        continue;
      }
      Content content;
      try {
        ApiResponse response = resolver.response(entry.getValue(),
            op.pointer() + "/responses/" + SchemaNormalizer.escape(entry.getKey()));
        content = response == null ? null : response.getContent();
      } catch (GenerationException e) {
        return null;
      }
      if (content != null && !content.isEmpty()) {
        return content.keySet().stream().filter(type -> type.toLowerCase(Locale.ROOT).contains("json")).findFirst()
            .orElse(content.keySet().iterator().next());
      }
    }
    return null;
  }

  /** The API's name as a URI scheme: lower-case letters, digits, {@code +}, {@code -} and {@code .}, a letter first. */
  static String scheme(String apiName) {
    String scheme = apiName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9+.-]", "");
    return scheme.isEmpty() || !Character.isLetter(scheme.charAt(0)) ? "openapi" : scheme;
  }

  /** What follows {@code scheme://} in a URL (without user, query or fragment), or the path of a relative one. */
  static String hostAndPath(String baseUrl) {
    String rest = baseUrl.strip().replaceAll("[?#].*", "");
    Matcher absolute = ABSOLUTE.matcher(rest);
    if (absolute.find()) {
      rest = rest.substring(absolute.end()).replaceFirst("^[^/]*@", "");
    } else if (!rest.isEmpty() && !rest.startsWith("/")) {
      rest = "/" + rest;
    }
    return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
  }
}
