package dev.openapimcp.generator.internal.spec;

import dev.openapimcp.generator.GenerationException;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads an OpenAPI description with swagger-parser, resolving external {@code $ref} files. */
public final class SpecLoader {

  private static final Logger LOG = LoggerFactory.getLogger(SpecLoader.class);

  private SpecLoader() {}

  /**
   * Loads {@code location}: a file path, or an {@code http(s):} / {@code file:} URL.
   *
   * @param allowRemoteRefs whether a local spec may {@code $ref} {@code http(s)} addresses
   * @throws GenerationException when the file is missing, refers to the network without
   *     permission, or swagger-parser could not build a model
   */
  public static LoadedSpec load(String location, boolean allowRemoteRefs) throws GenerationException {
    String resolved = normalise(location);
    SpecFiles files = resolved.startsWith("file:") ? SpecFiles.of(Path.of(URI.create(resolved))) : null;
    if (files != null && files.syntaxError() != null) {
      // Said here, with line and column: swagger-parser would only log stack traces and give up.
      throw new GenerationException(location + ": not valid " + (resolved.toLowerCase(Locale.ROOT).endsWith(".json")
          ? "JSON" : "YAML") + ": " + files.syntaxError());
    }
    if (files != null && !allowRemoteRefs) {
      List<SpecFiles.RemoteRef> remote = files.remoteRefs();
      if (!remote.isEmpty()) {
        SpecFiles.RemoteRef first = remote.get(0);
        throw new GenerationException(first.file() + " " + first.pointer() + ": $ref '" + first.ref()
            + "' points to the network; remote references are fetched only when allowed (plugin: "
            + "<allowRemoteRefs>true</allowRemoteRefs>, CLI: --allow-remote-refs)");
      }
    }
    ParseOptions options = new ParseOptions();
    // Resolve external files into components; keep internal refs so tools can carry $defs.
    options.setResolve(true);
    options.setResolveFully(false);
    SwaggerParseResult result;
    try {
      result = new OpenAPIParser().readLocation(resolved, null, options);
    } catch (RuntimeException e) {
      throw new GenerationException(location + ": cannot be read: " + e.getMessage(), e);
    }
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    OpenAPI openApi = result.getOpenAPI();
    if (openApi == null) {
      String reason = messages.isEmpty() ? "not an OpenAPI 3.x or Swagger 2.0 document" : String.join("; ", messages);
      throw new GenerationException(location + ": cannot be parsed: " + reason);
    }
    for (String message : messages) {
      LOG.warn("{}: {}", location, message);
    }
    return new LoadedSpec(location, openApi, messages, methodOrder(files == null ? null : files.root()));
  }

  /** Methods per path in document order, read from the raw document (local files only). */
  private static Map<String, List<String>> methodOrder(JsonNode document) {
    Map<String, List<String>> order = new HashMap<>();
    if (document == null) {
      return order;
    }
    document.path("paths").fields().forEachRemaining(path -> {
      List<String> methods = new ArrayList<>();
      path.getValue().fieldNames().forEachRemaining(key -> methods.add(key.toLowerCase(Locale.ROOT)));
      order.put(path.getKey(), methods);
    });
    return order;
  }

  private static String normalise(String location) throws GenerationException {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
      return URI.create(location).toString();
    }
    Path path = Path.of(location).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new GenerationException(location + ": no such file");
    }
    // A file: URI lets swagger-parser resolve relative $refs against the spec's folder.
    return path.toUri().toString();
  }
}
