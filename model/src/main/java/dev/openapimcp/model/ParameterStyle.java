package dev.openapimcp.model;

/** OpenAPI parameter serialisation styles ({@code style}), combined with {@code explode}. */
public enum ParameterStyle {
  /** Path and header default: {@code 1,2,3}. */
  SIMPLE,
  /** Query and cookie default: {@code a=1&a=2} exploded, {@code a=1,2} not. */
  FORM,
  /** {@code .1.2} path style. */
  LABEL,
  /** {@code ;a=1;a=2} path style. */
  MATRIX,
  /** Query arrays joined with {@code %20}. */
  SPACE_DELIMITED,
  /** Query arrays joined with {@code |}. */
  PIPE_DELIMITED,
  /** Query objects as {@code a[key]=value}. */
  DEEP_OBJECT
}
