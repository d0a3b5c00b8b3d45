package dev.openapimcp.generator.internal.emit;

import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Java identifiers from API words: {@code retrieve-a-page} → {@code retrieveAPage}. They hold ASCII
 * letters and digits only, so no spec text reaches generated code through a name.
 */
final class JavaNames {

  /**
   * Longest name taken from the words. Class names become file names (255 bytes on most file
   * systems) and every name a constant-pool entry; a 100,000-character operation id must not stop
   * the build. {@link #unique} may add digits.
   */
  static final int MAX_LENGTH = 64;

  /**
   * Names that are not keywords but cannot name a method called without a qualifier ({@code yield}
   * since Java 14) or would read badly as one ({@code var}, {@code record}, ...).
   */
  private static final Set<String> RESTRICTED = Set.of("var", "yield", "record", "sealed", "permits", "when");

  private JavaNames() {}

  /** lowerCamelCase method name; never a keyword or restricted identifier, never empty. */
  static String method(String words) {
    String camel = camel(words);
    String name = camel.isEmpty() ? "tool" : Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
    if (!Character.isJavaIdentifierStart(name.charAt(0))) {
      name = "tool" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
    return SourceVersion.isKeyword(name) || RESTRICTED.contains(name) ? name + "Tool" : name;
  }

  /** UpperCamelCase type name; never empty and never starts with a digit. */
  static String type(String words) {
    String camel = camel(words);
    if (camel.isEmpty() || !Character.isJavaIdentifierStart(camel.charAt(0))) {
      camel = "Api" + camel;
    }
    return camel;
  }

  /** A name not in {@code taken}: {@code name}, else {@code name2}, {@code name3}, ... */
  static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int i = 2; taken.contains(candidate); i++) {
      candidate = name + i;
    }
    taken.add(candidate);
    return candidate;
  }

  private static String camel(String words) {
    StringBuilder out = new StringBuilder();
    // Split camelCase too, so "getUser" stays "GetUser" rather than "Getuser".
    for (String word : words.replaceAll("([a-z0-9])([A-Z])", "$1 $2").split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
      if (out.length() >= MAX_LENGTH) {
        out.setLength(MAX_LENGTH);
        break;
      }
    }
    return out.toString();
  }
}
