package dev.openapimcp.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The specs of {@code lint PATH...}: files as named, and in folders (recursively, links not
 * followed) every {@code .json}, {@code .yaml} and {@code .yml} file that is an OpenAPI or Swagger
 * document: one with a top-level {@code openapi} or {@code swagger} key. Other files there, such as
 * {@code package.json} or the schema files a spec {@code $ref}s, are not specs of their own. A file
 * that does not parse is taken, so a broken spec is reported rather than skipped.
 */
final class SpecFinder {

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
  private static final YAMLFactory YAML = new YAMLFactory();

  /**
   * What was found.
   *
   * @param specs the files to lint, in the order given, each folder's sorted by path
   * @param skipped files of a spec's extension in the folders that are not OpenAPI documents
   */
  record Found(List<Path> specs, int skipped) {}

  private SpecFinder() {}

  static Found find(List<Path> paths) throws IOException {
    List<Path> specs = new ArrayList<>();
    int skipped = 0;
    for (Path path : paths) {
      if (!Files.isDirectory(path)) {
        // Named on the command line: linted whatever it is, so a missing file gets its error line.
        specs.add(path);
        continue;
      }
      List<Path> candidates;
      try (Stream<Path> walk = Files.walk(path)) {
        candidates = walk.filter(SpecFinder::hasSpecExtension).filter(Files::isRegularFile).sorted().toList();
      }
      for (Path candidate : candidates) {
        if (isOpenApiDocument(candidate)) {
          specs.add(candidate);
        } else {
          skipped++;
        }
      }
    }
    return new Found(specs, skipped);
  }

  static boolean hasSpecExtension(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /**
   * Whether the document's top level has an {@code openapi} or {@code swagger} key, read as a stream
   * (other keys' values are skipped, not built), or does not parse. Usually the key comes first, so
   * even a 47 MB spec is decided after a few bytes.
   */
  static boolean isOpenApiDocument(Path file) {
    JsonFactory factory = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    try (JsonParser parser = factory.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        if (key.equals("openapi") || key.equals("swagger")) {
          return true;
        }
        parser.nextToken();
        parser.skipChildren();
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }
}
