package dev.openapimcp.generator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar openapi-mcp.jar <command>}: the entry point of the command line. */
@Command(
    name = "openapi-mcp",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Turns an OpenAPI description (3.0, 3.1, Swagger 2.0; JSON or YAML; file or URL) into MCP tools.",
    subcommands = {GenerateCommand.class, ServeCommand.class, ToolsCommand.class, CallCommand.class,
        LintCommand.class},
    footer = {
        "%nExamples:",
        "  openapi-mcp tools --spec petstore.yaml",
        "  openapi-mcp serve --spec api.json --base-url http://localhost:8080",
        "  openapi-mcp call --spec petstore.yaml getPet '{\"petId\":\"1\"}'",
        "  openapi-mcp generate --spec petstore.yaml --package com.example.mcp --out gen",
        "  openapi-mcp lint --spec petstore.yaml",
        "%nExit codes:",
        "  0  ok",
        "  1  failure, or a call that answered with an error",
        "  2  invalid input or usage",
        "  3  lint found errors"})
public final class OpenApiMcp {

  static final int EXIT_FAILURE = 1;
  static final int EXIT_INVALID = 2;
  static final int EXIT_LINT_ERRORS = 3;

  private OpenApiMcp() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with usage errors answered by exit code 2. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new OpenApiMcp());
    commandLine.setExitCodeExceptionMapper(e -> EXIT_FAILURE);
    commandLine.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println(e.getMessage());
      e.getCommandLine().getErr().println("Run with --help for usage.");
      return EXIT_INVALID;
    });
    return commandLine;
  }
}
