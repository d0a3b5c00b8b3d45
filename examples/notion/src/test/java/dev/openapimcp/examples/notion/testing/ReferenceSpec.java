package dev.openapimcp.examples.notion.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts the tests need from the npm server's bundled OpenAPI description (system property
 * {@code reference.spec.file}): tool names, array query parameters and declared {@code
 * Notion-Version} defaults. Reading them from the spec keeps the expectations honest when it changes.
 */
public final class ReferenceSpec {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final JsonNode spec;
  private final Map<String, JsonNode> operationsByTool = new LinkedHashMap<>();

  private ReferenceSpec(JsonNode spec) {
    this.spec = spec;
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          operationsByTool.put("API-" + operation.getValue().path("operationId").asText(), operation.getValue());
        }
      }
    }
  }

  /** Loads the file named by system property {@code reference.spec.file}. */
  public static ReferenceSpec load() {
    Path file = TestFiles.fromProperty("reference.spec.file");
    try {
      return new ReferenceSpec(Json.MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code API-<operationId>} of every operation, in document order. */
  public List<String> toolNames() {
    return new ArrayList<>(operationsByTool.keySet());
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
    throw new IllegalStateException("The reference spec has no reusable Notion-Version parameter");
  }

  private List<JsonNode> parameters(String tool) {
    JsonNode operation = operationsByTool.get(tool);
    if (operation == null) {
      throw new IllegalArgumentException("No operation for tool " + tool);
    }
    List<JsonNode> resolved = new ArrayList<>();
    for (Iterator<JsonNode> it = operation.path("parameters").elements(); it.hasNext(); ) {
      JsonNode parameter = it.next();
      resolved.add(parameter.has("$ref") ? spec.at(parameter.get("$ref").asText().substring(1)) : parameter);
    }
    return resolved;
  }
}
