package dev.openapimcp.generator.internal.model;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a tool says about itself: a title from the summary (or the humanised operationId), and a
 * description of summary, details and the error responses worth a model's attention.
 */
final class ToolText {

  /** Error descriptions that say nothing beyond the status code. */
  private static final Set<String> GENERIC_ERRORS = Set.of(
      "", "error", "bad request", "unauthorized", "forbidden", "not found", "conflict", "too many requests",
      "internal server error", "unexpected error", "service unavailable", "default error", "default response",
      "validation failed", "unprocessable entity", "method not allowed", "gone", "error response",
      "an error occurred", "failure", "failed");

  private ToolText() {}

  static String title(Operation operation) {
    String summary = operation.getSummary();
    if (summary != null && !summary.isBlank()) {
      return summary.strip();
    }
    return operation.getOperationId() == null ? null : humanize(operation.getOperationId());
  }

  /** {@code get-user} / {@code getUser} → {@code Get user}. */
  static String humanize(String id) {
    String words = id.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[-_.\\s]+", " ").strip();
    if (words.isEmpty()) {
      return id;
    }
    String lower = words.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  static String description(Operation operation) {
    String summary = operation.getSummary() == null ? "" : operation.getSummary().strip();
    String details = operation.getDescription() == null ? "" : operation.getDescription().strip();
    StringBuilder text = new StringBuilder();
    if (details.isEmpty()) {
      text.append(summary);
    } else if (summary.isEmpty() || details.startsWith(summary)) {
      text.append(details);
    } else {
      text.append(summary).append(summary.endsWith(".") ? " " : ". ").append(details);
    }
    String errors = errorNotes(operation);
    if (!errors.isEmpty()) {
      text.append(text.length() == 0 ? "" : "\n\n").append("Errors: ").append(errors);
    }
    return text.toString();
  }

  /** Error responses worth a model's attention: the ones whose description says something. */
  private static String errorNotes(Operation operation) {
    if (operation.getResponses() == null) {
      return "";
    }
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, ApiResponse> entry : new TreeMap<>(operation.getResponses()).entrySet()) {
      String code = entry.getKey();
      if (!(code.startsWith("4") || code.startsWith("5"))) {
        continue;
      }
      String description = entry.getValue() == null || entry.getValue().getDescription() == null
          ? "" : entry.getValue().getDescription().strip();
      String normalized = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").strip();
      if (GENERIC_ERRORS.contains(normalized) || normalized.length() < 4 || description.equals(code)) {
        continue;
      }
      notes.add(code + " " + description);
    }
    return String.join("; ", notes);
  }
}
