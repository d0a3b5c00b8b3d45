package dev.openapimcp.runtime.internal.tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the user whether a call may be sent, through the client of the request that carried it
 * (MCP elicitation). Each protocol lane has its own: 2025-11-25 sends an {@code elicitation/create}
 * request and waits for the answer; 2026-07-28 answers the call with an {@code input_required}
 * result and learns the answer when the client retries.
 */
@FunctionalInterface
public interface Confirmer {

  /** The form's one field: a yes/no the user must set. */
  String FIELD = "confirm";

  /** The form every lane asks with (a flat elicitation schema: one boolean, default no). */
  Map<String, Object> FORM = form();

  private static Map<String, Object> form() {
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("type", "boolean");
    field.put("title", "Send this request to the API?");
    field.put("default", false);
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("type", "object");
    form.put("properties", Map.of(FIELD, field));
    form.put("required", List.of(FIELD));
    return Collections.unmodifiableMap(form);
  }

  /** Whether an elicitation's answer ({@code action}, form {@code content}) says yes: accepted, with the box ticked. */
  static boolean approves(String action, Object content) {
    return "accept".equals(action) && content instanceof Map<?, ?> values && Boolean.TRUE.equals(values.get(FIELD));
  }

  /** What became of a question. */
  enum Answer {
    /** The user said yes: send the call. */
    CONFIRMED,
    /** The user declined or cancelled, or the question could not be answered: send nothing. */
    REFUSED,
    /**
     * The question goes back to the client with this request's answer (2026-07-28), which retries
     * with the user's answer: send nothing now; what the handler returns is not shown.
     */
    ASKED
  }

  /**
   * Asks {@code message}; may block until the user answers.
   *
   * @param message what the user is asked, naming the tool, the HTTP method, the path and the arguments
   */
  Answer confirm(String message);
}
