package dev.openapimcp.examples.notion.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts the tests need from a Notion OpenAPI description: the npm server's bundled one (system
 * property {@code reference.spec.file}) or ours ({@code spec.file}). Tool names, HTTP bindings,
 * parameters and declared {@code Notion-Version} defaults are read from the file, which keeps the
 * expectations honest when it changes.
 */
public final class SpecFacts {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** Where a tool's operation lives. */
  private record Operation(String method, String path, JsonNode node) {}

  private final JsonNode spec;
  private final Map<String, Operation> operationsByTool = new LinkedHashMap<>();

  private SpecFacts(JsonNode spec) {
    this.spec = spec;
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          operationsByTool.put("API-" + operation.getValue().path("operationId").asText(),
              new Operation(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), operation.getValue()));
        }
      }
    }
  }

  /** npm's spec, the file named by system property {@code reference.spec.file}. */
  public static SpecFacts npm() {
    return load("reference.spec.file");
  }

  /** Our spec, the file named by system property {@code spec.file}. */
  public static SpecFacts ours() {
    return load("spec.file");
  }

  private static SpecFacts load(String property) {
    Path file = TestFiles.fromProperty(property);
    try {
      return new SpecFacts(Json.MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code API-<operationId>} of every operation, in document order. */
  public List<String> toolNames() {
    return new ArrayList<>(operationsByTool.keySet());
  }

  /** The tool's HTTP method, upper case. */
  public String method(String tool) {
    return operation(tool).method();
  }

  /** The tool's path template, such as {@code /v1/blocks/{block_id}/children}. */
  public String pathTemplate(String tool) {
    return operation(tool).path();
  }

  /** Names of the tool's parameters that go in the path or the query (not in the body). */
  public Set<String> pathAndQueryParameters(String tool) {
    Set<String> names = new TreeSet<>();
    for (JsonNode parameter : parameters(tool)) {
      String in = parameter.path("in").asText();
      if (in.equals("path") || in.equals("query")) {
        names.add(parameter.path("name").asText());
      }
    }
    return names;
  }

  /** Names of the tool's query parameters whose schema is an array. */
  public Set<String> arrayQueryParameters(String tool) {
    Set<String> names = new TreeSet<>();
    for (JsonNode parameter : parameters(tool)) {
      if ("query".equals(parameter.path("in").asText()) && "array".equals(parameter.path("schema").path("type").asText())) {
        names.add(parameter.path("name").asText());
      }
    }
    return names;
  }

  /** The default of the operation's own {@code Notion-Version} header parameter, if it declares one. */
  public Optional<String> declaredNotionVersion(String tool) {
    for (JsonNode parameter : parameters(tool)) {
      if ("header".equals(parameter.path("in").asText())
          && "Notion-Version".equalsIgnoreCase(parameter.path("name").asText())) {
        return Optional.of(parameter.path("schema").path("default").asText());
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code Notion-Version} default most operations share (the spec's reusable header
   * parameter); ours sends it for operations that declare none.
   */
  public String commonNotionVersion() {
    JsonNode parameters = spec.path("components").path("parameters");
    for (Iterator<JsonNode> it = parameters.elements(); it.hasNext(); ) {
      JsonNode parameter = it.next();
      if ("Notion-Version".equalsIgnoreCase(parameter.path("name").asText())) {
        return parameter.path("schema").path("default").asText();
      }
    }
    throw new IllegalStateException("The spec has no reusable Notion-Version parameter");
  }

  private Operation operation(String tool) {
    Operation operation = operationsByTool.get(tool);
    if (operation == null) {
      throw new IllegalArgumentException("No operation for tool " + tool);
    }
    return operation;
  }

  private List<JsonNode> parameters(String tool) {
    List<JsonNode> resolved = new ArrayList<>();
    for (Iterator<JsonNode> it = operation(tool).node().path("parameters").elements(); it.hasNext(); ) {
      JsonNode parameter = it.next();
      resolved.add(parameter.has("$ref") ? spec.at(parameter.get("$ref").asText().substring(1)) : parameter);
    }
    return resolved;
  }
}
