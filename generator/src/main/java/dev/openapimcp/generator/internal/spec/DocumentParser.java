package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Utf8;
import dev.openapimcp.generator.GenerationException;
import io.swagger.v3.parser.util.DeserializationUtils;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Parses one spec document, JSON or YAML, into a tree, within limits no document can get round:
 * a 0.7 KB YAML "billion laughs" (aliases of aliases) took swagger-parser 10-30 s and 1.6 GB, and
 * 350 nested schemas overflowed the stack.
 *
 * <p>YAML is read with SnakeYAML as swagger-parser reads it (its resolver: no timestamps; YAML 1.1
 * booleans and numbers), so a document means the same to both; swagger-parser then only sees the
 * tree as JSON.
 */
final class DocumentParser {

  /**
   * Nesting of objects and arrays. The deepest description we know, GitHub's REST API with every
   * reference inlined, nests 29 levels; 350 nested schemas (700 levels) overflowed the JSON Schema
   * validator's stack.
   */
  static final int MAX_DEPTH = 128;
  /** Aliases of collections one YAML document may use (SnakeYAML's default is 50). */
  private static final int MAX_YAML_ALIASES = 1000;
  /**
   * Values a YAML document may expand to through aliases, beyond twice its length in characters:
   * without aliases a document has at most one value per two characters.
   */
  private static final long MIN_VALUE_BUDGET = 100_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
          .maxDocumentLength(DocumentReader.MAX_BYTES).build())
      .build()).build();

  private DocumentParser() {}

  /**
   * The tree of a document's UTF-8 {@code bytes} (a byte order mark ignored), exactly as {@link
   * #parse(String, String)} reads their text. Well-formed JSON is parsed from the bytes themselves:
   * GitHub's 13 MB description parsed in 375 ms from its text in a cold JVM, in 200 ms from its
   * bytes, and the text took 26 MB more. Anything else is parsed as text, which gives the
   * message it always gave (lines and columns counted in characters), or reads bytes that are not
   * UTF-8 as U+FFFD as it always did (Jackson would read an overlong encoding as the character).
   *
   * @param shownAs how messages name the document
   */
  static JsonNode parse(byte[] bytes, String shownAs) throws GenerationException {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    int first = start;
    while (first < bytes.length && (bytes[first] == ' ' || bytes[first] == '\n' || bytes[first] == '\r'
        || bytes[first] == '\t')) {
      first++;
    }
    if (first < bytes.length && bytes[first] == '{' && Utf8.isWellFormed(bytes, start, bytes.length - start)) {
      try (JsonParser parser = JSON.createParser(bytes, start, bytes.length - start)) {
        JsonNode tree = JSON.readTree(parser);
        if (tree != null) {
          return tree;
        }
      } catch (IOException e) {
        // Parsed again as text below, for the message it gives.
      }
    }
    return parse(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8), shownAs);
  }

  /**
   * The tree of {@code text}: JSON when it starts with <code>{</code> (as swagger-parser decides),
   * else YAML.
   *
   * @param shownAs how messages name the document
   */
  static JsonNode parse(String text, String shownAs) throws GenerationException {
    return text.strip().startsWith("{") ? json(text, shownAs) : yaml(text, shownAs);
  }

  private static JsonNode json(String text, String shownAs) throws GenerationException {
    JsonParser parser = null;
    try {
      parser = JSON.createParser(text);
      JsonNode tree = JSON.readTree(parser);
      return tree == null ? NODES.missingNode() : tree;
    } catch (StreamConstraintsException e) {
      throw GenerationException.about(shownAs, tooDeep(parser == null ? "" : " (line "
          + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr() + ")"));
    } catch (JsonProcessingException e) {
      throw GenerationException.in(shownAs, "not valid JSON: "
          + e.getOriginalMessage().lines().findFirst().orElse("syntax error") + location(e));
    } catch (IOException e) {
      throw GenerationException.in(shownAs, "not valid JSON: " + e.getMessage());
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException e) {
          // A parser over a string has nothing to release.
        }
      }
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")";
  }

  private static JsonNode yaml(String text, String shownAs) throws GenerationException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_YAML_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(DocumentReader.MAX_BYTES);
    Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
        options, new DeserializationUtils.CustomResolver());
    Object value;
    try {
      value = yaml.load(text);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw GenerationException.in(shownAs, "not valid YAML: " + firstLine(problem)
          + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")"));
    } catch (YAMLException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.startsWith("Nesting Depth exceeded")) {
        throw GenerationException.about(shownAs, tooDeep(""));
      }
      if (message.startsWith("Number of aliases")) {
        throw GenerationException.about(shownAs, "uses more than " + MAX_YAML_ALIASES + " YAML aliases of"
            + " objects and arrays, which no API description needs");
      }
      throw GenerationException.in(shownAs, "not valid YAML: " + firstLine(message));
    }
    long budget = Math.max(MIN_VALUE_BUDGET, 2L * text.length());
    return new TreeBuilder(shownAs, budget).convert(value);
  }

  private static String tooDeep(String where) {
    return "nests objects and arrays deeper than " + MAX_DEPTH + " levels" + where + ", which no API description"
        + " needs";
  }

  private static String firstLine(String message) {
    return message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error").strip();
  }

  /**
   * SnakeYAML's values as a Jackson tree. An alias shares its value, so expanding it can multiply a
   * small document; the tree is built within a budget of values and depth, and an alias inside
   * the collection it names is refused.
   */
  private static final class TreeBuilder {
    private final String shownAs;
    private final long budget;
    private long made;
    private final IdentityHashMap<Object, Boolean> open = new IdentityHashMap<>();
    private final Deque<String> path = new ArrayDeque<>();

    TreeBuilder(String shownAs, long budget) {
      this.shownAs = shownAs;
      this.budget = budget;
    }

    JsonNode convert(Object value) throws GenerationException {
      if (++made > budget) {
        throw GenerationException.at(shownAs, pointer(), "its YAML aliases expand the document to more"
            + " than " + budget + " values, so it is not read (a \"billion laughs\" document)");
      }
      if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
        if (path.size() >= MAX_DEPTH) {
          throw GenerationException.at(shownAs, pointer(), tooDeep(" through YAML aliases"));
        }
        if (open.put(value, Boolean.TRUE) != null) {
          throw GenerationException.at(shownAs, pointer(), "a YAML alias refers to an object or array"
              + " that contains it, so the document never ends");
        }
        try {
          return value instanceof Map<?, ?> map ? object(map) : array(value);
        } finally {
          open.remove(value);
        }
      }
      return scalar(value);
    }

    private ObjectNode object(Map<?, ?> map) throws GenerationException {
      ObjectNode node = NODES.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        path.addLast(key);
        node.set(key, convert(entry.getValue()));
        path.removeLast();
      }
      return node;
    }

    private ArrayNode array(Object value) throws GenerationException {
      ArrayNode node = NODES.arrayNode();
      Iterator<?> items = value instanceof Object[] array ? java.util.Arrays.asList(array).iterator()
          : ((Collection<?>) value).iterator();
      for (int i = 0; items.hasNext(); i++) {
        path.addLast(Integer.toString(i));
        node.add(convert(items.next()));
        path.removeLast();
      }
      return node;
    }

    private static JsonNode scalar(Object value) {
      if (value == null) {
        return NODES.nullNode();
      }
      if (value instanceof String text) {
        return NODES.textNode(text);
      }
      if (value instanceof Boolean flag) {
        return NODES.booleanNode(flag);
      }
      if (value instanceof Integer number) {
        return NODES.numberNode(number);
      }
      if (value instanceof Long number) {
        return NODES.numberNode(number);
      }
      if (value instanceof BigInteger number) {
        return NODES.numberNode(number);
      }
      if (value instanceof Double number) {
        // JSON has no NaN or infinity (YAML's .nan, .inf): keep them as text.
        return number.isNaN() || number.isInfinite() ? NODES.textNode(number.toString()) : NODES.numberNode(number);
      }
      if (value instanceof BigDecimal number) {
        return NODES.numberNode(number);
      }
      if (value instanceof byte[] bytes) {
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      }
      if (value instanceof Date date) {
        return NODES.textNode(date.toInstant().toString());
      }
      return NODES.textNode(String.valueOf(value));
    }

    /** Where the builder is, as a JSON pointer; long ones are shortened to their first and last steps. */
    private String pointer() {
      StringBuilder pointer = new StringBuilder("#");
      int i = 0;
      int size = path.size();
      for (String token : path) {
        if (size > 12 && i == 6) {
          pointer.append("/...");
        }
        if (size <= 12 || i < 6 || i >= size - 4) {
          pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        i++;
      }
      return pointer.toString();
    }
  }
}
