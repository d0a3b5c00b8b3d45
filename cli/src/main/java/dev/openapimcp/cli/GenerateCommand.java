package dev.openapimcp.cli;

import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.model.ToolMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the Java sources the Maven plugin would write, with the same engine. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Write the tool classes and a runnable server class (<Api>Server, with a main method)"
        + " for the spec, as the Maven plugin does.",
        "Compile them with dev.openapimcp:openapi-mcp-runtime (and an SLF4J binding) on the class path."
        + " Files are rewritten only when they change; generated files of operations no longer in the spec"
        + " are deleted."},
    footer = {"%nExamples:",
        "  openapi-mcp generate --spec petstore.yaml --package com.example.mcp \\",
        "      --out src/generated/java",
        "  openapi-mcp generate --spec github.json --package com.example.github \\",
        "      --out gen --tools dynamic"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:sources written", "1:the sources could not be written",
        "2:invalid input: unknown option, unreadable spec, bad value"})
final class GenerateCommand extends OneSpecCommand {

  @Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "Java package of the classes.")
  String packageName;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Source root the package's folders are written under.")
  Path out;

  @Option(names = "--tools", paramLabel = "auto|all|dynamic", defaultValue = "auto",
      description = "all: the server lists one tool per operation. dynamic: it starts in discovery mode"
          + " (search_operations, describe_operation, invoke_operation) unless run with --tools all. auto"
          + " (default): dynamic when listing every tool would take more than ~"
          + ToolListSize.DISCOVERY_THRESHOLD_TOKENS + " tokens (" + ToolListSize.DISCOVERY_THRESHOLD_BYTES
          + " bytes), a model's whole context window; else all.")
  String toolMode;

  @Option(names = "--expose", paramLabel = "TOOL", split = ",",
      description = "With --tools dynamic: tools the server lists directly as well (comma separated).")
  List<String> exposed = new ArrayList<>();

  @Option(names = "--resources", description = ResourcesOption.DESCRIPTION)
  boolean resources;

  @Override
  int run() throws Exception {
    if (!SourceVersion.isName(packageName)) {
      throw new IllegalArgumentException("--package must be a Java package name such as com.example.mcp.");
    }
    ToolMode mode;
    try {
      mode = ToolMode.parse(toolMode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--tools " + e.getMessage() + ".");
    }
    if (mode != ToolMode.DYNAMIC && !exposed.isEmpty()) {
      throw new IllegalArgumentException("--expose needs --tools dynamic: with all tools listed there is nothing"
          + " to add.");
    }
    GeneratorConfig config = config().packageName(packageName).outputDirectory(out).toolMode(mode)
        .exposedTools(exposed).resources(resources).build();
    GenerationResult result = GenerationTool.generate(config);
    out().printf("Generated %d tools into %s (%d files); main class %s%n", result.toolCount(), out,
        result.files().size(), result.serverClass());
    String size = "listing every tool would take " + result.toolsListBytes() + " bytes (~"
        + ToolListSize.approxTokens(result.toolsListBytes()) + " tokens), more than a model's context window";
    if (mode == ToolMode.AUTO && result.toolMode() == ToolMode.DYNAMIC) {
      out().println("The server starts in discovery mode (search_operations, describe_operation,"
          + " invoke_operation): " + size + ". Generate with --tools all to list every tool.");
    } else if (mode == ToolMode.ALL && result.toolsListBytes() > ToolListSize.DISCOVERY_THRESHOLD_BYTES) {
      out().println("The server lists every tool, but " + size + "; generate without --tools (or with --tools"
          + " dynamic) for a server that starts in discovery mode.");
    }
    return OpenApiMcp.EXIT_OK;
  }
}
