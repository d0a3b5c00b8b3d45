package dev.openapimcp.runtime.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A trusted JSON object (a tool's schema, compiled into the server or read from the catalog cache)
 * kept as its text: read as a {@code Map} only when something reads it, and written back to JSON as
 * that very text. An unmodifiable map.
 *
 * <p>Why: a server read every tool's schemas into maps at start and turned them back into JSON for
 * each {@code tools/list}. On GitHub's description (1,186 tools, 2.6 MB of schemas) that was 246 ms
 * of a 1.0 s later start of {@code openapi-mcp serve} (class-load timeline of the launcher, quiet
 * machine), most of it for maps nothing but {@code tools/list} ever read.
 */
@JsonSerialize(using = ObjectText.Writer.class)
public final class ObjectText extends AbstractMap<String, Object> {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final String text;
  private volatile Map<String, Object> parsed;

  private ObjectText(String text) {
    this.text = text;
  }

  /**
   * {@code text}, once a pass of the streaming parser (no values built) has found it to be one JSON
   * object and nothing more.
   *
   * @throws JsonProcessingException with the parser's message when it is not
   */
  public static ObjectText of(String text) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(parser, "not a JSON object");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "text after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // Reading a String fails only as a JsonProcessingException.
      throw new UncheckedIOException(e);
    }
    return new ObjectText(text);
  }

  /** The JSON text, as given. */
  public String text() {
    return text;
  }

  /** The object as plain Java values, parsed on the first call. */
  public Map<String, Object> parsed() {
    Map<String, Object> result = parsed;
    if (result == null) {
      try {
        // Unmodifiable, in the text's order (a LinkedHashMap underneath).
        result = Collections.unmodifiableMap(JsonText.parseTrustedObject(text));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("of() found this text to be a JSON object", e);
      }
      parsed = result;
    }
    return result;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return parsed().entrySet();
  }

  @Override
  public Object get(Object key) {
    return parsed().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return parsed().containsKey(key);
  }

  @Override
  public int size() {
    return parsed().size();
  }

  /**
   * Writes the text as it is; into a token buffer ({@code valueToTree}, {@code convertValue}),
   * which would keep raw text as one opaque value, the parsed map instead.
   */
  static final class Writer extends StdSerializer<ObjectText> {

    private static final long serialVersionUID = 1L;

    Writer() {
      super(ObjectText.class);
    }

    @Override
    public void serialize(ObjectText value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      if (generator instanceof TokenBuffer) {
        provider.defaultSerializeValue(value.parsed(), generator);
      } else {
        generator.writeRawValue(value.text);
      }
    }
  }
}
