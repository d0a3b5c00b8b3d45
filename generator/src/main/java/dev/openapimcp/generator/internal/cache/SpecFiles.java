package dev.openapimcp.generator.internal.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The local files a spec consists of: the spec and every file its {@code $ref}s reach. */
final class SpecFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SpecFiles() {}

  /** {@code spec} and the files it references, transitively, sorted; unreadable refs are skipped. */
  static Set<Path> collect(Path spec) {
    Set<Path> files = new TreeSet<>();
    Deque<Path> pending = new ArrayDeque<>();
    pending.add(spec.toAbsolutePath().normalize());
    while (!pending.isEmpty()) {
      Path file = pending.pop();
      if (!files.add(file) || !Files.isRegularFile(file)) {
        continue;
      }
      JsonNode tree = read(file);
      if (tree != null) {
        collectRefs(tree, file.getParent(), pending);
      }
    }
    files.removeIf(f -> !Files.isRegularFile(f));
    return files;
  }

  private static JsonNode read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      return (name.endsWith(".json") ? JSON : YAML).readTree(file.toFile());
    } catch (IOException | RuntimeException e) {
      // Not parseable here: the generator reports it properly; the file's bytes are still hashed.
      return null;
    }
  }

  private static void collectRefs(JsonNode node, Path dir, Deque<Path> pending) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String target = ref.asText();
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        if (!file.isEmpty() && !file.contains("://")) {
          pending.add(dir.resolve(file).normalize());
        }
      }
    }
    node.elements().forEachRemaining(child -> collectRefs(child, dir, pending));
  }
}
