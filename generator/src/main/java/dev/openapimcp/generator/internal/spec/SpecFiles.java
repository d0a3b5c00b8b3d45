package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local files a spec consists of (the spec and every file its {@code $ref}s reach), and the
 * {@code $ref}s that point to the network.
 */
public final class SpecFiles {

  /**
   * A {@code $ref} to an {@code http(s)} address.
   *
   * @param file the file holding it
   * @param pointer JSON pointer of the object holding the {@code $ref}
   * @param ref the address
   */
  public record RemoteRef(Path file, String pointer, String ref) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Set<Path> files = new TreeSet<>();
  private final List<RemoteRef> remoteRefs = new ArrayList<>();
  private JsonNode root;
  private String rootError;

  private SpecFiles() {}

  /** Reads {@code spec} and the files it references, transitively; unreadable files are skipped. */
  public static SpecFiles of(Path spec) {
    SpecFiles result = new SpecFiles();
    Deque<Path> pending = new ArrayDeque<>();
    pending.add(spec.toAbsolutePath().normalize());
    while (!pending.isEmpty()) {
      Path file = pending.pop();
      if (!Files.isRegularFile(file) || !result.files.add(file)) {
        continue;
      }
      JsonNode tree;
      try {
        tree = read(file);
      } catch (IOException | RuntimeException e) {
        // Not parseable here: swagger-parser reports it; the file's bytes are still hashed.
        tree = null;
        if (result.files.size() == 1) {
          result.rootError = describe(e);
        }
      }
      if (result.root == null) {
        result.root = tree;
      }
      if (tree != null) {
        result.collectRefs(tree, file, "", pending);
      }
    }
    return result;
  }

  /** The spec and every local file it references, sorted. */
  public Set<Path> files() {
    return files;
  }

  /** The spec document itself as read, or {@code null} when it could not be read here. */
  public JsonNode root() {
    return root;
  }

  /** {@code $ref}s to {@code http(s)} addresses, in reading order. */
  public List<RemoteRef> remoteRefs() {
    return remoteRefs;
  }

  /**
   * Why the spec itself is not JSON or YAML, with line and column; {@code null} when it parses.
   */
  public String syntaxError() {
    return rootError;
  }

  private static JsonNode read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return (name.endsWith(".json") ? JSON : YAML).readTree(file.toFile());
  }

  private static String describe(Exception e) {
    if (e instanceof JsonProcessingException parse && parse.getLocation() != null) {
      return parse.getOriginalMessage().lines().findFirst().orElse("syntax error") + " (line "
          + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")";
    }
    return e.getMessage();
  }

  private void collectRefs(JsonNode node, Path file, String pointer, Deque<Path> pending) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String target = ref.asText();
        int hash = target.indexOf('#');
        String location = hash < 0 ? target : target.substring(0, hash);
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
          remoteRefs.add(new RemoteRef(file, pointer.isEmpty() ? "#" : "#" + pointer, target));
        } else if (!location.isEmpty() && !location.contains("://")) {
          pending.add(file.getParent().resolve(location).normalize());
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        collectRefs(field.getValue(), file, pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"),
            pending);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectRefs(node.get(i), file, pointer + "/" + i, pending);
      }
    }
  }
}
