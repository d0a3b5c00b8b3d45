package dev.openapimcp.runtime.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a tool call becomes an HTTP request.
 *
 * @param method HTTP method, upper case
 * @param pathTemplate path with {@code {name}} variables, appended to the base URL
 * @param arguments where each input property goes
 * @param mediaType request body media type, or {@code null} when the operation has no body
 * @param fixedHeaders headers the operation always sends (from parameter defaults in the spec,
 *     such as Notion's {@code Notion-Version}); they win over headers from the environment
 */
public record HttpBinding(
    String method,
    String pathTemplate,
    List<Argument> arguments,
    String mediaType,
    Map<String, String> fixedHeaders) {

  public HttpBinding {
    method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    arguments = List.copyOf(arguments);
    fixedHeaders = java.util.Collections.unmodifiableMap(new TreeMap<>(fixedHeaders));
  }

  /** Starts a binding for {@code method} on {@code pathTemplate}. */
  public static Builder of(String method, String pathTemplate) {
    return new Builder(method, pathTemplate);
  }

  /** Builds an {@link HttpBinding}. */
  public static final class Builder {
    private final String method;
    private final String pathTemplate;
    private final List<Argument> arguments = new ArrayList<>();
    private final Map<String, String> fixedHeaders = new TreeMap<>();
    private String mediaType;

    private Builder(String method, String pathTemplate) {
      this.method = method;
      this.pathTemplate = pathTemplate;
    }

    public Builder argument(Argument argument) {
      arguments.add(argument);
      return this;
    }

    public Builder mediaType(String mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    public Builder fixedHeader(String name, String value) {
      fixedHeaders.put(name, value);
      return this;
    }

    public HttpBinding build() {
      return new HttpBinding(method, pathTemplate, arguments, mediaType, fixedHeaders);
    }
  }
}
