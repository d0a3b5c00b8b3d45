package dev.openapimcp.runtime.internal.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.runtime.internal.resource.ToolResources;
import dev.openapimcp.runtime.internal.tool.CallContext;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * {@code resources/list}, {@code resources/templates/list} and {@code resources/read} as 2026-07-28
 * has them (schema/2026-07-28/schema.ts): lists cacheable like {@code tools/list} (public, an hour:
 * they change only with a new build); a read's contents with {@code ttlMs} 0 and {@code cacheScope}
 * private, since they are the API's data as this caller's credentials see it; a URI no resource
 * has is -32602 with {@code data.uri} (this revision's code, where 2025-11-25 had -32002).
 */
final class ModernResources {

  static final String LIST = "resources/list";
  static final String TEMPLATES_LIST = "resources/templates/list";
  static final String READ = "resources/read";

  private static final Set<String> METHODS = Set.of(LIST, TEMPLATES_LIST, READ);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ToolResources resources;
  private final ArrayNode resourceList;
  private final ArrayNode templateList;

  ModernResources(ToolResources resources) {
    this.resources = resources;
    this.resourceList = JSON.valueToTree(resources.resources());
    this.templateList = JSON.valueToTree(resources.templates());
  }

  /** Whether there are resources: only then the capability and these methods exist. */
  boolean offered() {
    return !resources.isEmpty();
  }

  /** Whether {@code method} is one of these, and there are resources to answer it. */
  boolean answers(String method) {
    return offered() && METHODS.contains(method);
  }

  /**
   * Answers {@code method} (one {@link #answers} is true for).
   *
   * @param result makes a request's result into its response (the lane adds {@code _meta} and {@code resultType})
   */
  CompletableFuture<ModernLane.Answer> handle(String method, JsonNode id, JsonNode params, CallContext context,
      BiFunction<JsonNode, ObjectNode, ModernLane.Answer> result) {
    if (!method.equals(READ)) {
      if (params.has("cursor") && !params.get("cursor").isNull()) {
        // One page holds every resource, so no cursor was ever handed out.
        return done(ModernLane.error(id, ModernLane.INVALID_PARAMS, "Invalid params: unknown cursor", null));
      }
      ObjectNode list = NODES.objectNode();
      list.set(method.equals(LIST) ? "resources" : "resourceTemplates",
          method.equals(LIST) ? resourceList : templateList);
      return done(result.apply(id, ModernLane.cacheable(list)));
    }
    JsonNode uri = params.path("uri");
    if (!uri.isTextual()) {
      return done(ModernLane.error(id, ModernLane.INVALID_PARAMS, "Invalid params: uri must be a string", null));
    }
    ObjectNode data = NODES.objectNode().put("uri", uri.asText());
    return resources.read(uri.asText(), context).thenApply(read -> {
      if (read.notFound()) {
        return ModernLane.error(id, ModernLane.INVALID_PARAMS, "Resource not found: " + uri.asText(), data);
      }
      if (read.failure() != null) {
        return ModernLane.error(id, ModernLane.INTERNAL_ERROR, read.failure(), data);
      }
      ObjectNode contents = JSON.valueToTree(read.result());
      contents.put("ttlMs", 0);
      contents.put("cacheScope", "private");
      return result.apply(id, contents);
    });
  }

  private static CompletableFuture<ModernLane.Answer> done(ModernLane.Answer answer) {
    return CompletableFuture.completedFuture(answer);
  }
}
