package dev.openapimcp.generator;

/**
 * The one entry point of the generator, used alike by the Maven plugin and the command line:
 * spec → tool definitions → Java sources.
 */
public final class GenerationTool {

  private GenerationTool() {}

  /**
   * Generates the tool catalog class and the server main class for {@code config.spec()} under
   * {@code config.outputDirectory()}. Files of earlier runs that are no longer produced are deleted.
   *
   * @throws GenerationException when the spec cannot be read or converted; the message names the
   *     file, the JSON pointer and the reason
   */
  public static GenerationResult generate(GeneratorConfig config) throws GenerationException {
    throw new GenerationException("not implemented yet");
  }
}
