package dev.openapimcp.runtime.internal.result;

import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.ToolCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to tell the model (and through it the user) when the API answers 401 or 404: the fix is
 * almost always in the server's setup, which the model cannot see. The 401 hint names the catalog's
 * credential variables; a 404 hint is the server's own ({@code ServerSettings.notFoundHint}, such as
 * Notion's advice to share the page with the integration), since what a 404 means differs from API
 * to API: other APIs' 404s used to get Notion's.
 */
public final class ErrorHints {

  private final String unauthorized;
  private final String notFound;

  private ErrorHints(String unauthorized, String notFound) {
    this.unauthorized = unauthorized;
    this.notFound = notFound;
  }

  /** Hints naming {@code catalog}'s credential variables, with {@code notFound} (or none) for 404s. */
  public static ErrorHints forCatalog(ToolCatalog catalog, String notFound) {
    Set<String> variables = new LinkedHashSet<>();
    if (catalog.tokenVariable() != null) {
      variables.add(catalog.tokenVariable());
    }
    for (Credential credential : catalog.credentials()) {
      variables.add(credential.variable());
      if (credential.passwordVariable() != null) {
        variables.add(credential.passwordVariable());
      }
    }
    return new ErrorHints(unauthorized(List.copyOf(variables)), notFound);
  }

  /** Hints naming {@code catalog}'s credential variables, and none for 404s. */
  public static ErrorHints forCatalog(ToolCatalog catalog) {
    return forCatalog(catalog, null);
  }

  /** Hints for an API whose credentials come from {@code OPENAPI_MCP_HEADERS} alone. */
  public static ErrorHints generic() {
    return new ErrorHints(unauthorized(List.of()), null);
  }

  private static String unauthorized(List<String> variables) {
    String where;
    if (variables.isEmpty()) {
      where = "the credentials in " + HeaderConfig.HEADERS_VARIABLE;
    } else {
      List<String> names = new ArrayList<>(variables);
      String last = names.remove(names.size() - 1);
      where = (names.isEmpty() ? "" : String.join(", ", names) + " or ") + last + " (or the header set in "
          + HeaderConfig.HEADERS_VARIABLE + ")";
    }
    return "The API rejected the credentials this server sends; check " + where
        + " in the server's environment, then restart it.";
  }

  /** The hint for HTTP 401. */
  public String unauthorized() {
    return unauthorized;
  }

  /** The hint for HTTP 404, or {@code null} for none. */
  public String notFound() {
    return notFound;
  }
}
