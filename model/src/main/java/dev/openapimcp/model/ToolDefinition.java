package dev.openapimcp.model;

import java.util.Objects;

/**
 * One MCP tool: what the client sees ({@code name}, {@code title}, {@code description}, schemas,
 * hints) and how a call becomes an HTTP request ({@code http}).
 *
 * <p>Schemas are kept as JSON text (JSON Schema 2020-12), without white space between tokens however
 * they were written: generated code stays readable and the runtime parses each schema once when the
 * server starts.
 *
 * @param name unique tool name, {@code ^[A-Za-z0-9_-]{1,64}$} ({@link Names#TOOL_NAME})
 * @param title human-readable title, or {@code null}
 * @param description what the tool does, for a model choosing a tool
 * @param inputSchema JSON text of the input schema, an object schema
 * @param outputSchema JSON text of the output schema, or {@code null}
 * @param hints behaviour hints for clients
 * @param http how a call is sent to the API
 * @param resource how the tool is also offered as an MCP resource, or {@code null} when it is not
 */
public record ToolDefinition(
    String name,
    String title,
    String description,
    String inputSchema,
    String outputSchema,
    ToolHints hints,
    HttpBinding http,
    ResourceBinding resource) {

  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (!Names.isToolName(name)) {
      throw new IllegalArgumentException("Tool name '" + name + "' does not match " + Names.TOOL_NAME);
    }
    Objects.requireNonNull(description, "description");
    inputSchema = JsonTexts.compact(Objects.requireNonNull(inputSchema, "inputSchema"));
    outputSchema = outputSchema == null ? null : JsonTexts.compact(outputSchema);
    Objects.requireNonNull(hints, "hints");
    Objects.requireNonNull(http, "http");
  }

  /** A tool offered as a tool only. */
  public ToolDefinition(String name, String title, String description, String inputSchema, String outputSchema,
      ToolHints hints, HttpBinding http) {
    this(name, title, description, inputSchema, outputSchema, hints, http, null);
  }

  /** Starts a definition for the tool {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link ToolDefinition}; generated code reads top to bottom like the tool itself. */
  public static final class Builder {
    private final String name;
    private String title;
    private String description = "";
    private String inputSchema = "{\"type\":\"object\"}";
    private String outputSchema;
    private ToolHints hints = ToolHints.NONE;
    private HttpBinding http;
    private ResourceBinding resource;

    private Builder(String name) {
      this.name = name;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder inputSchema(String inputSchema) {
      this.inputSchema = inputSchema;
      return this;
    }

    public Builder outputSchema(String outputSchema) {
      this.outputSchema = outputSchema;
      return this;
    }

    public Builder hints(ToolHints hints) {
      this.hints = hints;
      return this;
    }

    public Builder http(HttpBinding http) {
      this.http = http;
      return this;
    }

    /** Offers the tool as a resource too: {@code uri} a URI or a URI template, {@code mimeType} may be null. */
    public Builder resource(String uri, String mimeType) {
      this.resource = new ResourceBinding(uri, mimeType);
      return this;
    }

    public ToolDefinition build() {
      return new ToolDefinition(name, title, description, inputSchema, outputSchema, hints, http, resource);
    }
  }
}
