package dev.openapimcp.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small OpenAPI document in YAML, built so that a test writes only what it is about: the header
 * ({@code openapi}, {@code info}) and the frame around each operation ({@code paths}, the path,
 * the method, {@code responses: {'200': {description: OK}}} unless the operation has its own) are
 * written here; the test gives the operation's other keys, its components and root keys as YAML
 * written from column 0, and this indents them.
 *
 * <pre>{@code
 * SpecYaml.openapi("3.0.3", "Self")
 *     .post("/x", "x", SpecYaml.jsonBody("{$ref: '#/components/schemas/A'}"))
 *     .components("""
 *         schemas:
 *           A: {allOf: [{$ref: '#/components/schemas/A'}]}
 *         """)
 *     .write(dir, "self.yaml");
 * }</pre>
 */
public final class SpecYaml {

  private static final String DEFAULT_RESPONSES = "responses: {'200': {description: OK}}";

  private final String header;
  private final StringBuilder root = new StringBuilder();
  /** Per path, in the order first named: its path-level keys and operations, as lines indented below it. */
  private final Map<String, StringBuilder> paths = new LinkedHashMap<>();
  private final StringBuilder components = new StringBuilder();

  private SpecYaml(String header) {
    this.header = header;
  }

  /** A document of OpenAPI {@code version} whose {@code info} has {@code title} and version '1'. */
  public static SpecYaml openapi(String version, String title) {
    return new SpecYaml("openapi: " + version + "\ninfo: {title: " + title + ", version: '1'}\n");
  }

  /** Keys at the document's root ({@code servers}, {@code security}, {@code x-…}), written before {@code paths}. */
  public SpecYaml root(String yaml) {
    root.append(indent(yaml, 0));
    return this;
  }

  /** Keys of the path item itself ({@code parameters}, {@code x-mcp}), written where the test calls it. */
  public SpecYaml path(String path, String yaml) {
    pathItem(path).append(indent(yaml, 4));
    return this;
  }

  public SpecYaml get(String path, String operationId, String... keys) {
    return operation("get", path, operationId, keys);
  }

  public SpecYaml post(String path, String operationId, String... keys) {
    return operation("post", path, operationId, keys);
  }

  public SpecYaml delete(String path, String operationId, String... keys) {
    return operation("delete", path, operationId, keys);
  }

  /**
   * An operation: {@code operationId}, then {@code keys} (each YAML from column 0, e.g. {@code
   * parameters: […]} or {@link #jsonBody}), then the default {@code responses} unless a key gives them.
   */
  public SpecYaml operation(String method, String path, String operationId, String... keys) {
    List<String> lines = new ArrayList<>(List.of("operationId: " + operationId));
    lines.addAll(List.of(keys));
    if (lines.stream().noneMatch(key -> key.startsWith("responses:"))) {
      lines.add(DEFAULT_RESPONSES);
    }
    StringBuilder item = pathItem(path).append("    ").append(method).append(":\n");
    lines.forEach(key -> item.append(indent(key, 6)));
    return this;
  }

  /** The content of {@code components} (e.g. {@code schemas: …}). */
  public SpecYaml components(String yaml) {
    components.append(indent(yaml, 2));
    return this;
  }

  /** A {@code requestBody} key whose {@code application/json} content has {@code schema} (inline or a block). */
  public static String jsonBody(String schema) {
    return "requestBody:\n  content:\n    application/json:\n      schema:" + value(schema, 8);
  }

  /** The document as text. */
  public String yaml() {
    StringBuilder yaml = new StringBuilder(header).append(root);
    if (paths.isEmpty()) {
      yaml.append("paths: {}\n");
    } else {
      yaml.append("paths:\n");
      paths.forEach((path, item) -> yaml.append("  ").append(path).append(":\n").append(item));
    }
    if (!components.isEmpty()) {
      yaml.append("components:\n").append(components);
    }
    return yaml.toString();
  }

  /** Writes the document to {@code dir/name} and returns its path as a string (as {@link SpecFixtures#write}). */
  public String write(Path dir, String name) {
    return SpecFixtures.write(dir, name, yaml());
  }

  @Override
  public String toString() {
    return yaml();
  }

  private StringBuilder pathItem(String path) {
    return paths.computeIfAbsent(path, p -> new StringBuilder());
  }

  /** A mapping value: after the key on its line when it is one line, else the block below it. */
  private static String value(String yaml, int spaces) {
    String trimmed = yaml.strip();
    return trimmed.contains("\n") ? "\n" + indent(yaml, spaces) : " " + trimmed + "\n";
  }

  /** {@code yaml}'s lines, each ending in a line break, indented by {@code spaces}. */
  private static String indent(String yaml, int spaces) {
    String margin = " ".repeat(spaces);
    StringBuilder out = new StringBuilder();
    yaml.stripTrailing().lines().forEach(line -> out.append(line.isBlank() ? "" : margin + line).append('\n'));
    return out.toString();
  }
}
