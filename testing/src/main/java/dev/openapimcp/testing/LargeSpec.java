package dev.openapimcp.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Specs made to measure: {@code operations} GET operations, each with a description of {@code
 * descriptionLength} characters and one query parameter, so the size of their {@code tools/list}
 * is known in advance (a little over {@code operations * descriptionLength} bytes). Stand-ins for
 * the huge public specs (Microsoft Graph: 11,000 operations) that tests must not vendor.
 */
public final class LargeSpec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LargeSpec() {}

  /** The spec as OpenAPI 3.0 JSON text. */
  public static String openApi(String title, int operations, int descriptionLength) {
    ObjectNode spec = JSON.createObjectNode().put("openapi", "3.0.3");
    spec.putObject("info").put("title", title).put("version", "1");
    spec.putArray("servers").addObject().put("url", "https://large.example");
    ObjectNode paths = spec.putObject("paths");
    String words = "Returns the record and everything it holds. ";
    String description = words.repeat(descriptionLength / words.length() + 1).substring(0, descriptionLength);
    for (int i = 0; i < operations; i++) {
      ObjectNode get = paths.putObject("/records" + i).putObject("get");
      get.put("operationId", "getRecord" + i).put("description", description);
      get.putArray("parameters").addObject().put("name", "fields").put("in", "query")
          .putObject("schema").put("type", "string");
      get.putObject("responses").putObject("200").put("description", "OK");
    }
    return spec.toString();
  }
}
