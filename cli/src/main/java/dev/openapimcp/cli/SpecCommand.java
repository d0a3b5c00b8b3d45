package dev.openapimcp.cli;

import dev.openapimcp.generator.GenerationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that reads a spec. A spec that cannot be read or converted, and any bad option value,
 * ends in one sentence on stderr and exit code 2; a failure to write or to reach something, in exit
 * code 1.
 */
abstract class SpecCommand implements Callable<Integer> {

  @Spec
  CommandSpec command;

  @Mixin
  SpecOptions spec;

  /** Where credentials and {@code BASE_URL} come from; the process environment outside tests. */
  Map<String, String> environment = Map.of();

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (GenerationException e) {
      err().println(e.getMessage());
      // Only writing sources fails with an I/O cause; an unreadable spec is the user's input.
      return e.getCause() instanceof IOException ? OpenApiMcp.EXIT_FAILURE : OpenApiMcp.EXIT_INVALID;
    } catch (IllegalArgumentException e) {
      err().println(OpenApiMcp.describe(e));
      return OpenApiMcp.EXIT_INVALID;
    } catch (IOException | UncheckedIOException e) {
      err().println(command.qualifiedName() + " failed: " + OpenApiMcp.describe(e));
      return OpenApiMcp.EXIT_FAILURE;
    }
  }

  abstract int run() throws Exception;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }
}
