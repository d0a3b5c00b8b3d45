package dev.openapimcp.runtime.internal.request;

import dev.openapimcp.runtime.internal.config.BaseUrl;
import dev.openapimcp.runtime.internal.config.HeaderConfig;
import dev.openapimcp.runtime.internal.json.JsonText;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.HttpBinding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the HTTP request for one call from the tool's {@link HttpBinding} and its arguments.
 *
 * <p>Arguments are read by {@link Argument#property()} and written under {@link
 * Argument#wireName()}. Arguments the binding does not mention are ignored here; schema validation
 * has already rejected them when the schema forbids them. A {@code null} argument is treated as
 * absent, except in a JSON body where {@code null} is a value the API may need.
 */
public final class RequestBuilder {

  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^{}/]+)}");

  /** Headers {@code java.net.http} refuses to let callers set. */
  private static final Set<String> CLIENT_MANAGED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final BaseUrl baseUrl;
  private final Map<String, String> environmentHeaders;
  private final Credentials credentials;
  private final FileUploads uploads;
  private final Secrets secrets;

  public RequestBuilder(BaseUrl baseUrl, Map<String, String> environmentHeaders) {
    this(baseUrl, environmentHeaders, new Credentials(List.of(), Map.of()));
  }

  public RequestBuilder(BaseUrl baseUrl, Map<String, String> environmentHeaders, Credentials credentials) {
    this(baseUrl, environmentHeaders, credentials, FileUploads.none());
  }

  public RequestBuilder(
      BaseUrl baseUrl, Map<String, String> environmentHeaders, Credentials credentials, FileUploads uploads) {
    this.baseUrl = baseUrl;
    // Insertion order is the order headers go out in.
    this.environmentHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(environmentHeaders));
    this.credentials = credentials;
    this.uploads = uploads;
    this.secrets = Secrets.of(this.environmentHeaders, credentials);
  }

  /** The credentials this builder puts into requests, for masking them in text. */
  public Secrets secrets() {
    return secrets;
  }

  public OutgoingRequest build(HttpBinding binding, Map<String, Object> arguments) throws InvalidCallException {
    return build(binding, arguments, Map.of());
  }

  /**
   * {@link #build(HttpBinding, Map)} with headers that replace the environment's headers of the same
   * name for this request only, such as an HTTP client's own token with token passthrough. The
   * operation's fixed headers and header arguments still come after them.
   */
  public OutgoingRequest build(
      HttpBinding binding, Map<String, Object> arguments, Map<String, String> requestHeaders)
      throws InvalidCallException {
    String path = expandPath(binding, arguments);
    List<String> query = new ArrayList<>();
    Map<String, String> headerArguments = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    Map<String, Object> bodyProperties = new LinkedHashMap<>();
    boolean bodyFromProperties = false;
    boolean wholeBodyGiven = false;
    Object wholeBody = null;

    for (Argument argument : binding.arguments()) {
      Object value = arguments.get(argument.property());
      switch (argument.location()) {
        case PATH -> {
          // Expanded above, in template order.
        }
        case QUERY -> {
          if (value != null) {
            ParameterSerializer.query(argument, value, query);
          }
        }
        case HEADER -> {
          if (value != null) {
            headerArguments.put(argument.wireName(), headerValue(argument, value));
          }
        }
        case COOKIE -> {
          if (value != null) {
            cookies.addAll(ParameterSerializer.cookies(argument, value));
          }
        }
        case BODY_PROPERTY -> {
          bodyFromProperties = true;
          if (arguments.containsKey(argument.property())) {
            bodyProperties.put(argument.wireName(), value);
          }
        }
        case BODY -> {
          if (arguments.containsKey(argument.property())) {
            wholeBodyGiven = true;
            wholeBody = value;
          }
        }
      }
    }

    Map<String, String> headers =
        HeaderPrecedence.merge(
            withRequestHeaders(requestHeaders), binding.fixedHeaders(), headerArguments);
    credentials.apply(binding.security(), headers, query, cookies);
    if (!cookies.isEmpty()) {
      String existing = cookieHeader(headers);
      String joined = String.join("; ", cookies);
      HeaderPrecedence.put(headers, "Cookie", existing == null ? joined : existing + "; " + joined);
    }

    byte[] body = null;
    MultipartBody multipart = null;
    String mediaType = binding.mediaType();
    boolean anyBody = wholeBodyGiven || bodyFromProperties && !bodyProperties.isEmpty();
    if (mediaType != null && anyBody && FileUploads.isMultipart(mediaType)) {
      multipart = uploads.encode(binding, wholeBodyGiven ? wholeBody : bodyProperties);
    } else if (mediaType != null && wholeBodyGiven) {
      body = encodeBody(mediaType, wholeBody);
    } else if (mediaType != null && anyBody) {
      // No body argument at all: send no body, as the npm server does, rather than {}.
      body = encodeBody(mediaType, bodyProperties);
    }
    // A Content-Type without a body confuses some servers; a body always states its own.
    HeaderPrecedence.remove(headers, "Content-Type");
    if (body != null) {
      headers.put("Content-Type", mediaType);
    } else if (multipart != null) {
      headers.put("Content-Type", multipart.contentType());
    }

    URI uri;
    try {
      uri = baseUrl.resolve(path, query.isEmpty() ? null : String.join("&", query));
    } catch (IllegalArgumentException e) {
      if (multipart != null) {
        multipart.close();
      }
      // Every part is encoded above, so this is a bug; the exception's message quotes the whole URL,
      // credentials in the query included, and must go nowhere.
      throw new InvalidCallException("The server could not build a valid URL for " + binding.method() + " "
          + binding.pathTemplate() + ".");
    }
    return new OutgoingRequest(binding.method(), uri, headers, body, multipart);
  }

  private Map<String, String> withRequestHeaders(Map<String, String> requestHeaders) {
    if (requestHeaders.isEmpty()) {
      return environmentHeaders;
    }
    Map<String, String> merged = new LinkedHashMap<>(environmentHeaders);
    requestHeaders.forEach((name, value) -> HeaderPrecedence.put(merged, name, value));
    return merged;
  }

  /**
   * The path with every {@code {variable}} replaced by its encoded argument and the fixed text
   * between them encoded as a path ({@link PercentEncoder#encodePath}).
   */
  private static String expandPath(HttpBinding binding, Map<String, Object> arguments) throws InvalidCallException {
    Matcher matcher = PATH_VARIABLE.matcher(binding.pathTemplate());
    StringBuilder path = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      Argument argument = pathArgument(binding, matcher.group(1));
      Object value = arguments.get(argument.property());
      if (value == null) {
        throw new InvalidCallException("Missing required path parameter '" + argument.property() + "'.");
      }
      String segment = ParameterSerializer.path(argument, value);
      // An empty or dot segment would move the request to another path.
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new InvalidCallException(
            "The path parameter '" + argument.property() + "' must not be empty, '.' or '..'.");
      }
      path.append(PercentEncoder.encodePath(binding.pathTemplate().substring(last, matcher.start()))).append(segment);
      last = matcher.end();
    }
    path.append(PercentEncoder.encodePath(binding.pathTemplate().substring(last)));
    return path.toString();
  }

  private static Argument pathArgument(HttpBinding binding, String variable) throws InvalidCallException {
    for (Argument argument : binding.arguments()) {
      if (argument.location() == ArgumentLocation.PATH && argument.wireName().equals(variable)) {
        return argument;
      }
    }
    // The generator binds every variable; reaching this means a hand-written binding missed one.
    throw new InvalidCallException("The path variable '" + variable + "' has no argument bound to it.");
  }

  private static String headerValue(Argument argument, Object value) throws InvalidCallException {
    if (CLIENT_MANAGED.contains(argument.wireName().toLowerCase(Locale.ROOT))) {
      throw new InvalidCallException(
          "The header '"
              + argument.wireName()
              + "' is set by the HTTP client itself and cannot be sent as an argument.");
    }
    String text = ParameterSerializer.header(argument, value);
    if (!HeaderConfig.isValidHeaderValue(text)) {
      throw new InvalidCallException(
          "The argument '"
              + argument.property()
              + "' cannot be sent as a header because it contains a line break or other control character.");
    }
    return text;
  }

  private static String cookieHeader(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Cookie")) {
        return header.getValue();
      }
    }
    return null;
  }

  /** The body bytes of {@code value} in {@code mediaType}; {@code null} for no body. */
  private static byte[] encodeBody(String mediaType, Object value) {
    String type = baseType(mediaType);
    if (isJson(type)) {
      return JsonText.writeBytes(value);
    }
    if (value == null) {
      return null;
    }
    if (type.equals("application/x-www-form-urlencoded") && value instanceof Map<?, ?> form) {
      return formEncode(form).getBytes(StandardCharsets.US_ASCII);
    }
    return (value instanceof String text ? text : JsonText.write(value)).getBytes(StandardCharsets.UTF_8);
  }

  private static String formEncode(Map<?, ?> form) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<?, ?> field : form.entrySet()) {
      String name = PercentEncoder.encode(String.valueOf(field.getKey()));
      Object value = field.getValue();
      if (value instanceof List<?> list) {
        for (Object item : list) {
          if (item != null) {
            pairs.add(name + "=" + PercentEncoder.encode(ParameterSerializer.text(item)));
          }
        }
      } else if (value != null) {
        pairs.add(name + "=" + PercentEncoder.encode(ParameterSerializer.text(value)));
      }
    }
    return String.join("&", pairs);
  }

  /** {@code application/json; charset=utf-8} → {@code application/json}. */
  static String baseType(String mediaType) {
    int semicolon = mediaType.indexOf(';');
    return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /** JSON media types: {@code application/json}, other {@code /json} subtypes and the {@code +json} suffix. */
  public static boolean isJson(String mediaType) {
    String type = baseType(mediaType);
    return type.endsWith("/json") || type.endsWith("+json");
  }
}
