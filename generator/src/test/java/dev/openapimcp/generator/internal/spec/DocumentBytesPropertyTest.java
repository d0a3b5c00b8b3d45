package dev.openapimcp.generator.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * A document read from its bytes means what its text meant: {@link DocumentParser#parse(byte[],
 * String)} gives the tree, or the message, that parsing the bytes decoded as UTF-8 gave before JSON
 * was parsed from bytes. The documents are random JSON with text in every plane (and lone
 * surrogates, which UTF-8 cannot carry), behind a byte order mark or white space or not, whole, cut
 * short, or with one byte changed: to junk, to a byte no UTF-8 has, or to the start of an overlong
 * encoding, which Jackson alone would decode.
 */
class DocumentBytesPropertyTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A document as bytes, and what was done to it (for the statistics). */
  record Bytes(byte[] bytes, String kind) {}

  @Property(tries = 400, seed = "8217302164577451020")
  @StatisticsReport(onFailureOnly = true)
  void bytesAreReadAsTheirTextIsRead(@ForAll("documents") Bytes document) {
    Object fromBytes = outcome(() -> DocumentParser.parse(document.bytes(), "api.json"));
    Object fromText = outcome(() -> DocumentParser.parse(text(document.bytes()), "api.json"));

    Statistics.collect(document.kind(), fromText instanceof String ? "refused" : "read");
    assertThat(fromBytes).isEqualTo(fromText);
  }

  @Example
  void anOverlongEncodingIsReadAsTheTextReadsIt() throws Exception {
    // "A" followed by 0xC1 0x81, an overlong "A": text has two U+FFFD where Jackson would see "A".
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', 'A', (byte) 0xC1, (byte) 0x81, '"', '}'};

    assertThat(DocumentParser.parse(bytes, "api.json").path("a").asText()).isEqualTo("A\uFFFD\uFFFD");
  }

  @Example
  void aSyntaxErrorAfterWideCharactersIsPlacedInCharacters() {
    byte[] bytes = "{\"a\": \"é€😀\", }".getBytes(StandardCharsets.UTF_8);

    assertThat(outcome(() -> DocumentParser.parse(bytes, "api.json"))).asString()
        .contains("(line 1, column 15)").isEqualTo(outcome(() -> DocumentParser.parse(text(bytes), "api.json")));
  }

  @Provide
  Arbitrary<Bytes> documents() {
    Arbitrary<byte[]> json = values(3).map(value -> value.toString().getBytes(StandardCharsets.UTF_8));
    Arbitrary<String> before = Arbitraries.of("", "\uFEFF", " \n\t", "\uFEFF \r\n", "\uFEFF\uFEFF");
    Arbitrary<Bytes> whole = Combinators.combine(before, json)
        .as((prefix, bytes) -> new Bytes(concat(prefix.getBytes(StandardCharsets.UTF_8), bytes), "whole"));
    return Arbitraries.oneOf(whole, whole.flatMap(DocumentBytesPropertyTest::cut),
        whole.flatMap(DocumentBytesPropertyTest::changed));
  }

  private static Arbitrary<Bytes> cut(Bytes document) {
    return Arbitraries.integers().between(0, document.bytes().length)
        .map(length -> new Bytes(java.util.Arrays.copyOf(document.bytes(), length), "cut short"));
  }

  private static Arbitrary<Bytes> changed(Bytes document) {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, document.bytes().length - 1));
    Arbitrary<Byte> to = Arbitraries.oneOf(Arbitraries.bytes(),
        Arbitraries.of((byte) 0xC0, (byte) 0xC1, (byte) 0xED, (byte) 0xF5, (byte) 0xFF, (byte) 0x80, (byte) '}'));
    return Combinators.combine(at, to).as((index, value) -> {
      byte[] bytes = document.bytes().clone();
      if (bytes.length > 0) {
        bytes[index] = value;
      }
      return new Bytes(bytes, "one byte changed");
    });
  }

  /** JSON values whose objects and arrays nest at most {@code depth} levels, the root an object. */
  private static Arbitrary<ObjectNode> values(int depth) {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12);
    Arbitrary<JsonNode> scalar = Arbitraries.oneOf(text.map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode), Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(NODES.booleanNode(true), NODES.nullNode()));
    Arbitrary<JsonNode> member = depth == 0 ? scalar
        : Arbitraries.oneOf(scalar, values(depth - 1).map(JsonNode.class::cast),
            scalar.list().ofMaxSize(4).map(DocumentBytesPropertyTest::array));
    return Combinators.combine(text.list().ofMaxSize(5), member.list().ofSize(5)).as((keys, members) -> {
      ObjectNode object = NODES.objectNode();
      for (int i = 0; i < keys.size(); i++) {
        object.set(keys.get(i), members.get(i));
      }
      return object;
    });
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(array::add);
    return array;
  }

  /** The text the bytes were read as before: UTF-8, a leading byte order mark dropped. */
  private static String text(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The tree as JSON text (NaN and the like included), or the message of the refusal. */
  private static Object outcome(Parse parse) {
    try {
      JsonNode tree = parse.run();
      return tree.isMissingNode() ? "(missing)" : JSON.writeValueAsString(tree);
    } catch (GenerationException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  private interface Parse {
    JsonNode run() throws Exception;
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }
}
