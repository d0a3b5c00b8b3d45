package dev.openapimcp.cli;

import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.ServedApi;
import dev.openapimcp.generator.SpecPreload;
import dev.openapimcp.model.ToolCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
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

  /**
   * The process's standard output when {@link System#out} is not it, while a preloaded spec is read
   * (see {@code OpenApiMcp.main}); {@code null}: {@link System#out}.
   */
  PrintStream standardOutput;

  /** The spec read since the process started, for {@link #served(Executor)} when it is this command's. */
  SpecPreload preload;

  /** Finds out why a spec's address could not be read. */
  private final SpecUrl specUrl = new SpecUrl(SpecUrl.CONNECT_TIMEOUT, SpecUrl.REQUEST_TIMEOUT);

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (GenerationException e) {
      err().println(describe(e, specLocation()));
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

  /** The spec the command reads, as the user gave it; {@code null} when it reads several. */
  abstract String specLocation();

  /** The generator configuration of the options for {@link #specLocation()}. */
  GeneratorConfig.Builder config() {
    return spec.config(specLocation());
  }

  /** The tools a server built from {@link #specLocation()} serves. */
  ToolCatalog catalog() throws GenerationException {
    return served().catalog();
  }

  /** The tools a server built from {@link #specLocation()} serves, and the defaults the spec sets for it. */
  ServedApi served() throws GenerationException {
    return served(Runnable::run);
  }

  /** {@link #served()}, a newly converted catalog written into the cache by {@code cacheWrites}. */
  ServedApi served(Executor cacheWrites) throws GenerationException {
    return GenerationTool.served(config().build(), CacheDirectory.of(environment, System.getProperty("os.name", "")),
        cacheWrites, preload);
  }

  /**
   * The generator's sentence, or for a spec at an address that cannot be downloaded, why not: that
   * is the reason, whatever the parser made of getting nothing.
   */
  String describe(GenerationException e, String location) {
    if (location != null && SpecUrl.isUrl(location)) {
      Optional<String> problem = specUrl.downloadProblem(location);
      if (problem.isPresent()) {
        return "Cannot download " + location.strip() + ": " + problem.get() + ".";
      }
    }
    return e.getMessage();
  }

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }
}
