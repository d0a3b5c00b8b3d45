package dev.openapimcp.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a tool is also offered as an MCP resource (the generation option {@code resources}): a GET
 * operation without required arguments as a resource, one whose required arguments are all path
 * parameters as a resource template. Reading the resource calls the tool.
 *
 * @param uri the resource's URI, or an RFC 6570 template (level 1: {@code {name}} expressions only)
 *     whose variables are the tool's path arguments, by their argument names
 * @param mimeType the media type of the operation's success answer, or {@code null}
 */
public record ResourceBinding(String uri, String mimeType) {

  /** An expression of a level-1 template: a variable name (letters, digits, {@code _}, dots between). */
  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)}");

  public ResourceBinding {
    Objects.requireNonNull(uri, "uri");
    if (VARIABLE.matcher(uri).replaceAll("").matches(".*[{}].*")) {
      throw new IllegalArgumentException("'" + uri + "' is not a URI template of level 1");
    }
  }

  /** Whether {@link #uri()} is a template (it has variables), so the resource is listed as a resource template. */
  public boolean isTemplate() {
    return uri.indexOf('{') >= 0;
  }

  /** The template's variable names, in order; empty for a plain URI. */
  public List<String> variables() {
    List<String> names = new ArrayList<>();
    Matcher matcher = VARIABLE.matcher(uri);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return List.copyOf(names);
  }

  /** Whether {@code name} can be a variable of a template, as RFC 6570 spells variable names (no hyphen). */
  public static boolean isVariableName(String name) {
    return VARIABLE.matcher("{" + name + "}").matches();
  }
}
