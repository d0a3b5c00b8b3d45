package dev.openapimcp.generator.internal.spec;

import dev.openapimcp.generator.GenerationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SpecLoader() {}

  /**
   * Loads {@code location}: a file path, or an {@code http(s):} / {@code file:} URL.
   *
   * @throws GenerationException when the file is missing or swagger-parser could not build a model
   */
  public static LoadedSpec load(String location) throws GenerationException {
    String resolved = normalise(location);
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
    return new LoadedSpec(location, openApi, messages, methodOrder(resolved));
  }

  /** Methods per path in document order, read from the raw document (local files only). */
  private static Map<String, List<String>> methodOrder(String resolved) {
    Map<String, List<String>> order = new HashMap<>();
    if (!resolved.startsWith("file:")) {
      return order;
    }
    Path file = Path.of(URI.create(resolved));
    ObjectMapper mapper = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    try {
      JsonNode paths = mapper.readTree(file.toFile()).path("paths");
      paths.fields().forEachRemaining(path -> {
        List<String> methods = new ArrayList<>();
        path.getValue().fieldNames().forEachRemaining(key -> methods.add(key.toLowerCase(Locale.ROOT)));
        order.put(path.getKey(), methods);
      });
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot read method order of {}: {}", resolved, e.toString());
    }
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
