package dev.openapimcp.runtime.internal.request;

import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ParameterStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes one argument value in its OpenAPI {@code style} and {@code explode}: strings as they are,
 * booleans as {@code true}/{@code false}, numbers as JSON prints them, arrays and objects by the
 * style's rules. Nested values that a style cannot express are sent as JSON text.
 */
final class ParameterSerializer {

  private ParameterSerializer() {}

  /** The path segment for {@code value}, percent-encoded so it stays one segment. */
  static String path(Argument argument, Object value) {
    String name = PercentEncoder.encode(argument.wireName());
    boolean explode = argument.explode();
    List<String> parts = parts(value, explode, PercentEncoder::encode);
    return switch (argument.style()) {
      case LABEL -> "." + String.join(explode ? "." : ",", parts);
      case MATRIX -> matrix(name, value, explode, parts);
      default -> String.join(",", parts);
    };
  }

  private static String matrix(String name, Object value, boolean explode, List<String> parts) {
    if (value instanceof List<?> && explode) {
      StringBuilder out = new StringBuilder();
      parts.forEach(part -> out.append(';').append(name).append('=').append(part));
      return out.toString();
    }
    if (value instanceof Map<?, ?> && explode) {
      StringBuilder out = new StringBuilder();
      parts.forEach(part -> out.append(';').append(part));
      return out.toString();
    }
    return ";" + name + "=" + String.join(",", parts);
  }

  /** Adds the encoded {@code name=value} pairs for {@code value} to {@code pairs}. */
  static void query(Argument argument, Object value, List<String> pairs) {
    String name = PercentEncoder.encode(argument.wireName());
    ParameterStyle style = argument.style();
    if (style == ParameterStyle.DEEP_OBJECT && value instanceof Map<?, ?> object) {
      deepObject(name, object, pairs);
      return;
    }
    String delimiter =
        switch (style) {
          case SPACE_DELIMITED -> "%20";
          case PIPE_DELIMITED -> "%7C";
          default -> ",";
        };
    if (value instanceof List<?> list) {
      List<String> items = items(list, PercentEncoder::encode);
      if (argument.explode()) {
        items.forEach(item -> pairs.add(name + "=" + item));
      } else if (!items.isEmpty()) {
        pairs.add(name + "=" + String.join(delimiter, items));
      }
    } else if (value instanceof Map<?, ?> object) {
      if (argument.explode()) {
        pairs.addAll(parts(object, true, PercentEncoder::encode));
      } else if (!object.isEmpty()) {
        pairs.add(name + "=" + String.join(delimiter, parts(object, false, PercentEncoder::encode)));
      }
    } else {
      pairs.add(name + "=" + PercentEncoder.encode(text(value)));
    }
  }

  /** {@code name[key]=value}, nesting for objects inside objects; brackets stay literal. */
  private static void deepObject(String prefix, Map<?, ?> object, List<String> pairs) {
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      String key = prefix + "[" + PercentEncoder.encode(String.valueOf(entry.getKey())) + "]";
      if (entry.getValue() instanceof Map<?, ?> nested) {
        deepObject(key, nested, pairs);
      } else if (entry.getValue() instanceof List<?> list) {
        items(list, PercentEncoder::encode).forEach(item -> pairs.add(key + "=" + item));
      } else {
        pairs.add(key + "=" + PercentEncoder.encode(text(entry.getValue())));
      }
    }
  }

  /** The header value for {@code value} (style {@code simple}); not encoded. */
  static String header(Argument argument, Object value) {
    return String.join(",", parts(value, argument.explode(), UnaryOperator.identity()));
  }

  /** The {@code name=value} cookie pairs for {@code value} (style {@code form}); values encoded. */
  static List<String> cookies(Argument argument, Object value) {
    String name = argument.wireName();
    List<String> parts = parts(value, argument.explode(), PercentEncoder::encode);
    List<String> cookies = new ArrayList<>();
    if (value instanceof List<?> && argument.explode()) {
      parts.forEach(part -> cookies.add(name + "=" + part));
    } else if (value instanceof Map<?, ?> && argument.explode()) {
      cookies.addAll(parts);
    } else if (!(value instanceof List<?> || value instanceof Map<?, ?>) || !parts.isEmpty()) {
      cookies.add(name + "=" + String.join(",", parts));
    }
    return cookies;
  }

  /**
   * The pieces of {@code value}: one for a scalar, one per item for an array, and for an object
   * {@code key=value} pieces when exploded or alternating {@code key}, {@code value} pieces when not.
   */
  private static List<String> parts(Object value, boolean explode, UnaryOperator<String> encode) {
    if (value instanceof List<?> list) {
      return items(list, encode);
    }
    if (value instanceof Map<?, ?> object) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        if (entry.getValue() == null) {
          continue;
        }
        String key = encode.apply(String.valueOf(entry.getKey()));
        String text = encode.apply(text(entry.getValue()));
        if (explode) {
          parts.add(key + "=" + text);
        } else {
          parts.add(key);
          parts.add(text);
        }
      }
      return parts;
    }
    return List.of(encode.apply(text(value)));
  }

  private static List<String> items(List<?> list, UnaryOperator<String> encode) {
    List<String> items = new ArrayList<>(list.size());
    for (Object item : list) {
      if (item != null) {
        items.add(encode.apply(text(item)));
      }
    }
    return items;
  }

  /** A scalar as text: strings unchanged, everything else as JSON prints it. */
  static String text(Object value) {
    return value instanceof String string ? string : JsonText.write(value);
  }
}
