package dev.openapimcp.generator.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.GenerationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a spec and every document its {@code $ref}s reach, and makes them one document whose
 * references all point inside itself, the way swagger-parser bundles external files: a referenced
 * schema, parameter, response... becomes a component of the matching section, named after its
 * file or its last pointer step, and path items are copied in place. swagger-parser then reads only
 * that document and never opens a file or an address itself; every document is read here, after
 * {@link RefPolicy} allowed it, by {@link DocumentReader} and {@link DocumentParser}.
 *
 * <p>References inside the spec to places other than a component of the right section (any JSON
 * pointer is a valid reference, such as {@code #/paths/~1a/get/parameters/0}) become components
 * too, under a name made from the pointer. A reference that leads nowhere is recorded with its
 * pointer, and so is every reference to a component that holds one, so the operations needing it
 * can be left out with the reason; the object (a schema: its {@code $ref}) is removed.
 */
final class SpecBundler {

  /**
   * The result.
   *
   * @param document the spec with every reachable document bundled in
   * @param unresolved for each place (a JSON pointer in OpenAPI 3 terms) whose {@code $ref} leads
   *     nowhere, or to a component holding such a place, which reference that is and why
   */
  record Bundle(ObjectNode document, Map<String, Unresolved> unresolved) {}

  private static final int MAX_DOCUMENTS = 1000;
  private static final long MAX_TOTAL_BYTES = 4L * DocumentReader.MAX_BYTES;
  /** Path items copied in for references; without a limit, path items that reference each other twice grow exponentially. */
  private static final int MAX_INLINED = 10_000;
  /** Path items copied into path items (through callbacks), one inside the other. */
  private static final int MAX_INLINE_NESTING = 8;
  private static final int MAX_NAME_LENGTH = 64;
  /** Pointer steps left out of component names made from pointers. */
  private static final Set<String> NOISE = Set.of("content", "schema", "properties", "responses");

  /** The operations of a path item. */
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  /** Values that are data, never followed: examples, defaults, enumerations. */
  private static final Set<String> DATA = Set.of("example", "default", "enum", "const", "value");
  /** Schema keywords whose value maps names to schemas (UnreadParts walks schemas by these too). */
  static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "dependentSchemas",
      "$defs", "definitions");
  /** Schema keywords whose value lists schemas; {@code items} as a list is one too. */
  static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  /** Schema keywords whose value is one schema; {@code items} as an object is one too. */
  static final Set<String> SCHEMA_SINGLES = Set.of("additionalProperties", "additionalItems", "not", "if",
      "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema");

  /** What a place in the document holds, and so where a referenced object of it goes. */
  private enum Kind {
    SCHEMA("schemas", "definitions"),
    PARAMETER("parameters", "parameters"),
    RESPONSE("responses", "responses"),
    REQUEST_BODY("requestBodies", null),
    HEADER("headers", null),
    EXAMPLE("examples", null),
    LINK("links", null),
    CALLBACK("callbacks", null),
    SECURITY_SCHEME("securitySchemes", null),
    PATH_ITEM(null, null),
    /** Objects without {@code $ref}: operations, media types, encodings. */
    OPERATION(null, null),
    MEDIA_TYPE(null, null);

    final String section3;
    final String section2;

    Kind(String section3, String section2) {
      this.section3 = section3;
      this.section2 = section2;
    }

    boolean referenceable() {
      return this != OPERATION && this != MEDIA_TYPE;
    }

    static Kind ofSection(String section) {
      for (Kind kind : values()) {
        if (section.equals(kind.section3)) {
          return kind;
        }
      }
      return section.equals("pathItems") ? PATH_ITEM : null;
    }
  }

  /** One read document. */
  private record Document(DocumentAddress address, String key, String shownAs, JsonNode tree) {}

  /** What a reference points to. */
  private record Target(Document document, String pointer, JsonNode node) {
    String identity(Kind kind) {
      return document.key() + "#" + pointer + " " + kind;
    }
  }

  /** The path items copied in on the way to a place, to catch one that contains itself. */
  private record Inlined(String identity, Inlined parent, int depth) {
    boolean contains(String id) {
      for (Inlined i = this; i != null; i = i.parent) {
        if (i.identity.equals(id)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A place being walked: in which document it was written (its {@code $ref}s are relative to
   * that), and where it is in the bundle and in its document.
   */
  private static final class Place {

    private final Document document;
    private final Inlined inlined;
    /** The place this one is a step below, or {@code null} where the pointers are given. */
    private final Place parent;
    /** The escaped step below {@link #parent}. */
    private final String step;
    private String bundle;
    private String source;

    Place(Document document, String bundle, String source, Inlined inlined) {
      this(document, inlined, null, null);
      this.bundle = bundle;
      this.source = source;
    }

    private Place(Document document, Inlined inlined, Place parent, String step) {
      this.document = document;
      this.inlined = inlined;
      this.parent = parent;
      this.step = step;
    }

    /**
     * The place {@code token} below this one. Its pointers are made only when asked for: most places
     * walked never are, and making each one's two pointers was about 70 of the 644 MB a first {@code
     * serve} of GitHub's description allocated (JFR, before and after).
     */
    Place child(String token) {
      return new Place(document, inlined, this, escape(token));
    }

    Document document() {
      return document;
    }

    Inlined inlined() {
      return inlined;
    }

    /** Where it is in the bundle, as a pointer fragment ({@code #/paths/~1a/get}). */
    String bundle() {
      if (bundle == null) {
        bundle = parent.bundle() + "/" + step;
      }
      return bundle;
    }

    /** Where it is in the document it was written in. */
    String source() {
      if (source == null) {
        source = parent.source() + "/" + step;
      }
      return source;
    }
  }

  private record Work(JsonNode node, Kind kind, Place place) {}

  private final RefPolicy policy;
  private final boolean fetchRemote;
  private final Set<Path> files;
  private final Map<String, Document> documents = new HashMap<>();
  private final Map<String, String> placed = new HashMap<>();
  /** Per section, its names in lower case (names differing only in case clash, as swagger-parser has it). */
  private final Map<String, Map<String, String>> names = new HashMap<>();
  private final Map<String, Unresolved> unresolved = new LinkedHashMap<>();
  /** For each component (pointer, OpenAPI 3 terms), the places that reference it. */
  private final Map<String, List<String>> referrers = new HashMap<>();
  /** Objects, other than schemas, whose reference leads nowhere: removed when the walk is done. */
  private final List<String> removals = new ArrayList<>();
  private final Deque<Work> pending = new ArrayDeque<>();
  private Document root;
  private ObjectNode bundle;
  private boolean swagger2;
  private long bytesRead;
  private int inlinedCount;

  private SpecBundler(RefPolicy policy, boolean fetchRemote, Set<Path> files) {
    this.policy = policy;
    this.fetchRemote = fetchRemote;
    this.files = files;
  }

  /**
   * Bundles the spec at {@code address}.
   *
   * @param shownAs how messages name the spec (as the user gave it)
   * @param fetchRemote whether to read allowed {@code http(s)} documents; without, references to
   *     them count as unresolved
   * @param files receives every local file read, also when bundling fails
   * @throws GenerationException when a document cannot be read or parsed, is not allowed, or
   *     exceeds a limit
   */
  static Bundle bundle(DocumentAddress address, String shownAs, RefPolicy policy, boolean fetchRemote,
      Set<Path> files) throws GenerationException {
    SpecBundler bundler = new SpecBundler(policy, fetchRemote, files);
    Document root = bundler.load(address, shownAs, DocumentReader.Subject.document(shownAs));
    if (root == null) {
      throw GenerationException.in(shownAs, "no such file");
    }
    if (!root.tree().isObject()) {
      throw GenerationException.in(shownAs, "not an OpenAPI 3.x or Swagger 2.0 document (it is "
          + (root.tree().isMissingNode() || root.tree().isNull() ? "empty" : "not an object") + ")");
    }
    bundler.run(root);
    bundler.spreadUnresolved();
    bundler.removeUnresolved();
    if (bundler.dropDanglingReferences(bundler.bundle, new Place(root, "#", "#", null))) {
      bundler.spreadUnresolved();
    }
    return new Bundle(bundler.bundle, bundler.unresolved);
  }

  private void run(Document document) throws GenerationException {
    root = document;
    bundle = (ObjectNode) document.tree();
    swagger2 = Swagger2Bodies.isSwagger2(bundle);
    Place top = new Place(root, "#", "#", null);
    // Components first, as they are now: those added for references are walked when added.
    List<Work> components = new ArrayList<>();
    if (swagger2) {
      sectionEntries(bundle.get("definitions"), Kind.SCHEMA, top.child("definitions"), components);
      sectionEntries(bundle.get("parameters"), Kind.PARAMETER, top.child("parameters"), components);
      sectionEntries(bundle.get("responses"), Kind.RESPONSE, top.child("responses"), components);
    } else if (bundle.get("components") instanceof ObjectNode sections) {
      for (String section : fieldNames(sections)) {
        Kind kind = Kind.ofSection(section);
        if (kind != null) {
          sectionEntries(sections.get(section), kind, top.child("components").child(section), components);
        }
      }
    }
    for (Work work : components) {
      walk(work.node(), work.kind(), work.place());
    }
    walkMap(bundle.get("paths"), Kind.PATH_ITEM, top.child("paths"), true);
    walkMap(bundle.get("webhooks"), Kind.PATH_ITEM, top.child("webhooks"), true);
    while (!pending.isEmpty()) {
      Work work = pending.poll();
      walk(work.node(), work.kind(), work.place());
    }
  }

  private static void sectionEntries(JsonNode section, Kind kind, Place place, List<Work> into) {
    if (section instanceof ObjectNode entries) {
      for (String name : fieldNames(entries)) {
        into.add(new Work(entries.get(name), kind, place.child(name)));
      }
    }
  }

  // ---- walking ----------------------------------------------------------------------------------

  private void walk(JsonNode node, Kind kind, Place place) throws GenerationException {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    JsonNode ref = object.get("$ref");
    if (ref != null && ref.isTextual() && kind.referenceable()) {
      boolean inlined = reference(object, ref.asText(), kind, place);
      // Other objects' siblings of $ref are ignored, as swagger-parser ignores them; a schema's are keywords.
      if (inlined || kind != Kind.SCHEMA) {
        return;
      }
    }
    switch (kind) {
      case SCHEMA -> schema(object, place);
      case PATH_ITEM -> {
        for (String key : fieldNames(object)) {
          if (key.equals("parameters")) {
            walkList(object.get(key), Kind.PARAMETER, place.child(key));
          } else if (METHODS.contains(key)) {
            walk(object.get(key), Kind.OPERATION, place.child(key));
          } else {
            other(object, key, place, Set.of("servers", "summary", "description"));
          }
        }
      }
      case OPERATION -> {
        for (String key : fieldNames(object)) {
          switch (key) {
            case "parameters" -> walkList(object.get(key), Kind.PARAMETER, place.child(key));
            case "requestBody" -> walk(object.get(key), Kind.REQUEST_BODY, place.child(key));
            case "responses" -> walkMap(object.get(key), Kind.RESPONSE, place.child(key), true);
            case "callbacks" -> walkMap(object.get(key), Kind.CALLBACK, place.child(key), true);
            default -> other(object, key, place, Set.of("tags", "summary", "description", "externalDocs",
                "operationId", "deprecated", "security", "servers", "consumes", "produces", "schemes"));
          }
        }
      }
      case PARAMETER, HEADER -> {
        for (String key : fieldNames(object)) {
          switch (key) {
            case "schema", "items" -> walk(object.get(key), Kind.SCHEMA, place.child(key));
            case "content" -> walkMap(object.get(key), Kind.MEDIA_TYPE, place.child(key), false);
            case "examples" -> walkMap(object.get(key), Kind.EXAMPLE, place.child(key), false);
            default -> other(object, key, place, Set.of("name", "in", "description", "required", "deprecated",
                "style", "explode", "allowReserved", "allowEmptyValue", "type", "format", "collectionFormat"));
          }
        }
      }
      case REQUEST_BODY -> {
        for (String key : fieldNames(object)) {
          if (key.equals("content")) {
            walkMap(object.get(key), Kind.MEDIA_TYPE, place.child(key), false);
          } else {
            other(object, key, place, Set.of("description", "required"));
          }
        }
      }
      case RESPONSE -> {
        for (String key : fieldNames(object)) {
          switch (key) {
            case "headers" -> walkMap(object.get(key), Kind.HEADER, place.child(key), true);
            case "content" -> walkMap(object.get(key), Kind.MEDIA_TYPE, place.child(key), false);
            case "links" -> walkMap(object.get(key), Kind.LINK, place.child(key), true);
            case "schema" -> walk(object.get(key), Kind.SCHEMA, place.child(key));
            // Swagger 2.0: examples by media type, data.
            default -> other(object, key, place, Set.of("description", "examples"));
          }
        }
      }
      case MEDIA_TYPE -> {
        for (String key : fieldNames(object)) {
          switch (key) {
            case "schema" -> walk(object.get(key), Kind.SCHEMA, place.child(key));
            case "examples" -> walkMap(object.get(key), Kind.EXAMPLE, place.child(key), false);
            case "encoding" -> {
              if (object.get(key) instanceof ObjectNode encodings) {
                for (String property : fieldNames(encodings)) {
                  Place at = place.child(key).child(property);
                  if (encodings.get(property) instanceof ObjectNode encoding) {
                    walkMap(encoding.get("headers"), Kind.HEADER, at.child("headers"), true);
                  }
                }
              }
            }
            default -> other(object, key, place, Set.of());
          }
        }
      }
      case CALLBACK -> walkMap(object, Kind.PATH_ITEM, place, true);
      // Examples, links and security schemes hold no references that are followed.
      default -> {
      }
    }
  }

  private void schema(ObjectNode object, Place place) throws GenerationException {
    for (String key : fieldNames(object)) {
      JsonNode value = object.get(key);
      Place at = place.child(key);
      if (key.startsWith("x-") || DATA.contains(key) || key.equals("examples") || key.equals("$ref")) {
        continue;
      }
      if (key.equals("$id")) {
        // OpenAPI 3.1: swagger-parser resolves references against $id, which could be any address;
        // references here are resolved against their document, and tools never carry $id.
        object.remove(key);
      } else if (key.equals("additionalProperties") && saysNoObject(object.get("type"))) {
        // swagger-parser makes a schema with additionalProperties an object, whatever its type says
        // (GitHub's hook-delivery payload, a nullable string; Spotify's position_ms, an integer): the
        // type it said goes along, for the tools to take either (SpecLoader.DECLARED_TYPE).
        object.set(SpecLoader.DECLARED_TYPE, object.get("type"));
        walk(value, Kind.SCHEMA, at);
      } else if (SCHEMA_MAPS.contains(key)) {
        walkMap(value, Kind.SCHEMA, at, false);
      } else if (SCHEMA_LISTS.contains(key) || (key.equals("items") && value.isArray())) {
        walkList(value, Kind.SCHEMA, at);
      } else if (SCHEMA_SINGLES.contains(key) || key.equals("items")) {
        walk(value, Kind.SCHEMA, at);
      } else if (key.equals("discriminator")) {
        discriminator(value, at);
      } else {
        unknown(value, at);
      }
    }
  }

  /** Whether {@code type} (a schema's) names one type, and not {@code object}. */
  private static boolean saysNoObject(JsonNode type) {
    return type != null && type.isTextual() && !type.textValue().equals("object");
  }

  /** Discriminator mappings name schemas by reference, and swagger-parser loads those. */
  private void discriminator(JsonNode discriminator, Place place) throws GenerationException {
    if (!(discriminator.get("mapping") instanceof ObjectNode mapping)) {
      return;
    }
    Place at = place.child("mapping");
    for (String value : fieldNames(mapping)) {
      JsonNode ref = mapping.get(value);
      if (!ref.isTextual() || isShorthand(ref.asText())) {
        continue;
      }
      Target target = locate(ref.asText(), Kind.SCHEMA, at.child(value));
      if (target == null) {
        // Discriminators only document a choice: tools do not carry them, and nothing is left out.
        unresolved.remove(pointer3(at.child(value).bundle()));
        mapping.remove(value);
      } else {
        mapping.put(value, bundleRef(target, Kind.SCHEMA, ref.asText(), at));
      }
    }
  }

  /** A key of an OpenAPI object this walk does not model: its references are never followed. */
  private void other(ObjectNode object, String key, Place place, Set<String> plain) {
    if (!key.startsWith("x-") && !plain.contains(key) && !DATA.contains(key)) {
      unknown(object.get(key), place.child(key));
    }
  }

  /**
   * A place no OpenAPI object is expected: swagger-parser does not follow references there, and
   * neither does the generator; references to other documents are removed so nothing ever does.
   */
  private void unknown(JsonNode node, Place place) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
        object.remove("$ref");
      }
      for (String key : fieldNames(object)) {
        if (!key.startsWith("x-") && !DATA.contains(key)) {
          unknown(object.get(key), place.child(key));
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        unknown(array.get(i), place.child(Integer.toString(i)));
      }
    }
  }

  private void walkMap(JsonNode node, Kind kind, Place place, boolean extensions) throws GenerationException {
    if (node instanceof ObjectNode object) {
      for (String key : fieldNames(object)) {
        if (!(extensions && key.startsWith("x-"))) {
          walk(object.get(key), kind, place.child(key));
        }
      }
    }
  }

  private void walkList(JsonNode node, Kind kind, Place place) throws GenerationException {
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        walk(array.get(i), kind, place.child(Integer.toString(i)));
      }
    }
  }

  // ---- references -------------------------------------------------------------------------------

  /** Resolves {@code object}'s {@code $ref}; returns whether the object was replaced by a copy of its target. */
  private boolean reference(ObjectNode object, String ref, Kind kind, Place place) throws GenerationException {
    Target target = locate(ref, kind, place);
    if (target == null) {
      leadsNowhere(object, kind, place);
      return false;
    }
    if (kind == Kind.PATH_ITEM || section(kind) == null) {
      inline(object, target, kind, place);
      return true;
    }
    String bundled = bundleRef(target, kind, ref, place);
    if (!bundled.equals(ref)) {
      object.put("$ref", bundled);
    }
    return false;
  }

  /**
   * What {@code ref}, written at {@code place}, points to; {@code null} when it leads nowhere
   * (recorded in {@link #unresolved}).
   *
   * @throws GenerationException when the document it names may not or cannot be read
   */
  private Target locate(String ref, Kind kind, Place place) throws GenerationException {
    String full = isShorthand(ref) && section(kind) != null ? "#" + sectionPointer(kind) + "/" + escape(ref) : ref;
    int hash = full.indexOf('#');
    String location = hash < 0 ? full : full.substring(0, hash);
    String fragment = hash < 0 ? "" : full.substring(hash + 1);
    Document document = place.document();
    if (!location.isEmpty()) {
      DocumentAddress address;
      try {
        address = document.address().resolve(location);
      } catch (DocumentAddress.Unsupported e) {
        if (e.forbidden) {
          throw GenerationException.at(place.document().shownAs(), place.source(), "$ref '" + ref + "' is not followed: "
              + e.getMessage());
        }
        return dangling(place, ref, e.getMessage());
      }
      policy.check(address, place.document().shownAs(), place.source(), ref);
      if (address.isRemote() && !fetchRemote) {
        return dangling(place, ref, "remote documents are not read here");
      }
      document = load(address, address.toString(), new DocumentReader.Subject(place.document().shownAs(),
          place.source(), "$ref '" + ref + "' names " + address + ", which"));
      if (document == null) {
        return dangling(place, ref, "there is no file " + address);
      }
    }
    if (!fragment.isEmpty() && !fragment.startsWith("/")) {
      return dangling(place, ref, "'#" + fragment + "' is not a JSON pointer");
    }
    String pointer = fragment;
    JsonNode node = evaluate(document.tree(), pointer);
    if (node == null && fragment.indexOf('%') >= 0) {
      pointer = percentDecoded(fragment);
      node = pointer == null ? null : evaluate(document.tree(), pointer);
    }
    String in = document == root ? "the spec" : document.shownAs();
    if (node == null) {
      return dangling(place, ref, "there is nothing at #" + fragment + " in " + in);
    }
    if (!node.isObject()) {
      // swagger-parser casts what a reference names to an object, and logged the ClassCastException.
      return dangling(place, ref, "#" + fragment + " in " + in + " is not an object");
    }
    return new Target(document, pointer, node);
  }

  private Target dangling(Place place, String ref, String reason) {
    String at = pointer3(place.bundle());
    unresolved.putIfAbsent(at, new Unresolved(at, "$ref '" + ref + "' does not resolve: " + reason));
    return null;
  }

  /**
   * Takes an object whose reference leads nowhere out of swagger-parser's sight (which logged a
   * stack trace for each, and dropped a parameter without a word): a schema loses its
   * {@code $ref}, other objects are removed, path items are left empty.
   */
  private void leadsNowhere(ObjectNode object, Kind kind, Place place) {
    object.remove("$ref");
    if (kind != Kind.SCHEMA && kind != Kind.PATH_ITEM) {
      removals.add(place.bundle());
    }
  }

  /**
   * Records every place that references a component holding an unresolved reference as
   * unresolved too, with the same sentence, transitively.
   */
  private void spreadUnresolved() {
    Deque<String> broken = new ArrayDeque<>(unresolved.keySet());
    Set<String> brokenComponents = new HashSet<>();
    while (!broken.isEmpty()) {
      String at = broken.pop();
      String component = componentOf(at);
      if (component == null || !brokenComponents.add(component)) {
        continue;
      }
      Unresolved message = unresolved.get(at);
      for (String referrer : referrers.getOrDefault(component, List.of())) {
        if (unresolved.putIfAbsent(referrer, message) == null) {
          broken.push(referrer);
        }
      }
    }
  }

  /**
   * The last guard before swagger-parser sees the bundle: a reference that names nothing in it (left
   * behind when what it named was removed as unresolved; found by {@code SpecLoadingPropertyTest})
   * loses its {@code $ref} and its place counts as unresolved, for swagger-parser's 3.1 resolver
   * logs a stack trace for each such reference.
   *
   * @return whether any reference was dropped
   */
  private boolean dropDanglingReferences(JsonNode node, Place at) {
    boolean dropped = false;
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
        String pointer = ref.asText().substring(1);
        JsonNode target = pointer.isEmpty() || pointer.startsWith("/") ? evaluate(bundle, pointer) : null;
        if (target == null || !target.isObject()) {
          object.remove("$ref");
          String place = pointer3(at.bundle());
          unresolved.putIfAbsent(place, new Unresolved(place, "$ref '" + ref.asText() + "' does not resolve:"
              + " what it named was left out"));
          dropped = true;
        }
      }
      for (String key : fieldNames(object)) {
        // Values (examples, defaults, enums) and extensions are data: a "$ref" there is not a reference.
        if (!DATA.contains(key) && !key.startsWith("x-")) {
          dropped |= dropDanglingReferences(object.get(key), at.child(key));
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        dropped |= dropDanglingReferences(array.get(i), at.child(String.valueOf(i)));
      }
    }
    return dropped;
  }

  /** {@code #/components/<section>/<name>} of a pointer inside a component, else {@code null}. */
  private static String componentOf(String pointer) {
    String[] tokens = pointer.split("/", 5);
    return tokens.length >= 4 && tokens[1].equals("components") ? String.join("/", tokens[0], tokens[1], tokens[2],
        tokens[3]) : null;
  }

  /**
   * Removes the objects recorded in {@link #removals}: the deepest first, and in a list the last
   * first, so no removal shifts a place another one names.
   */
  private void removeUnresolved() {
    removals.sort(java.util.Comparator.comparingInt((String p) -> -p.split("/", -1).length)
        .thenComparing(p -> p.substring(0, p.lastIndexOf('/')))
        .thenComparing(p -> p.substring(p.lastIndexOf('/') + 1), (a, b) -> {
          boolean numbers = a.matches("\\d{1,9}") && b.matches("\\d{1,9}");
          return numbers ? Integer.compare(Integer.parseInt(b), Integer.parseInt(a)) : a.compareTo(b);
        }));
    for (String pointer : removals) {
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = evaluate(bundle, pointer.substring(1, slash));
      String token = unescape(pointer.substring(slash + 1));
      if (parent instanceof ObjectNode object) {
        object.remove(token);
      } else if (parent instanceof ArrayNode array && token.matches("\\d{1,9}")
          && Integer.parseInt(token) < array.size()) {
        array.remove(Integer.parseInt(token));
      }
    }
  }

  /**
   * The reference in the bundle to {@code target}: the reference itself when it names a component
   * of the spec, else a component added for the target.
   */
  private String bundleRef(Target target, Kind kind, String ref, Place place) {
    String bundled = placeRef(target, kind, ref, place);
    boolean direct = target.document() == root && isComponent(kind, target.pointer());
    String component = componentOf(pointer3(direct ? "#" + target.pointer() : bundled));
    if (component != null) {
      referrers.computeIfAbsent(component, c -> new ArrayList<>()).add(pointer3(place.bundle()));
    }
    return bundled;
  }

  private String placeRef(Target target, Kind kind, String ref, Place place) {
    if (target.document() == root && isComponent(kind, target.pointer())) {
      return place.document() == root && ref.startsWith("#") ? ref : "#" + target.pointer();
    }
    String identity = target.identity(kind);
    String known = placed.get(identity);
    if (known != null) {
      return known;
    }
    String section = section(kind);
    ObjectNode entries = sectionNode(section);
    String name = name(section, entries, baseName(target), target.node());
    String pointer = sectionPointer(kind) + "/" + escape(name);
    placed.put(identity, "#" + pointer);
    if (!entries.has(name)) {
      JsonNode copy = target.node().deepCopy();
      entries.set(name, copy);
      names.get(section).put(name.toLowerCase(Locale.ROOT), name);
      pending.add(new Work(copy, kind, new Place(target.document(), "#" + pointer, "#" + target.pointer(), null)));
    }
    return "#" + pointer;
  }

  /** Replaces {@code object} by a copy of the (last) object its chain of references leads to. */
  private void inline(ObjectNode object, Target target, Kind kind, Place place) throws GenerationException {
    String ref = object.path("$ref").asText();
    object.remove("$ref");
    Target current = target;
    Set<String> chain = new HashSet<>();
    while (current.node() instanceof ObjectNode node && node.path("$ref").isTextual()) {
      JsonNode next = node.get("$ref");
      if (!chain.add(current.identity(kind))) {
        dangling(place, ref, "its references form a loop");
        return;
      }
      current = locate(next.asText(), kind, new Place(current.document(), place.bundle(), "#" + current.pointer(),
          place.inlined()));
      if (current == null) {
        return;
      }
    }
    String identity = current.identity(kind);
    Inlined outer = place.inlined();
    if (outer != null && (outer.contains(identity) || outer.depth() >= MAX_INLINE_NESTING)) {
      dangling(place, ref, outer.contains(identity) ? "the path item contains itself (through callbacks)"
          : "path items nest more than " + MAX_INLINE_NESTING + " deep through callbacks");
      return;
    }
    if (++inlinedCount > MAX_INLINED) {
      throw GenerationException.in(root.shownAs(), "references copy in more than " + MAX_INLINED
          + " path items, more than any API description needs");
    }
    if (current.node() instanceof ObjectNode content) {
      for (String key : fieldNames(content)) {
        object.set(key, content.get(key).deepCopy());
      }
    }
    Inlined inlined = new Inlined(identity, outer, outer == null ? 1 : outer.depth() + 1);
    pending.add(new Work(object, kind, new Place(current.document(), place.bundle(), "#" + current.pointer(),
        inlined)));
  }

  /**
   * Whether {@code pointer} names a component of the section {@code kind} belongs in, or for schemas a
   * subschema of one. A schema that is not a subschema by JSON Schema's keywords (Codat's accounting API
   * refers to {@code #/components/schemas/Item/definitions/itemType/type}, the schema kept under the
   * name {@code type} of an object that is no schema) becomes a component of its own, as one anywhere
   * else in the spec does: left where it is, the tools would carry it inside a definition that 2020-12
   * refuses.
   */
  private boolean isComponent(Kind kind, String pointer) {
    String[] tokens = pointer.split("/", -1);
    int name = swagger2 ? 2 : 3;
    boolean section = swagger2 ? tokens.length > name && tokens[1].equals(kind.section2)
        : tokens.length > name && tokens[1].equals("components") && tokens[2].equals(kind.section3);
    return section && (tokens.length == name + 1 || kind == Kind.SCHEMA && isSubschema(tokens, name + 1));
  }

  /** Whether the pointer {@code tokens} from {@code from} on lead from a schema to one of its subschemas. */
  private static boolean isSubschema(String[] tokens, int from) {
    int i = from;
    while (i < tokens.length) {
      String keyword = unescape(tokens[i]);
      if (SCHEMA_SINGLES.contains(keyword) || keyword.equals("items")) {
        i += 1;
      } else if (SCHEMA_MAPS.contains(keyword) && i + 1 < tokens.length) {
        i += 2;
      } else if (SCHEMA_LISTS.contains(keyword) && i + 1 < tokens.length && tokens[i + 1].matches("\\d{1,9}")) {
        i += 2;
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * swagger-core's short form: a reference without {@code /}, {@code .} or {@code #} names a
   * component ({@code Pet} is {@code #/components/schemas/Pet}).
   */
  private static boolean isShorthand(String ref) {
    return !ref.isEmpty() && ref.indexOf('/') < 0 && ref.indexOf('.') < 0 && ref.indexOf('#') < 0
        && ref.indexOf(':') < 0;
  }

  private String section(Kind kind) {
    return swagger2 ? kind.section2 : kind.section3;
  }

  private String sectionPointer(Kind kind) {
    return swagger2 ? "/" + kind.section2 : "/components/" + kind.section3;
  }

  private ObjectNode sectionNode(String section) {
    ObjectNode parent = bundle;
    if (!swagger2) {
      if (!(bundle.get("components") instanceof ObjectNode)) {
        bundle.putObject("components");
      }
      parent = (ObjectNode) bundle.get("components");
    }
    if (!(parent.get(section) instanceof ObjectNode)) {
      parent.putObject(section);
    }
    ObjectNode entries = (ObjectNode) parent.get(section);
    names.computeIfAbsent(section, s -> {
      Map<String, String> lower = new HashMap<>();
      entries.fieldNames().forEachRemaining(name -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
      return lower;
    });
    return entries;
  }

  /**
   * A free name in {@code section} for {@code content}: {@code base}, else {@code base_1},
   * {@code base_2}... (as swagger-parser numbers them); a component with the same content is shared.
   */
  private String name(String section, ObjectNode entries, String base, JsonNode content) {
    Map<String, String> taken = names.get(section);
    for (int n = 0; ; n++) {
      String candidate = n == 0 ? base : base + "_" + n;
      String existing = taken.get(candidate.toLowerCase(Locale.ROOT));
      if (existing == null) {
        return candidate;
      }
      if (content.equals(entries.get(existing))) {
        return existing;
      }
    }
  }

  /**
   * The name a target's component starts from: for another document, the last step of the pointer
   * or else the file's name without extension (as swagger-parser names them); for a place inside
   * the spec, its pointer, which is stable as long as the spec is.
   */
  private String baseName(Target target) {
    String[] tokens = target.pointer().isEmpty() ? new String[0] : target.pointer().substring(1).split("/", -1);
    if (target.document() != root) {
      if (tokens.length > 0) {
        return fit(cleanName(unescape(tokens[tokens.length - 1])), target);
      }
      String address = target.document().address().toString();
      String file = address.substring(Math.max(address.lastIndexOf('/'), address.lastIndexOf('\\')) + 1);
      String[] parts = file.split("\\.");
      String stem = parts.length > 2 ? String.join("", java.util.Arrays.copyOf(parts, parts.length - 1)) : parts[0];
      return fit(cleanName(stem), target);
    }
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < tokens.length; i++) {
      String raw = unescape(tokens[i]);
      // Steps every such pointer has say nothing: #/paths/~1v2~1keys/get/responses/200/content/
      // application~1json/schema/items gives v2_keys_get_200_items.
      boolean media = i > 0 && tokens[i - 1].equals("content");
      if ((i == 0 && (raw.equals("paths") || raw.equals("components"))) || media || NOISE.contains(raw)) {
        continue;
      }
      String token = cleanName(raw.equals("requestBody") ? "body" : raw);
      if (!token.isEmpty()) {
        name.append(name.length() == 0 ? "" : "_").append(token);
      }
    }
    return fit(name.toString(), target);
  }

  /** Component names may hold letters, digits, {@code .}, {@code -} and {@code _} (OpenAPI 3). */
  private static String cleanName(String raw) {
    return raw.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
  }

  private static String fit(String name, Target target) {
    if (name.isEmpty()) {
      return "ref";
    }
    if (name.length() <= MAX_NAME_LENGTH) {
      return name;
    }
    // The pointer's hash keeps the name stable wherever the spec lies.
    String hash = Integer.toHexString(target.pointer().hashCode() | 0x10000000);
    return name.substring(0, MAX_NAME_LENGTH - hash.length() - 1).replaceAll("_+$", "") + "_" + hash;
  }

  // ---- documents --------------------------------------------------------------------------------

  /**
   * Reads and parses a document once.
   *
   * @param shownAs how messages about its content name it
   * @param subject how messages about reading it name it
   */
  private Document load(DocumentAddress address, String shownAs, DocumentReader.Subject subject)
      throws GenerationException {
    String key = address.isRemote() ? address.url().toString() : realPath(address.file()).toString();
    Document known = documents.get(key);
    if (known != null) {
      return known;
    }
    if (documents.size() >= MAX_DOCUMENTS) {
      throw GenerationException.about(root.shownAs(), "references more than " + MAX_DOCUMENTS + " documents, more"
          + " than any API description needs");
    }
    byte[] bytes = address.isRemote() ? DocumentReader.readUrl(address.url(), subject)
        : DocumentReader.readFile(address.file(), subject);
    if (bytes == null) {
      return null;
    }
    if (!address.isRemote()) {
      files.add(address.file());
    }
    bytesRead += bytes.length;
    if (bytesRead > MAX_TOTAL_BYTES) {
      throw GenerationException.about(root == null ? shownAs : root.shownAs(), "and the documents it references"
          + " hold more than " + (MAX_TOTAL_BYTES >> 20) + " MiB, more than any API description needs");
    }
    Document document = new Document(address, key, shownAs, DocumentParser.parse(bytes, shownAs));
    documents.put(key, document);
    return document;
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (java.io.IOException | SecurityException e) {
      return file;
    }
  }

  // ---- JSON pointers ----------------------------------------------------------------------------

  /** The node at {@code pointer} (RFC 6901, {@code ""} for the whole document), or {@code null}. */
  private static JsonNode evaluate(JsonNode document, String pointer) {
    if (pointer.isEmpty()) {
      return document;
    }
    JsonNode node = document;
    for (String token : pointer.substring(1).split("/", -1)) {
      String key = unescape(token);
      if (node instanceof ObjectNode object) {
        node = object.get(key);
      } else if (node instanceof ArrayNode array && key.matches("0|[1-9][0-9]{0,8}")) {
        node = array.get(Integer.parseInt(key));
      } else {
        return null;
      }
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static String percentDecoded(String fragment) {
    try {
      return URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A pointer in the bundle, in OpenAPI 3 terms (swagger-parser turns Swagger 2.0 sections into components). */
  private String pointer3(String pointer) {
    if (!swagger2) {
      return pointer;
    }
    for (String[] section : new String[][] {{"#/definitions/", "#/components/schemas/"},
        {"#/parameters/", "#/components/parameters/"}, {"#/responses/", "#/components/responses/"}}) {
      if (pointer.startsWith(section[0])) {
        return section[1] + pointer.substring(section[0].length());
      }
    }
    return pointer;
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> keys = new ArrayList<>(node.size());
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
