package dev.openapimcp.runtime.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flags of a generated server, parsed by hand: this runs on every start, and a general parser
 * costs a start-up this short a noticeable part (picocli's Java 5 class files cannot go into a
 * class-data archive; it took about 100 ms of the Notion server's start). Each flag is
 * {@code --name value} or {@code --name=value}; switches take no value.
 */
final class ServerFlags {

  /** MCP transports; names as typed on the command line. */
  enum Transport {
    stdio,
    http
  }

  /** Which tools {@code tools/list} shows. */
  enum ToolMode {
    all,
    dynamic
  }

  /** A flag's synopsis and help text; {@code label} is null for a switch. */
  private record Flag(String name, String label, String description) {
    String synopsis() {
      return label == null ? name : name + "=" + label;
    }
  }

  private static final List<Flag> FLAGS = List.of(
      new Flag("--transport", "stdio|http", "Transport to serve on (default: stdio)."),
      new Flag("--port", "<port>", "Port for the HTTP transport (default: 3000); ignored with stdio."),
      new Flag("--host", "<host>",
          "Address for the HTTP transport to listen on (default: 127.0.0.1); ignored with stdio."),
      new Flag("--auth-token", "<token>", "Bearer token HTTP clients must present (default: AUTH_TOKEN, else a"
          + " generated one written to a file only you can read, whose path is printed); ignored with stdio."),
      new Flag("--unsafe-disable-auth", null,
          "Let HTTP clients connect without a token (Host and Origin are still checked); ignored with stdio."),
      new Flag("--enable-token-passthrough", null, "Let each HTTP client send its own API token in a header (see"
          + " --token-passthrough-header), used for that request instead of the configured one; also"
          + " ENABLE_TOKEN_PASSTHROUGH=true. Ignored with stdio."),
      new Flag("--token-passthrough-header", "<name>", "Header for token passthrough (default: the API's token"
          + " variable as a header name, such as Notion-Token for NOTION_TOKEN; see ENABLE_TOKEN_PASSTHROUGH"
          + " below); implies --enable-token-passthrough."),
      new Flag("--stateless", null,
          "HTTP without sessions, for several instances behind a load balancer; ignored with stdio."),
      new Flag("--rate-limit", "<per second>", "Most requests per second sent to the API, 0 for no limit"
          + " (default: no limit, unless the server has its own default)."),
      new Flag("--connect-timeout", "<seconds>", "How long to wait for a connection to the API (default: 10)."),
      new Flag("--request-timeout", "<seconds>",
          "How long one attempt of a call may take until the API's answer is complete (default: 60)."),
      new Flag("--max-text-bytes", "<bytes>",
          "Longer text answers are cut, with a note saying so (default: 1048576, 1 MB)."),
      new Flag("--max-binary-bytes", "<bytes>",
          "Longer images and other binary answers are not passed on (default: 5242880, 5 MB)."),
      new Flag("--max-concurrent-calls", "<calls>", "Tool calls run at once per transport; more wait for a slot"
          + " (see --max-queue-wait), beyond that they are answered as busy (default: one per 16 MB of the maximum"
          + " heap, from 4 to 64)."),
      new Flag("--memory-budget", "<bytes>", "Heap the answers in flight may hold, counted at what mapping and"
          + " sending them costs, such as 256m or 1g; a call over it is answered as busy (default: half the"
          + " maximum heap, -Xmx)."),
      new Flag("--max-queue-wait", "<seconds>", "How long a call may wait for a free slot, or for memory for its"
          + " answer, before it is answered as busy (default: 10)."),
      new Flag("--upload-root", "<directory>",
          "Directory whose files (and those below it) tools may upload; without it, arguments that take a file"
              + " are refused (default: none)."),
      new Flag("--tools", "all|dynamic", "all: one tool per operation. dynamic: search_operations,"
          + " describe_operation and invoke_operation instead, so the list stays small for large APIs. Default:"
          + " all, unless the server was generated for dynamic tools."),
      new Flag("--expose", "<tool>[,<tool>...]", "With --tools dynamic: tools to list directly as well (a curated"
          + " set, instead of the server's own), comma separated; may be repeated."),
      new Flag("-h, --help", null, "Show this help message and exit."),
      new Flag("-V, --version", null, "Print version information and exit."));

  private static final int WIDTH = 80;
  private static final int DESCRIPTION_COLUMN = 29;

  boolean help;
  boolean version;
  Transport transport = Transport.stdio;
  int port = 3000;
  String host = "127.0.0.1";
  String authToken;
  boolean unsafeDisableAuth;
  boolean enableTokenPassthrough;
  String tokenPassthroughHeader;
  boolean stateless;
  Double rateLimit;
  double connectTimeout = 10;
  double requestTimeout = 60;
  int maxTextBytes = 1_048_576;
  int maxBinaryBytes = 5_242_880;
  /** Null when not given: derived from the heap. */
  Integer maxConcurrentCalls;
  /** Null when not given: derived from the heap. */
  Long memoryBudget;
  double maxQueueWait = 10;
  Path uploadRoot;
  /** Null when not given: the server's own default applies (all tools, unless generated otherwise). */
  ToolMode toolMode;
  final List<String> exposed = new ArrayList<>();

  private ServerFlags() {}

  /** Thrown for a command line that cannot be used; the message is one sentence naming the flag. */
  static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code args}. Range checks that need other settings stay with their users; this only
   * checks that each value has the flag's type.
   *
   * @throws UsageException for an unknown flag, a missing value or a value of the wrong type
   */
  static ServerFlags parse(String... args) {
    ServerFlags flags = new ServerFlags();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
      String inline = name.equals(arg) ? null : arg.substring(equals + 1);
      if (flags.isSwitch(name)) {
        if (inline != null) {
          throw new UsageException(name + " takes no value, but was given '" + inline + "'.");
        }
        continue;
      }
      String value;
      if (inline != null) {
        value = inline;
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(known(name)
            ? name + " needs a value (" + labelOf(name) + ")."
            : "Unknown option '" + name + "'.");
      }
      flags.set(name, value);
    }
    return flags;
  }

  /** Sets a switch and answers true, or answers false for any other argument. */
  private boolean isSwitch(String name) {
    switch (name) {
      case "-h", "--help" -> help = true;
      case "-V", "--version" -> version = true;
      case "--unsafe-disable-auth" -> unsafeDisableAuth = true;
      case "--enable-token-passthrough" -> enableTokenPassthrough = true;
      case "--stateless" -> stateless = true;
      default -> {
        return false;
      }
    }
    return true;
  }

  private void set(String name, String value) {
    switch (name) {
      case "--transport" -> transport = choice(name, value, Transport.class);
      case "--port" -> port = wholeNumber(name, value);
      case "--host" -> host = value;
      case "--auth-token" -> authToken = value;
      case "--token-passthrough-header" -> tokenPassthroughHeader = value;
      case "--rate-limit" -> rateLimit = number(name, value);
      case "--connect-timeout" -> connectTimeout = number(name, value);
      case "--request-timeout" -> requestTimeout = number(name, value);
      case "--max-text-bytes" -> maxTextBytes = wholeNumber(name, value);
      case "--max-binary-bytes" -> maxBinaryBytes = wholeNumber(name, value);
      case "--max-concurrent-calls" -> maxConcurrentCalls = wholeNumber(name, value);
      case "--memory-budget" -> memoryBudget = byteSize(name, value);
      case "--max-queue-wait" -> maxQueueWait = number(name, value);
      case "--upload-root" -> uploadRoot = path(name, value);
      case "--tools" -> toolMode = choice(name, value, ToolMode.class);
      case "--expose" -> {
        for (String tool : value.split(",")) {
          if (!tool.isBlank()) {
            exposed.add(tool.strip());
          }
        }
      }
      default -> throw new UsageException("Unknown option '" + name + "'.");
    }
  }

  private static boolean known(String name) {
    return FLAGS.stream().anyMatch(flag -> flag.name().equals(name));
  }

  private static String labelOf(String name) {
    return FLAGS.stream().filter(flag -> flag.name().equals(name)).findFirst().map(Flag::label).orElse("");
  }

  private static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(name + " must be " + labelOf(name).replace("|", " or ") + ", not '" + value + "'.");
    }
  }

  private static int wholeNumber(String name, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number, not '" + value + "'.");
    }
  }

  /** A number of bytes, with an optional {@code k}, {@code m} or {@code g} (powers of 1024), as {@code -Xmx} takes. */
  private static long byteSize(String name, String value) {
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
      throw new UsageException(name + " must be a number of bytes such as 268435456 or 256m, not '" + value + "'.");
    }
  }

  private static double number(String name, String value) {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a number, not '" + value + "'.");
    }
  }

  private static Path path(String name, String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(name + " must be a directory path, not '" + value + "'.");
    }
  }

  /** The usage line, the description and one entry per flag, wrapped at 80 columns. */
  static String help(String command, List<String> description) {
    StringBuilder help = new StringBuilder();
    help.append("Usage: ").append(command).append(" [options]").append(System.lineSeparator());
    for (String paragraph : description) {
      wrap(help, paragraph, 0, 0);
    }
    help.append(System.lineSeparator()).append("Options:").append(System.lineSeparator());
    for (Flag flag : FLAGS) {
      String synopsis = (flag.name().startsWith("-h") || flag.name().startsWith("-V") ? "  " : "      ")
          + flag.synopsis();
      help.append(synopsis);
      if (synopsis.length() < DESCRIPTION_COLUMN) {
        help.append(" ".repeat(DESCRIPTION_COLUMN - synopsis.length()));
        wrap(help, flag.description(), DESCRIPTION_COLUMN, DESCRIPTION_COLUMN + 2);
      } else {
        help.append(System.lineSeparator()).append(" ".repeat(DESCRIPTION_COLUMN));
        wrap(help, flag.description(), DESCRIPTION_COLUMN, DESCRIPTION_COLUMN + 2);
      }
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
