package dev.openapimcp.runtime.internal.result;

import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.ToolCatalog;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to tell the model (and through it the user) when the API answers 401 or 404: the fix is
 * almost always in the server's setup, which the model cannot see.
 */
public final class ErrorHints {

  /** The name generated Notion servers report, as npm {@code @notionhq/notion-mcp-server} does. */
  static final String NOTION_SERVER_NAME = "notion-mcp-server";

  static final String NOTION_HOST = "api.notion.com";

  private final String unauthorized;
  private final String notFound;

  private ErrorHints(String unauthorized, String notFound) {
    this.unauthorized = unauthorized;
    this.notFound = notFound;
  }

  /** Hints naming {@code catalog}'s credential variables, in Notion's terms for the Notion API. */
  public static ErrorHints forCatalog(ToolCatalog catalog) {
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
    return new ErrorHints(unauthorized(List.copyOf(variables)), notFound(isNotion(catalog)));
  }

  /** Hints for an API whose credentials come from {@code OPENAPI_MCP_HEADERS} alone. */
  public static ErrorHints generic() {
    return new ErrorHints(unauthorized(List.of()), notFound(false));
  }

  static boolean isNotion(ToolCatalog catalog) {
    if (NOTION_SERVER_NAME.equals(catalog.serverName())) {
      return true;
    }
    try {
      String host = URI.create(catalog.baseUrl()).getHost();
      return host != null && host.toLowerCase(Locale.ROOT).equals(NOTION_HOST);
    } catch (IllegalArgumentException e) {
      return false;
    }
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

  private static String notFound(boolean notion) {
    if (notion) {
      return "If the page, database or block exists, it is probably not shared with the integration whose token"
          + " this server uses: share the page with your integration in Notion (open the page, then ••• →"
          + " Connections → add the integration; sharing a parent page shares everything inside it).";
    }
    return "If the resource exists, it may not be shared with the integration or token this server uses.";
  }

  /** The hint for HTTP 401. */
  public String unauthorized() {
    return unauthorized;
  }

  /** The hint for HTTP 404. */
  public String notFound() {
    return notFound;
  }
}
