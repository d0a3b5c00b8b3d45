package dev.openapimcp.generator.cli;

import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes the Java sources the Maven plugin would write. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write the tool classes and a runnable server class for the spec.",
    footer = "%nExample:%n  openapi-mcp generate --spec petstore.yaml --package com.example.mcp --out src/generated/java")
final class GenerateCommand extends SpecCommand {

  @Mixin
  SpecOptions spec;

  @Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "Java package of the classes.")
  String packageName;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Source root to write under.")
  Path out;

  @Override
  int run() throws Exception {
    GenerationResult result = GenerationTool.generate(spec.config(packageName, out));
    out().printf("Generated %d tools into %s; main class %s%n", result.toolCount(), out, result.serverClass());
    return 0;
  }
}
