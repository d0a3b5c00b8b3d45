package dev.openapimcp.examples.notion;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.examples.notion.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Request bodies from Notion's API reference, one per block type, rich text form, page property
 * value, parent kind, filter and sort form, and one or more per write tool; each names the page of
 * developers.notion.com it comes from. They live in {@code src/test/resources/notion-reference-requests.json}.
 */
final class NotionReferenceRequests {

  private static final String RESOURCE = "/notion-reference-requests.json";

  /** One call: a tool and its arguments, as an assistant following the reference would make it. */
  record Request(String name, String tool, String reference, ObjectNode arguments) {

    Map<String, Object> argumentMap() {
      return Json.MAPPER.convertValue(arguments, new TypeReference<Map<String, Object>>() {});
    }

    /** The JSON body the API must receive: the arguments without the path and query parameters. */
    ObjectNode expectedBody(Set<String> pathAndQueryParameters) {
      ObjectNode body = arguments.deepCopy();
      body.remove(pathAndQueryParameters);
      return body;
    }

    @Override
    public String toString() {
      return name; // Names the parameterised test case.
    }
  }

  private NotionReferenceRequests() {}

  /** The requests, in the order of the file. */
  static List<Request> all() {
    try (InputStream in = NotionReferenceRequests.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the test classpath");
      }
      List<Request> requests = new ArrayList<>();
      for (JsonNode entry : Json.MAPPER.readTree(in)) {
        requests.add(new Request(entry.get("name").asText(), entry.get("tool").asText(),
            entry.get("reference").asText(), (ObjectNode) entry.get("arguments")));
      }
      return requests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
