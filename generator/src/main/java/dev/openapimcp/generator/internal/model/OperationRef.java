package dev.openapimcp.generator.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

/**
 * One operation chosen to become a tool.
 *
 * @param path the path key as the spec writes it
 * @param method HTTP method, upper case
 * @param pathItem the path item holding it
 * @param operation the operation
 * @param extension its {@code x-mcp} object, empty when it has none
 */
record OperationRef(String path, String method, PathItem pathItem, Operation operation, JsonNode extension) {

  /** The operation's JSON pointer, such as {@code #/paths/~1pets~1{id}/get}. */
  String pointer() {
    return SchemaNormalizer.operationPointer(path, method);
  }

  /** The path key taken apart: the path template requests go to, and a query or fragment some specs add. */
  PathKey key() {
    return PathKey.parse(path);
  }

  /** The path item's JSON pointer. */
  String pathPointer() {
    return "#/paths/" + SchemaNormalizer.escape(path);
  }
}
