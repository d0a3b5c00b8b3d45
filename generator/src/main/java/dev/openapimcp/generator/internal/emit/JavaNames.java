package dev.openapimcp.generator.internal.emit;

import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** Java identifiers from API words: {@code retrieve-a-page} → {@code retrieveAPage}. */
final class JavaNames {

  private JavaNames() {}

  /** lowerCamelCase method name; never a keyword, never empty. */
  static String method(String words) {
    String camel = camel(words);
    String name = camel.isEmpty() ? "tool" : Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
    if (!Character.isJavaIdentifierStart(name.charAt(0))) {
      name = "tool" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
    return SourceVersion.isKeyword(name) ? name + "Tool" : name;
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
    }
    return out.toString();
  }
}
