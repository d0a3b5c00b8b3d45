package dev.openapimcp.generator;

import java.util.Locale;

/**
 * One thing lint found.
 *
 * @param severity how bad
 * @param subject the tool it concerns, or {@code (spec)} / {@code (tools/list)}
 * @param message what is wrong and what happens because of it, one sentence
 */
public record Finding(Severity severity, String subject, String message) {

  /** Errors fail lint (exit code 3); warnings do not. */
  public enum Severity {
    ERROR,
    WARNING;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Finding error(String subject, String message) {
    return new Finding(Severity.ERROR, subject, message);
  }

  public static Finding warning(String subject, String message) {
    return new Finding(Severity.WARNING, subject, message);
  }
}
