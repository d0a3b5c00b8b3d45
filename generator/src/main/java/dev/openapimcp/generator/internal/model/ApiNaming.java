package dev.openapimcp.generator.internal.model;

import dev.openapimcp.generator.GenerationException;
import io.swagger.v3.oas.models.OpenAPI;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The names and address a spec gives its server: the API's short name ({@code Notion}), from which
 * class names and environment variables derive, the token variable, and the base URL.
 */
final class ApiNaming {

  private ApiNaming() {}

  /** The configured name, else the spec's title in CamelCase without words like "API". */
  static String apiName(String configured, OpenAPI openApi) {
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    String title = openApi.getInfo() == null ? null : openApi.getInfo().getTitle();
    String words = title == null ? "" : title.replaceAll("(?i)\\b(api|openapi|rest|service|the)\\b", " ");
    StringBuilder name = new StringBuilder();
    for (String word : words.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    if (name.length() == 0 || !Character.isLetter(name.charAt(0))) {
      name.insert(0, "Api");
    }
    return name.toString();
  }

  /** {@code Notion} → {@code NOTION_TOKEN}; {@code PetStore} → {@code PET_STORE_TOKEN}. */
  static String tokenVariable(String apiName) {
    return SecuritySchemes.snake(apiName) + "_TOKEN";
  }

  /**
   * The server URL ({@link ServerUrl}) resolved against the spec's own address when that is a URL
   * and the server's is relative.
   */
  static String baseUrl(OpenAPI openApi, Map<String, String> values, String specLocation)
      throws GenerationException {
    String url = ServerUrl.of(openApi.getServers(), values);
    String location = specLocation.toLowerCase(Locale.ROOT);
    if (!url.matches("(?i)^https?://.*") && (location.startsWith("http://") || location.startsWith("https://"))) {
      url = URI.create(specLocation).resolve(url).toString();
    }
    return url;
  }
}
