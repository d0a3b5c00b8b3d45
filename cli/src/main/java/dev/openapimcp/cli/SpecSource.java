package dev.openapimcp.cli;

import picocli.CommandLine.Option;

/** {@code --spec}, required: the one spec a command works on. */
final class SpecSource {

  @Option(names = "--spec", required = true, paramLabel = "FILE|URL", description = SpecOptions.SPEC_DESCRIPTION)
  String location;
}
