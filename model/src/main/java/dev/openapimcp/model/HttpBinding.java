package dev.openapimcp.model;

import java.util.ArrayList;
import java.util.Collections;
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
 * @param security alternative sets of credential schemes ({@link Credential#scheme()}); a call
 *     needs every scheme of one set; empty when the operation needs none
 */
public record HttpBinding(
    String method,
    String pathTemplate,
    List<Argument> arguments,
    String mediaType,
    Map<String, String> fixedHeaders,
    List<List<String>> security) {

  public HttpBinding {
    method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    arguments = List.copyOf(arguments);
    fixedHeaders = Collections.unmodifiableMap(new TreeMap<>(fixedHeaders));
    security = security == null ? List.of() : security.stream().map(List::copyOf).toList();
  }

  /** A binding that needs no credentials. */
  public HttpBinding(
      String method, String pathTemplate, List<Argument> arguments, String mediaType,
      Map<String, String> fixedHeaders) {
    this(method, pathTemplate, arguments, mediaType, fixedHeaders, List.of());
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
    private final List<List<String>> security = new ArrayList<>();
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

    /** Adds one way to authenticate: all of {@code schemes} together. */
    public Builder requires(String... schemes) {
      security.add(List.of(schemes));
      return this;
    }

    public HttpBinding build() {
      return new HttpBinding(method, pathTemplate, arguments, mediaType, fixedHeaders, security);
    }
  }
}
