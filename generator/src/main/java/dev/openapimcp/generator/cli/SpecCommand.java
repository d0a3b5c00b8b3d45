package dev.openapimcp.generator.cli;

import dev.openapimcp.generator.GenerationException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that reads a spec: bad specs and bad options end in one sentence and exit code 2. */
abstract class SpecCommand implements Callable<Integer> {

  @Spec
  CommandSpec command;

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (GenerationException | IllegalArgumentException e) {
      err().println(e.getMessage());
      return OpenApiMcp.EXIT_INVALID;
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
