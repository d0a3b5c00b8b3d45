package dev.openapimcp.cli;

/** The text of {@code --resources}, which {@code generate} and {@code serve} both take. */
final class ResourcesOption {

  static final String DESCRIPTION = "Also offer GET operations as MCP resources: one without required arguments as"
      + " a resource, one whose required arguments are all path parameters as a resource template (reading one"
      + " calls its tool). The tools are listed either way.";

  private ResourcesOption() {}
}
