package dev.openapimcp.cli;

import picocli.CommandLine.Mixin;

/** A command on the one spec {@code --spec} names (every command but {@code lint}, which also takes many). */
abstract class OneSpecCommand extends SpecCommand {

  @Mixin
  SpecSource source;

  @Override
  final String specLocation() {
    return source.location;
  }
}
