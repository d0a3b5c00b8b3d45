package dev.openapimcp.model;

/**
 * JSON text without the white space between its tokens. Generated code writes schemas
 * pretty-printed, for people to read; definitions keep them compact, so the same schema is the same
 * string whether it was compiled in or converted at run time.
 */
final class JsonTexts {

  private JsonTexts() {}

  /**
   * {@code json} with every space, tab, carriage return and line feed outside string values removed
   * (the only white space JSON allows between tokens); text that is not JSON is changed no more.
   */
  static String compact(String json) {
    StringBuilder out = null;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean drop = false;
      if (inString) {
        if (c == '\\') {
          // An escape: the next character is part of it, whatever it is.
          if (out != null) {
            out.append(c);
          }
          i++;
          c = i < json.length() ? json.charAt(i) : c;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else {
        drop = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      }
      if (drop && out == null) {
        out = new StringBuilder(json.length()).append(json, 0, i);
      } else if (!drop && out != null) {
        out.append(c);
      }
    }
    return out == null ? json : out.toString();
  }
}
