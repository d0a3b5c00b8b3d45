package dev.openapimcp.runtime.internal.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multipart uploads, as the npm server does them: a schema property with {@code format: binary}
 * (or an array of such) takes the path of a local file, whose content is sent as a file part.
 * Which properties take files is read from the input schemas once, when the server starts.
 *
 * <p>Only files inside the upload directory may be sent, so a model cannot be talked into
 * uploading {@code ~/.ssh/id_rsa}: paths are resolved against it, {@code ..} may not leave it, and
 * symbolic links must point into it too; {@link UploadDirectory} opens them. There is no upload
 * directory unless the server is given one ({@code --upload-root}): hosts start servers in {@code
 * /} or the home directory, which as a default let a model upload {@code /etc/passwd} or a private
 * key. Without one, file arguments are refused with a message naming the flag.
 */
public final class FileUploads {

  private static final char[] BOUNDARY_CHARACTERS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  /** Created on the first upload, not at start: seeding a SecureRandom costs a start-up about 10 ms. */
  private static final class Boundaries {
    static final SecureRandom RANDOM = new SecureRandom();
  }
  private static final int MAX_SCHEMA_DEPTH = 16;

  /** Where files may come from; {@code null} when the server has no upload directory. */
  private final UploadDirectory directory;
  private final Map<HttpBinding, Set<String>> fileFields;

  private FileUploads(UploadDirectory directory, Map<HttpBinding, Set<String>> fileFields) {
    this.directory = directory;
    this.fileFields = fileFields;
  }

  /**
   * Finds the file fields of every multipart tool in {@code catalog}; files may come from {@code
   * root} and below, or from nowhere when {@code root} is {@code null}.
   *
   * @throws ConfigurationException when {@code root} is not a readable directory
   */
  public static FileUploads forCatalog(ToolCatalog catalog, Path root) {
    UploadDirectory directory = root == null ? null : directory(root);
    // Bindings are looked up by identity: each tool's binding object is unique to it.
    Map<HttpBinding, Set<String>> fields = new IdentityHashMap<>();
    for (ToolDefinition tool : catalog.tools()) {
      HttpBinding binding = tool.http();
      if (binding.mediaType() != null && isMultipart(binding.mediaType())) {
        fields.put(binding, fileFields(tool));
      }
    }
    return new FileUploads(directory, fields);
  }

  private static UploadDirectory directory(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    Path real;
    try {
      real = absolute.toRealPath();
    } catch (IOException e) {
      throw new ConfigurationException("The upload directory " + absolute + " does not exist.");
    }
    if (!Files.isDirectory(real)) {
      throw new ConfigurationException("The upload directory " + absolute + " is not a directory.");
    }
    return new UploadDirectory(absolute, real);
  }

  /** No field takes files, so multipart bodies carry text fields only. For tests and hand-made builders. */
  public static FileUploads none() {
    return new FileUploads(null, Map.of());
  }

  static boolean isMultipart(String mediaType) {
    return RequestBuilder.baseType(mediaType).startsWith("multipart/");
  }

  /** Wire names of the form fields that take file paths. */
  private static Set<String> fileFields(ToolDefinition tool) {
    Map<String, Object> schema;
    try {
      schema = JsonText.parseTrustedObject(tool.inputSchema());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The input schema of tool " + tool.name() + " is not a JSON object.", e);
    }
    Set<String> files = new HashSet<>();
    for (Argument argument : tool.http().arguments()) {
      Object property = resolve(schema, schema) instanceof Map<?, ?> object
          && object.get("properties") instanceof Map<?, ?> properties ? properties.get(argument.property()) : null;
      if (argument.location() == ArgumentLocation.BODY_PROPERTY && takesFiles(schema, property, 0)) {
        files.add(argument.wireName());
      } else if (argument.location() == ArgumentLocation.BODY
          && resolve(schema, property) instanceof Map<?, ?> body
          && body.get("properties") instanceof Map<?, ?> fields) {
        for (Map.Entry<?, ?> field : fields.entrySet()) {
          if (takesFiles(schema, field.getValue(), 0)) {
            files.add(String.valueOf(field.getKey()));
          }
        }
      }
    }
    return Set.copyOf(files);
  }

