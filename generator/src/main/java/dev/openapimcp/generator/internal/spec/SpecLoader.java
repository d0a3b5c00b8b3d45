package dev.openapimcp.generator.internal.spec;

import dev.openapimcp.generator.GenerationException;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads an OpenAPI description with swagger-parser, resolving external {@code $ref} files. */
public final class SpecLoader {

  private static final Logger LOG = LoggerFactory.getLogger(SpecLoader.class);

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
    return new LoadedSpec(location, openApi, messages);
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
