package dev.openapimcp.generator;

import java.util.Optional;

/**
 * The spec cannot be turned into tools, or the sources cannot be written. It says where: the spec
 * document (a file or URL, as the user gave it) and the JSON pointer inside it when known, and
 * why; {@link #getMessage()} puts them in one sentence, {@code <file> <pointer>: <reason>}.
 */
public final class GenerationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How the message joins location, pointer and reason. */
  private enum Form {
    /** {@code <location> <pointer>: <reason>}, or {@code <location>: <reason>} without pointer. */
    STATEMENT,
    /** {@code <location> <reason>}: the reason says something of the document itself. */
    PREDICATE,
    /** The reason alone: a problem of the configuration or the output, not of a spec document. */
    SENTENCE
  }

  private final String location;
  private final String pointer;
  private final String reason;
  private final Form form;

  private GenerationException(String location, String pointer, String reason, Form form, Throwable cause) {
    super(null, cause);
    this.location = location;
    this.pointer = pointer;
    this.reason = reason;
    this.form = form;
  }

  /**
   * A problem at {@code pointer} of the document at {@code location}: {@code "api.yaml
   * #/paths/~1x/get: $ref '...' does not resolve"}.
   *
   * @param location the document, or {@code null} when not known yet (see {@link #locatedIn})
   * @param pointer a JSON pointer such as {@code #/paths/~1x/get}, or {@code null} for the document
   *     as a whole
   */
  public static GenerationException at(String location, String pointer, String reason) {
    return new GenerationException(location, pointer, reason, Form.STATEMENT, null);
  }

  /** A problem with the document as a whole: {@code "api.json: not valid JSON: ..."}. */
  public static GenerationException in(String location, String reason) {
    return at(location, null, reason);
  }

  /**
   * A sentence whose subject is the document: {@code "api.json is larger than 128 MiB, ..."}, with
   * {@code predicate} {@code "is larger than 128 MiB, ..."}.
   */
  public static GenerationException about(String location, String predicate) {
    return new GenerationException(location, null, predicate, Form.PREDICATE, null);
  }

  /**
   * A problem outside the spec's documents (the configuration, writing the sources); the message is
   * {@code sentence}.
   *
   * @param cause what failed, such as an {@link java.io.IOException}, or {@code null}
   */
  public static GenerationException of(String sentence, Throwable cause) {
    return new GenerationException(null, null, sentence, Form.SENTENCE, cause);
  }

  /**
   * This problem in the document at {@code location}; itself when it already names a document.
   * Parts of the generator that see a JSON pointer but not the file leave the location to their
   * caller.
   */
  public GenerationException locatedIn(String location) {
    if (this.location != null || form == Form.SENTENCE) {
      return this;
    }
    GenerationException located = new GenerationException(location, pointer, reason, form, getCause());
    located.setStackTrace(getStackTrace());
    return located;
  }

  /** The spec document, a file or URL as the user gave it; empty for configuration and output problems. */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /** The JSON pointer of the problem inside the document, such as {@code #/paths/~1x/get}, when known. */
  public Optional<String> pointer() {
    return Optional.ofNullable(pointer);
  }

  /** What is wrong, without location and pointer. */
  public String reason() {
    return reason;
  }

  @Override
  public String getMessage() {
    if (form == Form.SENTENCE || location == null && pointer == null) {
      return reason;
    }
    if (form == Form.PREDICATE) {
      return location + " " + reason;
    }
    String where = location == null ? pointer : pointer == null ? location : location + " " + pointer;
    return where + ": " + reason;
  }
}
