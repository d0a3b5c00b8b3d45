package dev.openapimcp.generator.internal.spec;

/**
 * A {@code $ref} that leads nowhere.
 *
 * @param pointer the reference's JSON pointer in the bundled spec (OpenAPI 3 sections)
 * @param reason why it leads nowhere, starting with the reference ({@code "$ref '#/x' does not
 *     resolve: ..."})
 */
public record Unresolved(String pointer, String reason) {

  /** One sentence without the file: {@code "<pointer>: <reason>"}. */
  public String sentence() {
    return pointer + ": " + reason;
  }
}
