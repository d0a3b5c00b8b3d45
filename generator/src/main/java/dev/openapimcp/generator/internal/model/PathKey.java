package dev.openapimcp.generator.internal.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path key as some specs write it, with a query or a fragment: {@code /uploads?convert={convert}}
 * (ClickSend, Medium, Icons8) or {@code /tags/{resourceArn}#tagKeys} (AWS, which adds a fragment
 * only to tell path keys of the same path apart). OpenAPI has neither in a path key; sent as
 * written they became part of the path ({@code %3F}, {@code %23}), and the fragment form lost the
 * query argument the operation declares.
 *
 * @param path the path template alone, what requests are sent to
 * @param queryText the query as written, without {@code ?}, or {@code null}
 * @param query the query's parts, in order; empty when the key has no query
 * @param fragment the fragment without {@code #}, or {@code null}
 */
record PathKey(String path, String queryText, List<QueryPart> query, String fragment) {

  private static final Pattern VARIABLE = Pattern.compile("\\{([^{}/]+)}");

  /**
   * One {@code name=value} of the query.
   *
   * @param name the query parameter's name
   * @param variable the template variable of {@code name={variable}}, or {@code null}
   * @param value the fixed value of {@code name=value} ({@code ""} for a bare {@code name}), or
   *     {@code null} for a variable
   */
  record QueryPart(String name, String variable, String value) {}

  PathKey {
    query = List.copyOf(query);
  }

  static PathKey parse(String key) {
    int hash = key.indexOf('#');
    String fragment = hash < 0 ? null : key.substring(hash + 1);
    String rest = hash < 0 ? key : key.substring(0, hash);
    int question = rest.indexOf('?');
    if (question < 0) {
      return new PathKey(rest, null, List.of(), fragment);
    }
    List<QueryPart> parts = new ArrayList<>();
    for (String pair : rest.substring(question + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      Matcher variable = VARIABLE.matcher(value);
      parts.add(variable.matches() ? new QueryPart(name, variable.group(1), null) : new QueryPart(name, null, value));
    }
    return new PathKey(rest.substring(0, question), rest.substring(question + 1), parts, fragment);
  }

  /**
   * The part a parameter named {@code name} fills: the one whose variable it is, else (for a query
   * parameter) the one of its name; {@code null} when none.
   */
  QueryPart partFor(String name, boolean queryParameter) {
    for (QueryPart part : query) {
      if (name.equals(part.variable())) {
        return part;
      }
    }
    for (QueryPart part : query) {
      if (queryParameter && name.equals(part.name())) {
        return part;
      }
    }
    return null;
  }
}
