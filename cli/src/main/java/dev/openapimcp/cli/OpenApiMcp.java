package dev.openapimcp.cli;

import dev.openapimcp.generator.SpecPreload;
import dev.openapimcp.runtime.server.ServerCommand;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar openapi-mcp.jar <command>}: the entry point of the command line. */
@Command(
    name = "openapi-mcp",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Turns an OpenAPI description (3.0, 3.1, Swagger 2.0; JSON or YAML; file or URL) into MCP tools:"
        + " generate Java sources, serve it without a build, list its tools, call one, or lint it.",
    footer = {
        "%nExamples:",
        "  openapi-mcp tools --spec petstore.yaml",
        "  openapi-mcp lint --spec petstore.yaml",
        "  openapi-mcp serve --spec api.json --base-url http://localhost:8080",
        "  openapi-mcp call --spec petstore.yaml getPet '{\"petId\":\"1\"}'",
        "  openapi-mcp generate --spec petstore.yaml --package com.example.mcp --out gen",
        "%nRun 'openapi-mcp <command> --help' for a command's options."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok",
        "1:failure, or a call whose result is an error",
        "2:invalid input: unknown option, unreadable spec, bad value",
        "3:lint found errors"})
public final class OpenApiMcp implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_INVALID = 2;
  static final int EXIT_LINT_ERRORS = 3;

  @Spec
  CommandSpec command;

  /**
   * swagger-parser logs every exception it recovers from with its stack trace (203 lines on stderr
   * for a refused connection) and then reports the same problem in its result, which the generator
   * turns into one sentence; its own log says nothing more, so it is off unless the user turns it on
   * ({@code -Dorg.slf4j.simpleLogger.log.io.swagger=warn}).
   */
  static final String SWAGGER_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.swagger";

  static {
    if (System.getProperty(SWAGGER_LOG_LEVEL) == null) {
      System.setProperty(SWAGGER_LOG_LEVEL, "off");
    }
  }

  private OpenApiMcp() {}

  /** Without a command: say which there are. */
  @Override
  public Integer call() {
    command.commandLine().getErr().println("Missing a command: " + String.join(", ",
        command.subcommands().keySet()) + ". See 'openapi-mcp --help'.");
    return EXIT_INVALID;
  }

  /** The commands that read one spec into a catalog, and so read it while picocli parses ({@link #preload}). */
  private static final Set<String> PRELOADING = Set.of("serve", "tools", "call");

  /** The commands, in the order help lists them. */
  private static final Map<String, Supplier<SpecCommand>> COMMANDS = commands();

  private static Map<String, Supplier<SpecCommand>> commands() {
    Map<String, Supplier<SpecCommand>> commands = new LinkedHashMap<>();
    commands.put("generate", GenerateCommand::new);
    commands.put("serve", ServeCommand::new);
    commands.put("tools", ToolsCommand::new);
    commands.put("call", CallCommand::new);
    commands.put("lint", LintCommand::new);
    return commands;
  }

  public static void main(String[] args) {
    // Before a spec is converted: its parallel streams fix the common pool's size for the process.
    ServerCommand.prepareJvm();
    Map<String, String> environment = System.getenv();
    // Standard output may carry the protocol: nothing a library prints while reading a spec goes there.
    PrintStream stdout = System.out;
    System.setOut(System.err);
    SpecPreload preload = preload(environment, args);
    if (preload == null) {
      System.setOut(stdout);
    }
    System.exit(commandLine(environment, preload == null ? null : stdout, preload, args).execute(args));
  }

  /**
   * The spec of a {@code serve}, {@code tools} or {@code call} that {@code arguments} name, read from
   * now on while picocli makes sense of them (see {@link SpecPreload#start}); {@code null} when
   * they name none, or when the command may read it otherwise ({@code --allow-*}). What picocli then
   * finds decides: a command that reads another spec, or the same one otherwise, stops the preload.
   */
  static SpecPreload preload(Map<String, String> environment, String... arguments) {
    if (arguments.length == 0 || !PRELOADING.contains(arguments[0])) {
      return null;
    }
    String spec = null;
    for (int i = 1; i < arguments.length && !arguments[i].equals("--"); i++) {
      String argument = arguments[i];
      if (argument.startsWith("--allow-")) {
        return null;
      }
      if (argument.equals("--spec") && i + 1 < arguments.length) {
        spec = arguments[++i];
      } else if (argument.startsWith("--spec=")) {
        spec = argument.substring("--spec=".length());
      }
    }
    return spec == null ? null
        : SpecPreload.start(spec, CacheDirectory.of(environment, System.getProperty("os.name", "")));
  }

  /**
   * The command line reading {@code environment} (credentials, {@code BASE_URL}) for {@code arguments};
   * every error ends in one sentence on stderr and an exit code, never a stack trace. When the first
   * argument names a command, only that command is built: picocli reads every command's annotations
   * and creates its object up front, and the other four cost a cached {@code serve} start about 0.2 s
   * (JFR: 19 of 135 samples in picocli, 12 of them {@code call}'s JSON mapper).
   */
  static CommandLine commandLine(Map<String, String> environment, String... arguments) {
    return commandLine(environment, null, null, arguments);
  }

  /**
   * {@link #commandLine(Map, String...)} writing to {@code stdout} rather than {@link System#out} (unless
   * {@code null}), and serving the spec {@code preload} is reading, when the command reads that one.
   */
  static CommandLine commandLine(Map<String, String> environment, PrintStream stdout, SpecPreload preload,
      String... arguments) {
    CommandLine commandLine = new CommandLine(new OpenApiMcp());
    Supplier<SpecCommand> chosen = arguments.length == 0 ? null : COMMANDS.get(arguments[0]);
    if (chosen != null) {
      commandLine.addSubcommand(chosen.get());
    } else {
      COMMANDS.values().forEach(command -> commandLine.addSubcommand(command.get()));
    }
    unwrappedFooter(commandLine);
    for (CommandLine subcommand : commandLine.getSubcommands().values()) {
      SpecCommand command = subcommand.getCommand();
      command.environment = Map.copyOf(environment);
      command.standardOutput = stdout;
      command.preload = preload;
      unwrappedFooter(subcommand);
    }
    if (stdout != null) {
      commandLine.setOut(writer(stdout));
    }
    commandLine.setParameterExceptionHandler((e, args) -> {
      String message = e.getMessage().strip();
      e.getCommandLine().getErr().println(message + (message.endsWith(".") ? "" : ".") + " See '"
          + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return EXIT_INVALID;
    });
    commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
      failed.getErr().println(failed.getCommandSpec().qualifiedName() + " failed: " + describe(e));
      return EXIT_FAILURE;
    });
    return commandLine;
  }

  /**
   * The footer (the examples) line by line as written, never wrapped: picocli wraps it at 80
   * columns, which broke examples in the middle of an argument. Examples longer than that are
   * written on several lines, continued with a backslash as a shell would take them.
   */
  private static void unwrappedFooter(CommandLine commandLine) {
    commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
      StringBuilder footer = new StringBuilder();
      for (String line : help.commandSpec().usageMessage().footer()) {
        footer.append(String.format(line)).append(System.lineSeparator());
      }
      return footer.toString();
    });
  }

  /**
   * A writer on {@code stdout} as picocli makes its own on {@link System#out} (4.7: in the encoding
   * {@code sun.stdout.encoding} names, else the platform's), for when {@link System#out} is elsewhere.
   */
  private static PrintWriter writer(PrintStream stdout) {
    Charset charset = Charset.defaultCharset();
    String encoding = System.getProperty("sun.stdout.encoding");
    if (encoding != null) {
      try {
        charset = Charset.forName(encoding.equalsIgnoreCase("cp65001") ? "UTF-8" : encoding);
      } catch (IllegalArgumentException e) {
        // The platform's, as picocli falls back to.
      }
    }
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stdout, charset)), true);
  }

  /** The exception's message, or its type when it has none (a bug rather than bad input). */
  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getName() : message;
  }
}
