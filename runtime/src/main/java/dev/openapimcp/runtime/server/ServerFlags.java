package dev.openapimcp.runtime.server;

import dev.openapimcp.model.ToolMode;
import dev.openapimcp.runtime.internal.capacity.MemoryBudget;
import dev.openapimcp.runtime.internal.config.ConfigurationException;
import dev.openapimcp.runtime.settings.InvalidSettingException;
import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.settings.ServerSettings.Transport;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The flags of a generated server: one row of {@link #FLAGS} per flag says its name, its value's
 * label, its help, how its value is read and which {@link ServerSettings} setter it calls. The help
 * is generated from the rows, with each default read from {@link ServerSettings#defaults()}; a
 * setter's range error, worded by the setting's name, is shown under the flag's.
 *
 * <p>Parsed by hand: this runs on every start, and a general parser costs a start-up this short a
 * noticeable part (picocli's Java 5 class files cannot go into a class-data archive; it took about
 * 100 ms of the Notion server's start). Each flag is {@code --name value} or {@code --name=value};
 * switches take no value. Only the flags given (and the variables that stand in for absent ones)
 * change the settings, so a generated server's own values and the settings' defaults hold otherwise.
 */
final class ServerFlags {

  /** Bearer token for HTTP clients when {@code --auth-token} is not given. */
  static final String AUTH_TOKEN_VARIABLE = "AUTH_TOKEN";

  /** The key that signs the modern lane's confirmation states when {@code --state-key} is not given. */
  static final String STATE_KEY_VARIABLE = "OPENAPI_MCP_STATE_KEY";

  /** {@code true} turns token passthrough on, as {@code --enable-token-passthrough} does. */
  static final String TOKEN_PASSTHROUGH_VARIABLE = "ENABLE_TOKEN_PASSTHROUGH";

  /** Reads a flag's value; throws a {@link UsageException} naming the flag for a value of the wrong kind. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(Flag<T> flag, String value);
  }

  /**
   * One flag.
   *
   * @param names the flag's names, the long one last
   * @param label what its value looks like, or {@code null} for a switch
   * @param setting the setting it sets, as {@link ServerSettings.Builder} names it; {@code null} for
   *     {@code --help} and {@code --version}
   * @param help its help; {@code %s} stands for its default when {@code shownDefault} is given
   * @param shownDefault its default as the help shows it, from the settings' defaults
   * @param reader how its value is read (a switch's is always {@code true})
   * @param setter what it does to the settings
   * @param repeated how a value given again combines with the earlier one
   * @param httpOnly whether it only matters to HTTP (and is left alone over stdio)
   * @param variable the environment variable read when the flag is absent: a value, or for a switch
   *     {@code true} to turn it on; {@code null} for none
   */
  private record Flag<T>(
      List<String> names,
      String label,
      String setting,
      String help,
      Function<ServerSettings, String> shownDefault,
      Reader<T> reader,
      BiConsumer<ServerSettings.Builder, T> setter,
      BinaryOperator<T> repeated,
      boolean httpOnly,
      String variable) {

    String name() {
      return names.get(names.size() - 1);
    }

    boolean isSwitch() {
      return label == null;
    }

    Flag<T> ignoredWithStdio() {
      return new Flag<>(names, label, setting, help, shownDefault, reader, setter, repeated, true, variable);
    }

    Flag<T> orVariable(String name) {
      return new Flag<>(names, label, setting, help, shownDefault, reader, setter, repeated, httpOnly, name);
    }

    Flag<T> accumulating(BinaryOperator<T> combine) {
      return new Flag<>(names, label, setting, help, shownDefault, reader, setter, combine, httpOnly, variable);
    }

    /** {@code --port=<port>}, {@code -h, --help}: how the help lists it. */
    String synopsis() {
      return String.join(", ", names) + (label == null ? "" : "=" + label);
    }

    /** The value of this flag in {@code text}, checked for its kind. */
    T read(String text) {
      return reader.read(this, text);
    }

    void apply(ServerSettings.Builder settings, Object value) {
      @SuppressWarnings("unchecked") // Values are stored under the flag that read them.
      T typed = (T) value;
      setter.accept(settings, typed);
    }

    @SuppressWarnings("unchecked") // As in apply.
    Object combine(Object earlier, Object later) {
      return repeated.apply((T) earlier, (T) later);
    }
  }

  private static <T> Flag<T> value(String name, String label, String setting, String help,
      Function<ServerSettings, String> shownDefault, Reader<T> reader, BiConsumer<ServerSettings.Builder, T> setter) {
    return new Flag<>(List.of(name), label, setting, help, shownDefault, reader, setter, (earlier, later) -> later,
        false, null);
  }

  private static Flag<Boolean> toggle(String name, String setting, String help,
      BiConsumer<ServerSettings.Builder, Boolean> setter) {
    return new Flag<>(List.of(name), null, setting, help, null, (flag, text) -> true, setter,
        (earlier, later) -> later, false, null);
  }

  private static Flag<Boolean> action(String shortName, String name, String help) {
    return new Flag<>(List.of(shortName, name), null, null, help, null, (flag, text) -> true, (settings, on) -> {},
        (earlier, later) -> later, false, null);
  }

  private static final Flag<Boolean> HELP = action("-h", "--help", "Show this help message and exit.");
  private static final Flag<Boolean> VERSION = action("-V", "--version", "Print version information and exit.");
  private static final Flag<Transport> TRANSPORT = value("--transport", "stdio|http", "transport",
      "Transport to serve on (default: %s).", settings -> settings.transport().label(),
      choice(Transport.values(), Transport::label), ServerSettings.Builder::transport);
  private static final Flag<String> AUTH_TOKEN = value("--auth-token", "<token>", "authToken",
      "Bearer token HTTP clients must present (default: AUTH_TOKEN, else a generated one written to a file only"
          + " you can read, whose path is printed); ignored with stdio.",
      null, ServerFlags::text, ServerSettings.Builder::authToken).ignoredWithStdio().orVariable(AUTH_TOKEN_VARIABLE);
  private static final Flag<Boolean> UNSAFE_DISABLE_AUTH = toggle("--unsafe-disable-auth", "unsafeDisableAuth",
      "Let HTTP clients connect without a token (Host and Origin are still checked); ignored with stdio.",
      (settings, on) -> settings.unsafeDisableAuth()).ignoredWithStdio();
  private static final Flag<List<String>> EXPOSE = value("--expose", "<tool>[,<tool>...]", "exposedTools",
      "With --tools dynamic: tools to list directly as well (a curated set, instead of the server's own), comma"
          + " separated; may be repeated.",
      null, ServerFlags::toolNames, ServerSettings.Builder::exposedTools).accumulating(ServerFlags::concatenate);

  /** Every flag, in the order the help lists them and their values are applied. */
  private static final List<Flag<?>> FLAGS = List.of(
      TRANSPORT,
      value("--port", "<port>", "port", "Port for the HTTP transport (default: %s); ignored with stdio.",
          settings -> String.valueOf(settings.port()), ServerFlags::wholeNumber, ServerSettings.Builder::port)
          .ignoredWithStdio(),
      value("--host", "<host>", "host",
          "Address for the HTTP transport to listen on (default: %s); ignored with stdio.", ServerSettings::host,
          ServerFlags::text, ServerSettings.Builder::host).ignoredWithStdio(),
      AUTH_TOKEN,
      UNSAFE_DISABLE_AUTH,
      toggle("--enable-token-passthrough", "tokenPassthrough", "Let each HTTP client send its own API token in a"
          + " header (see --token-passthrough-header), used for that request instead of the configured one; also"
          + " ENABLE_TOKEN_PASSTHROUGH=true. Ignored with stdio.", ServerSettings.Builder::tokenPassthrough)
          .ignoredWithStdio().orVariable(TOKEN_PASSTHROUGH_VARIABLE),
      value("--token-passthrough-header", "<name>", "tokenPassthroughHeader", "Header for token passthrough"
          + " (default: the API's token variable as a header name, such as Notion-Token for NOTION_TOKEN; see"
          + " ENABLE_TOKEN_PASSTHROUGH below); implies --enable-token-passthrough.", null, ServerFlags::text,
          (ServerSettings.Builder settings, String name) ->
              settings.tokenPassthroughHeader(name).tokenPassthrough(true))
          .ignoredWithStdio(),
      toggle("--stateless", "stateless",
          "HTTP without sessions, for several instances behind a load balancer; ignored with stdio.",
          ServerSettings.Builder::stateless).ignoredWithStdio(),
      value("--state-key", "<hex|base64>", "stateKey", "Key (at least 32 bytes) that signs the confirmation"
          + " questions of MCP 2026-07-28 clients, the same on every replica so any of them accepts the answer"
          + " (default: OPENAPI_MCP_STATE_KEY, else a random key per process).", null, ServerFlags::text,
          ServerSettings.Builder::stateKey).orVariable(STATE_KEY_VARIABLE),
      value("--rate-limit", "<per second>", "rateLimit", "Most requests per second sent to the API, 0 for no limit"
          + " (default: no limit, unless the server has its own default).", null, ServerFlags::number,
          ServerSettings.Builder::rateLimit),
      value("--rate-limit-store", "<redis://host:port[/db]>", "rateLimitStore", "Redis that keeps the rate limit's"
          + " buckets, so replicas share each credential's limit; while it is unreachable, each replica limits"
          + " alone (default: this process alone).", null, ServerFlags::text, ServerSettings.Builder::rateLimitStore),
      value("--connect-timeout", "<seconds>", "connectTimeout",
          "How long to wait for a connection to the API (default: %s).",
          settings -> seconds(settings.connectTimeout()), ServerFlags::seconds, ServerSettings.Builder::connectTimeout),
      value("--request-timeout", "<seconds>", "requestTimeout",
          "How long one attempt of a call may take until the API's answer is complete (default: %s).",
          settings -> seconds(settings.requestTimeout()), ServerFlags::seconds, ServerSettings.Builder::requestTimeout),
      value("--max-text-bytes", "<bytes>", "maxTextBytes",
          "Longer text answers are cut, with a note saying so (default: %s).",
          settings -> bytes(settings.maxTextBytes()), ServerFlags::wholeNumber, ServerSettings.Builder::maxTextBytes),
      value("--max-binary-bytes", "<bytes>", "maxBinaryBytes",
          "Longer images and other binary answers are not passed on (default: %s).",
          settings -> bytes(settings.maxBinaryBytes()), ServerFlags::wholeNumber,
          ServerSettings.Builder::maxBinaryBytes),
      value("--max-concurrent-calls", "<calls>", "maxConcurrentCalls", "Tool calls run at once per transport; more"
          + " wait for a slot (see --max-queue-wait), beyond that they are answered as busy (default: one per 16 MB of"
          + " the maximum heap, from 4 to 64).", null, ServerFlags::wholeNumber,
          ServerSettings.Builder::maxConcurrentCalls),
      value("--memory-budget", "<bytes>", "memoryBudget", "Heap the answers in flight may hold, counted at what"
          + " mapping and sending them costs, such as 256m or 1g; a call over it is answered as busy (default: half"
          + " the maximum heap, -Xmx).", null, ServerFlags::byteSize, ServerSettings.Builder::memoryBudget),
      value("--max-queue-wait", "<seconds>", "maxQueueWait", "How long a call may wait for a free slot, or for"
          + " memory for its answer, before it is answered as busy (default: %s).",
          settings -> seconds(settings.maxQueueWait()), ServerFlags::seconds, ServerSettings.Builder::maxQueueWait),
      value("--upload-root", "<directory>", "uploadRoot",
          "Directory whose files (and those below it) tools may upload; without it, arguments that take a file"
              + " are refused (default: none).", null, ServerFlags::path, ServerSettings.Builder::uploadRoot),
      value("--confirm", "destructive|writes|off", "confirm", "Ask the user, through the client, before each"
          + " call of a destructive tool (destructive) or of any tool not marked read-only (writes), showing the"
          + " tool, method, path and arguments; declined calls are not sent, and clients that cannot ask"
          + " (no elicitation) are refused those calls (default: %s).", settings -> settings.confirm().label(),
          choice(ServerSettings.Confirm.values(), ServerSettings.Confirm::label), ServerSettings.Builder::confirm),
      value("--tools", "all|dynamic", "toolMode", "all: one tool per operation. dynamic: search_operations,"
          + " describe_operation and invoke_operation instead, so the list stays small for large APIs. Default:"
          + " all, unless the server was generated for dynamic tools.", null,
          choice(new ToolMode[] {ToolMode.ALL, ToolMode.DYNAMIC}, ToolMode::label),
          ServerSettings.Builder::toolMode),
      EXPOSE,
      value("--validation", "strict|lenient|off", "validation", "How arguments are checked before a call is sent."
          + " lenient: only what is certainly wrong is refused (a missing required argument, a path, query or header"
          + " value of the wrong type, malformed JSON text); properties the schema does not list go to the API as"
          + " given. strict: the full input schema, and undeclared arguments are refused. off: nothing beyond"
          + " building the request (default: %s).", settings -> settings.validation().label(),
          choice(ServerSettings.Validation.values(), ServerSettings.Validation::label),
          ServerSettings.Builder::validation),
      toggle("--read-only", "readOnly", "List and allow only the tools that only read (readOnlyHint); calling"
          + " another is refused. Also with --tools dynamic.", ServerSettings.Builder::readOnly),
      HELP,
      VERSION);

  private static final int WIDTH = 80;
  private static final int DESCRIPTION_COLUMN = 29;

  /** The flags given, each with its value (the last one given, or all of them combined). */
  private final Map<Flag<?>, Object> given;

  private ServerFlags(Map<Flag<?>, Object> given) {
    this.given = given;
  }

  /** Thrown for a command line that cannot be used; the message is one sentence naming the flag. */
  static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code args}. This only checks that each value has the flag's kind; ranges are the
   * settings' to check, when the flags are applied.
   *
   * @throws UsageException for an unknown flag, a missing value or a value of the wrong kind
   */
  static ServerFlags parse(String... args) {
    Map<Flag<?>, Object> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
      String inline = name.equals(arg) ? null : arg.substring(equals + 1);
      Flag<?> flag = FLAGS.stream().filter(candidate -> candidate.names().contains(name)).findFirst()
          .orElseThrow(() -> new UsageException("Unknown option '" + name + "'."));
      Object value;
      if (flag.isSwitch()) {
        if (inline != null) {
          throw new UsageException(name + " takes no value, but was given '" + inline + "'.");
        }
        value = Boolean.TRUE;
      } else if (inline != null) {
        value = flag.read(inline);
      } else if (i + 1 < args.length) {
        value = flag.read(args[++i]);
      } else {
        throw new UsageException(name + " needs a value (" + flag.label() + ").");
      }
      given.merge(flag, value, flag::combine);
    }
    return new ServerFlags(given);
  }

  boolean help() {
    return given.containsKey(HELP);
  }

  boolean version() {
    return given.containsKey(VERSION);
  }

  /**
   * The settings: {@code settings} as the server's own code left them, then each flag given and each
   * variable standing in for an absent flag, in the order of {@link #FLAGS}. Over stdio the HTTP
   * flags are left alone, as their help says.
   *
   * @throws ConfigurationException naming the flag (or variable) when a value is out of range or
   *     flags contradict each other
   */
  ServerSettings applyTo(ServerSettings.Builder settings, Map<String, String> environment) {
    try {
      if (given.containsKey(TRANSPORT)) {
        TRANSPORT.apply(settings, given.get(TRANSPORT));
      }
      boolean http = settings.build().transport() == Transport.HTTP;
      if (http && given.containsKey(AUTH_TOKEN) && given.containsKey(UNSAFE_DISABLE_AUTH)) {
        throw new ConfigurationException("--auth-token and --unsafe-disable-auth contradict each other; give one.");
      }
      for (Flag<?> flag : FLAGS) {
        if (flag == TRANSPORT || flag.setting() == null || (flag.httpOnly() && !http)) {
          continue;
        }
        // --unsafe-disable-auth decides on its own: AUTH_TOKEN is not even read then.
        boolean variableApplies = !(flag == AUTH_TOKEN && given.containsKey(UNSAFE_DISABLE_AUTH));
        Object value = given.containsKey(flag) ? given.get(flag)
            : variableApplies ? fromVariable(flag, environment) : null;
        if (value != null) {
          flag.apply(settings, value);
        }
      }
    } catch (InvalidSettingException e) {
      throw new ConfigurationException(describe(e));
    }
    ServerSettings result = settings.build();
    if (given.containsKey(EXPOSE) && result.toolMode() == ToolMode.ALL) {
      throw new ConfigurationException(
          "--expose needs --tools dynamic: with all tools listed there is nothing to add.");
    }
    return result;
  }

  /** The value the flag's variable gives it, or {@code null}; a variable's value is never shown in an error. */
  private static Object fromVariable(Flag<?> flag, Map<String, String> environment) {
    String text = flag.variable() == null ? null : environment.get(flag.variable());
    if (text == null || text.isBlank()) {
      return null;
    }
    if (flag.isSwitch()) {
      return "true".equalsIgnoreCase(text.strip()) ? Boolean.TRUE : null;
    }
    return flag.read(text.strip());
  }

  /**
   * {@code e}'s rule under the name the user knows the setting by: its flag, or for a setting a
   * variable can also set, both ({@code The auth token (--auth-token or AUTH_TOKEN) must be ...}).
   */
  static String describe(InvalidSettingException e) {
    String subject = FLAGS.stream()
        .filter(flag -> e.setting().equals(flag.setting()))
        .findFirst()
        .map(flag -> flag.variable() == null || flag.isSwitch() ? flag.name()
            : "The " + words(e.setting()) + " (" + flag.name() + " or " + flag.variable() + ")")
        .orElse(e.setting());
    return subject + " " + e.rule() + ".";
  }

  /** {@code authToken} → {@code auth token}. */
  private static String words(String setting) {
    return setting.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  private static String text(Flag<String> flag, String value) {
    return value;
  }

  private static <E extends Enum<E>> Reader<E> choice(E[] values, Function<E, String> label) {
    return (flag, value) -> {
      for (E candidate : values) {
        if (label.apply(candidate).equalsIgnoreCase(value)) {
          return candidate;
        }
      }
      throw new UsageException(
          flag.name() + " must be " + flag.label().replace("|", " or ") + ", not '" + value + "'.");
    };
  }

  private static int wholeNumber(Flag<Integer> flag, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(flag.name() + " must be a whole number, not '" + value + "'.");
    }
  }

  /** A number of bytes, with an optional {@code k}, {@code m} or {@code g} (powers of 1024), as {@code -Xmx} takes. */
  private static long byteSize(Flag<Long> flag, String value) {
    String size = value.strip().toLowerCase(Locale.ROOT);
    int shift = 0;
    if (!size.isEmpty()) {
      switch (size.charAt(size.length() - 1)) {
        case 'k' -> shift = 10;
        case 'm' -> shift = 20;
        case 'g' -> shift = 30;
        default -> shift = 0;
      }
    }
    String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
    try {
      long number = Long.parseLong(digits);
      if (number > Long.MAX_VALUE >> shift) {
        throw new NumberFormatException("too large");
      }
      return number << shift;
    } catch (NumberFormatException e) {
      throw new UsageException(
          flag.name() + " must be a number of bytes such as 268435456 or 256m, not '" + value + "'.");
    }
  }

  private static double number(Flag<Double> flag, String value) {
    return number(flag.name(), value);
  }

  /** A number of seconds, to the millisecond; its range is the setting's to check. */
  private static Duration seconds(Flag<Duration> flag, String value) {
    double seconds = number(flag.name(), value);
    // NaN is no number of seconds: a negative duration, which every setting refuses. Math.round saturates.
    return Duration.ofMillis(Double.isNaN(seconds) ? -1 : Math.round(seconds * 1000));
  }

  private static double number(String name, String value) {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a number, not '" + value + "'.");
    }
  }

  private static Path path(Flag<Path> flag, String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(flag.name() + " must be a directory path, not '" + value + "'.");
    }
  }

  private static List<String> toolNames(Flag<List<String>> flag, String value) {
    List<String> tools = new ArrayList<>();
    for (String tool : value.split(",")) {
      if (!tool.isBlank()) {
        tools.add(tool.strip());
      }
    }
    return tools;
  }

  private static List<String> concatenate(List<String> earlier, List<String> later) {
    List<String> all = new ArrayList<>(earlier);
    all.addAll(later);
    return all;
  }

  /** {@code 10}, {@code 0.5}: a duration as the flags take it. */
  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
  }

  /** {@code 1048576, 1 MB}. */
  private static String bytes(int bytes) {
    return bytes + ", " + MemoryBudget.describe(bytes);
  }

  /** The usage line, the description and one entry per flag, wrapped at 80 columns. */
  static String help(String command, List<String> description) {
    ServerSettings defaults = ServerSettings.defaults();
    StringBuilder help = new StringBuilder();
    help.append("Usage: ").append(command).append(" [options]").append(System.lineSeparator());
    for (String paragraph : description) {
      wrap(help, paragraph, 0, 0);
    }
    help.append(System.lineSeparator()).append("Options:").append(System.lineSeparator());
    for (Flag<?> flag : FLAGS) {
      String synopsis = (flag.names().size() > 1 ? "  " : "      ") + flag.synopsis();
      String text =
          flag.shownDefault() == null ? flag.help() : flag.help().formatted(flag.shownDefault().apply(defaults));
      help.append(synopsis);
      if (synopsis.length() < DESCRIPTION_COLUMN) {
        help.append(" ".repeat(DESCRIPTION_COLUMN - synopsis.length()));
      } else {
        help.append(System.lineSeparator()).append(" ".repeat(DESCRIPTION_COLUMN));
      }
      wrap(help, text, DESCRIPTION_COLUMN, DESCRIPTION_COLUMN + 2);
    }
    return help.toString();
  }

  /**
   * Appends {@code text} wrapped at {@link #WIDTH}; the first line continues a line already
   * {@code used} columns wide, the others are indented by {@code indent}.
   */
  static void wrap(StringBuilder out, String text, int used, int indent) {
    int column = used;
    boolean lineStart = true;
    for (String word : text.split(" ")) {
      if (!lineStart && column + 1 + word.length() > WIDTH) {
        out.append(System.lineSeparator()).append(" ".repeat(indent));
        column = indent;
        lineStart = true;
      }
      if (!lineStart) {
        out.append(' ');
        column++;
      }
      out.append(word);
      column += word.length();
      lineStart = false;
    }
    out.append(System.lineSeparator());
  }
}