  /** {@code format: binary}, an array of it, or either among {@code anyOf}/{@code oneOf} branches. */
  private static boolean takesFiles(Map<String, Object> root, Object schema, int depth) {
    if (depth > MAX_SCHEMA_DEPTH || !(resolve(root, schema) instanceof Map<?, ?> map)) {
      return false;
    }
    if (isBinary(map)) {
      return true;
    }
    if ("array".equals(map.get("type")) && resolve(root, map.get("items")) instanceof Map<?, ?> items
        && isBinary(items)) {
      return true;
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (map.get(keyword) instanceof List<?> branches) {
        for (Object branch : branches) {
          if (takesFiles(root, branch, depth + 1)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isBinary(Map<?, ?> schema) {
    return "binary".equals(schema.get("format"))
        || "application/octet-stream".equals(schema.get("contentMediaType"));
  }

  /** {@code schema}, or what its local {@code $ref} points to. */
  private static Object resolve(Map<String, Object> root, Object schema) {
    Object node = schema;
    for (int hops = 0; node instanceof Map<?, ?> map && map.get("$ref") instanceof String pointer; hops++) {
      if (hops > MAX_SCHEMA_DEPTH || !pointer.startsWith("#/")) {
        return null;
      }
      Object target = root;
      for (String token : pointer.substring(2).split("/", -1)) {
        String key = token.replace("~1", "/").replace("~0", "~");
        target = target instanceof Map<?, ?> parent ? parent.get(key) : null;
      }
      node = target;
    }
    return node;
  }

  /**
   * The multipart body for {@code binding} holding {@code form}: file fields become file parts,
   * other values text (objects and arrays of objects as JSON); {@code null} for no form at all.
   *
   * @throws InvalidCallException naming the field and path when a file cannot be sent
   */
  MultipartBody encode(HttpBinding binding, Object form) throws InvalidCallException {
    if (form == null) {
      return null;
    }
    if (!(form instanceof Map<?, ?> fields)) {
      throw new InvalidCallException("This operation's request body is a form; pass its fields as an object.");
    }
    Set<String> files = fileFields.getOrDefault(binding, Set.of());
    List<MultipartBody.Part> parts = new ArrayList<>();
    boolean complete = false;
    try {
      addParts(fields, files, parts);
      complete = true;
    } finally {
      if (!complete) {
        // A later field was refused: close the files opened for earlier ones.
        new MultipartBody("unsent", parts).close();
      }
    }
    return new MultipartBody(boundary(), parts);
  }

  private void addParts(Map<?, ?> fields, Set<String> files, List<MultipartBody.Part> parts)
      throws InvalidCallException {
    for (Map.Entry<?, ?> field : fields.entrySet()) {
      String name = String.valueOf(field.getKey());
      Object value = field.getValue();
      if (value == null) {
        continue;
      }
      List<?> values = value instanceof List<?> list ? list : List.of(value);
      for (Object item : values) {
        if (item == null) {
          continue;
        }
        if (files.contains(name)) {
          parts.add(file(name, item));
        } else if (item instanceof Map<?, ?> || item instanceof List<?>) {
          parts.add(new MultipartBody.TextPart(name, "application/json", JsonText.write(item)));
        } else {
          parts.add(new MultipartBody.TextPart(name, null, ParameterSerializer.text(item)));
        }
      }
    }
  }

  private MultipartBody.FilePart file(String field, Object value) throws InvalidCallException {
    if (!(value instanceof String given) || given.isBlank()) {
      throw new InvalidCallException("The field '" + field + "' takes the path of a local file to upload.");
    }
    if (directory == null) {
      throw new InvalidCallException("The field '" + field + "' takes a local file, but this server has no upload"
          + " directory; start it with --upload-root <directory> to let tools upload files from that directory.");
    }
    Path root = directory.root();
    String filename;
    UploadDirectory.OpenFile file;
    String where = "The file '" + given + "' (field '" + field + "')";
    try {
      Path name = Path.of(given).getFileName();
      filename = name == null ? given : name.toString();
      file = directory.open(given);
    } catch (InvalidPathException e) {
      throw new InvalidCallException("The field '" + field + "' is not a usable file path: '" + given + "'.");
    } catch (UploadDirectory.Refused e) {
      throw new InvalidCallException(where + switch (e.problem()) {
        case OUTSIDE -> " is outside the upload directory " + root
            + "; only files in it can be uploaded (the server's --upload-root sets it).";
        case LINK_OUTSIDE -> " is a link to a place outside the upload directory " + root
            + "; only files in it can be uploaded.";
        case MISSING -> " does not exist in " + root + ".";
        case NOT_REGULAR -> " is not a regular file.";
        case UNREADABLE -> " cannot be read by the server.";
      });
    }
    String type = URLConnection.guessContentTypeFromName(filename);
    return new MultipartBody.FilePart(
        field, filename, type == null ? "application/octet-stream" : type, file.channel(), file.size());
  }

  private static String boundary() {
    StringBuilder boundary = new StringBuilder("openapi-mcp-");
    for (int i = 0; i < 32; i++) {
      boundary.append(BOUNDARY_CHARACTERS[Boundaries.RANDOM.nextInt(BOUNDARY_CHARACTERS.length)]);
    }
    return boundary.toString();
  }
}
