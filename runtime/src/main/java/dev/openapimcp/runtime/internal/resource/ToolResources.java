package dev.openapimcp.runtime.internal.resource;

import dev.openapimcp.model.ResourceBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.runtime.internal.tool.CallContext;
import dev.openapimcp.runtime.internal.tool.PreparedTool;
import dev.openapimcp.runtime.internal.tool.ToolHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The catalog's tools that are resources too, and what reading one answers: the tool's call with
 * the URI's values as its arguments, through the same {@link ToolHandler} {@code tools/call} uses.
 */
public final class ToolResources {

  /** A server without resources: no capability, no methods. */
  public static final ToolResources NONE = new ToolResources(List.of());

  /**
   * One resource (or template) and the tool that reads it.
   *
   * @param template the URI's variables read backwards, {@code null} for a plain URI
   */
  private record Entry(ToolDefinition definition, ToolHandler handler, UriTemplate template) {

    String uri() {
      return definition.resource().uri();
    }
  }

  /**
   * What a read answers: the contents, or why there are none.
   *
   * @param result the contents, or {@code null}
   * @param notFound whether no resource has the URI (then {@code result} and {@code failure} are {@code null})
   * @param failure what the tool answered as its error (the API's status and message, or why nothing
   *     was sent), or {@code null}
   */
  public record Read(ReadResourceResult result, boolean notFound, String failure) {}

  private final List<Entry> entries;

  private ToolResources(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * The resources of {@code catalog}'s tools, read through {@code tools} (by name; a tool not among
   * them has no resource).
   *
   * @param unlisted tools that answer but are not listed (the writes of a read-only server): they
   *     are no resources
   */
  public static ToolResources of(ToolCatalog catalog, List<PreparedTool> tools, Set<String> unlisted) {
    Map<String, ToolHandler> handlers = tools.stream()
        .collect(Collectors.toMap(tool -> tool.tool().name(), PreparedTool::handler, (a, b) -> a, LinkedHashMap::new));
    List<Entry> entries = new ArrayList<>();
    for (ToolDefinition definition : catalog.tools()) {
      ResourceBinding resource = definition.resource();
      ToolHandler handler = handlers.get(definition.name());
      if (resource != null && handler != null && !unlisted.contains(definition.name())) {
        entries.add(new Entry(definition, handler,
            resource.isTemplate() ? new UriTemplate(resource.uri(), resource.variables()) : null));
      }
    }
    return entries.isEmpty() ? NONE : new ToolResources(entries);
  }

  /** Whether there are any: only then is the {@code resources} capability declared. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The plain resources, as {@code resources/list} shows them. */
  public List<McpSchema.Resource> resources() {
    return entries.stream().filter(entry -> entry.template() == null)
        .map(entry -> McpSchema.Resource.builder(entry.uri(), entry.definition().name())
            .title(entry.definition().title()).description(entry.definition().description())
            .mimeType(entry.definition().resource().mimeType()).build())
        .toList();
  }

  /** The resource templates, as {@code resources/templates/list} shows them. */
  public List<McpSchema.ResourceTemplate> templates() {
    return entries.stream().filter(entry -> entry.template() != null)
        .map(entry -> McpSchema.ResourceTemplate.builder(entry.uri(), entry.definition().name())
            .title(entry.definition().title()).description(entry.definition().description())
            .mimeType(entry.definition().resource().mimeType()).build())
        .toList();
  }

  /**
   * Reads {@code uri}: a plain resource's URI exactly, else the first template it matches. The
   * future never completes exceptionally.
   */
  public CompletableFuture<Read> read(String uri, CallContext context) {
    // Plain URIs first: users/me is a resource of its own, not the user "me" of a users/{id} template.
    for (Entry entry : entries) {
      if (entry.template() == null && entry.uri().equals(uri)) {
        return call(entry, uri, Map.of(), context);
      }
    }
    for (Entry entry : entries) {
      Map<String, Object> arguments = entry.template() == null ? null : entry.template().match(uri);
      if (arguments != null) {
        return call(entry, uri, arguments, context);
      }
    }
    return CompletableFuture.completedFuture(new Read(null, true, null));
  }

  private static CompletableFuture<Read> call(Entry entry, String uri, Map<String, Object> arguments,
      CallContext context) {
    CompletableFuture<CallToolResult> call;
    try {
      call = entry.handler().call(arguments, context);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    return call.handle((result, failure) -> failure != null || result == null
        ? new Read(null, false, "The server failed while reading " + uri + ".")
        : answer(uri, entry.definition().resource().mimeType(), result));
  }

  /** The tool's result as a read's answer: its error text as a failure, else each content as the resource's. */
  private static Read answer(String uri, String mimeType, CallToolResult result) {
    if (Boolean.TRUE.equals(result.isError())) {
      return new Read(null, false, text(result));
    }
    List<ResourceContents> contents = new ArrayList<>();
    for (McpSchema.Content content : result.content()) {
      if (content instanceof McpSchema.TextContent text) {
        contents.add(McpSchema.TextResourceContents.builder(uri, text.text()).mimeType(mimeType).build());
      } else if (content instanceof McpSchema.ImageContent image) {
        contents.add(McpSchema.BlobResourceContents.builder(uri, image.data()).mimeType(image.mimeType()).build());
      } else if (content instanceof McpSchema.AudioContent audio) {
        contents.add(McpSchema.BlobResourceContents.builder(uri, audio.data()).mimeType(audio.mimeType()).build());
      } else if (content instanceof McpSchema.EmbeddedResource embedded
          && embedded.resource() instanceof McpSchema.BlobResourceContents blob) {
        // Binary answers come embedded under the API's URL; a read answers under the URI asked for.
        contents.add(McpSchema.BlobResourceContents.builder(uri, blob.blob()).mimeType(blob.mimeType()).build());
      } else if (content instanceof McpSchema.EmbeddedResource embedded
          && embedded.resource() instanceof McpSchema.TextResourceContents text) {
        contents.add(McpSchema.TextResourceContents.builder(uri, text.text()).mimeType(text.mimeType()).build());
      }
    }
    return new Read(ReadResourceResult.builder(contents).build(), false, null);
  }

  private static String text(CallToolResult result) {
    String text = result.content().stream().filter(McpSchema.TextContent.class::isInstance)
        .map(content -> ((McpSchema.TextContent) content).text()).collect(Collectors.joining("\n"));
    return text.isEmpty() ? "The API answered with an error." : text;
  }
}
