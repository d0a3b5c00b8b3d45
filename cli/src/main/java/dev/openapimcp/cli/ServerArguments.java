package dev.openapimcp.cli;

import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.runtime.server.ServerCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's own flags as {@code serve} passes them on, checked by the server's own parser before
 * anything is served, so its messages can name this command rather than the generated server's
 * ({@code See 'alertmanager-mcp-server --help'} named a command that does not exist here). With
 * {@code --help} added, {@link ServerCommand#run} parses the flags and returns before serving: it
 * prints its help when they parse and one sentence when they do not.
 */
final class ServerArguments {

  /** What {@code --help} tells a {@code serve} user to run instead of the generated server's name. */
  static final String HELP_COMMAND = "openapi-mcp serve --server-help";
  private static final String USAGE = "Usage: openapi-mcp serve --spec=FILE|URL [options]";

  private ServerArguments() {}

  /**
   * The outcome of parsing {@code arguments}.
   *
   * @param error the server's sentence naming the bad flag, pointing at {@link #HELP_COMMAND}; null
   *     when they parse
   * @param help the server's help, its usage line naming this command
   */
  record Check(String error, String help) {}

  /** Parses {@code arguments} as the server for {@code catalog} would, without serving. */
  static Check check(ToolCatalog catalog, List<String> arguments) {
    List<String> withHelp = new ArrayList<>(arguments);
    withHelp.add("--help");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    int exitCode;
    try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(capturedOut);
      System.setErr(capturedErr);
      exitCode = ServerCommand.run(catalog, withHelp.toArray(String[]::new));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    String help = out.toString(StandardCharsets.UTF_8);
    String serverUsage = "Usage: " + catalog.serverName() + " [options]";
    if (help.startsWith(serverUsage)) {
      help = USAGE + help.substring(serverUsage.length());
    }
    if (exitCode == ServerCommand.EXIT_OK) {
      return new Check(null, help);
    }
    String error = err.toString(StandardCharsets.UTF_8).strip();
    String serverHint = " See '" + catalog.serverName() + " --help'.";
    if (error.endsWith(serverHint)) {
      error = error.substring(0, error.length() - serverHint.length());
    }
    return new Check(error + " See '" + HELP_COMMAND + "'.", help);
  }
}
