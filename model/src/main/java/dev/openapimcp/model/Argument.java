package dev.openapimcp.model;

import java.util.Objects;

/**
 * Binds one input-schema property to a place in the HTTP request.
 *
 * @param property the property name in the tool's input schema
 * @param wireName the name on the wire (parameter, header or body property name); differs from
 *     {@code property} only when two arguments would otherwise share a schema name
 * @param location where the value goes
 * @param style how the value is serialised (path, query, header and cookie only)
 * @param explode OpenAPI {@code explode}
 */
public record Argument(
    String property, String wireName, ArgumentLocation location, ParameterStyle style, boolean explode) {

  public Argument {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(wireName, "wireName");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(style, "style");
  }

  /** A path variable with OpenAPI's default style ({@code simple}, not exploded). */
  public static Argument path(String name) {
    return new Argument(name, name, ArgumentLocation.PATH, ParameterStyle.SIMPLE, false);
  }

  /** A query parameter with OpenAPI's default style ({@code form}, exploded). */
  public static Argument query(String name) {
    return new Argument(name, name, ArgumentLocation.QUERY, ParameterStyle.FORM, true);
  }

  /** A header with OpenAPI's default style ({@code simple}, not exploded). */
  public static Argument header(String name) {
    return new Argument(name, name, ArgumentLocation.HEADER, ParameterStyle.SIMPLE, false);
  }

  /** A cookie with OpenAPI's default style ({@code form}, exploded). */
  public static Argument cookie(String name) {
    return new Argument(name, name, ArgumentLocation.COOKIE, ParameterStyle.FORM, true);
  }

  /** A top-level property of the JSON request body. */
  public static Argument bodyProperty(String name) {
    return new Argument(name, name, ArgumentLocation.BODY_PROPERTY, ParameterStyle.SIMPLE, false);
  }

  /** The whole request body, taken from the input property {@code property}. */
  public static Argument body(String property) {
    return new Argument(property, property, ArgumentLocation.BODY, ParameterStyle.SIMPLE, false);
  }

  /** This argument under another schema property name (used to resolve name clashes). */
  public Argument as(String newProperty) {
    return new Argument(newProperty, wireName, location, style, explode);
  }

  /** This argument with another serialisation style. */
  public Argument styled(ParameterStyle newStyle, boolean newExplode) {
    return new Argument(property, wireName, location, newStyle, newExplode);
  }
}
