package dev.openapimcp.maven;

import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates MCP tool definitions and a runnable server class from an OpenAPI description, and adds
 * them to the compile source root.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

  /** The OpenAPI description (3.0, 3.1 or Swagger 2.0; JSON or YAML). */
  @Parameter(property = "openapi-mcp.specFile", required = true)
  private File specFile;

  /** Java package of the generated classes. */
  @Parameter(property = "openapi-mcp.packageName", required = true)
  private String packageName;

  /** Where the generated sources go; added as a compile source root. */
  @Parameter(property = "openapi-mcp.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/openapi-mcp", required = true)
  private File outputDirectory;

  /** Prefix of every tool name ({@code API-} makes Notion's names match the npm server's). */
  @Parameter(property = "openapi-mcp.toolPrefix", defaultValue = "")
  private String toolPrefix;

  /**
   * Short API name for class names and the token variable ({@code Notion} gives {@code NotionTools},
   * {@code NotionServer} and {@code NOTION_TOKEN}); derived from the spec's title when absent.
   */
  @Parameter(property = "openapi-mcp.apiName")
  private String apiName;

  /** MCP server name reported to clients; derived from the API name when absent. */
  @Parameter(property = "openapi-mcp.serverName")
  private String serverName;

  /** Skips generation. */
  @Parameter(property = "openapi-mcp.skip", defaultValue = "false")
  private boolean skip;

  /** Records the fingerprint of the last successful run; an unchanged spec then skips generation. */
  @Parameter(defaultValue = "${project.build.directory}/openapi-mcp/${mojoExecution.executionId}.state",
      readonly = true, required = true)
  private File stateFile;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    // Always added, so a skipped or up-to-date run still compiles what is there.
    project.addCompileSourceRoot(outputDirectory.getPath());
    if (skip) {
      getLog().info("Skipping OpenAPI MCP generation (openapi-mcp.skip=true)");
      return;
    }
    GeneratorConfig config = new GeneratorConfig(specFile.getPath(), packageName, outputDirectory.toPath(),
        toolPrefix, apiName, serverName);
    try {
      GenerationResult result = GenerationTool.generateIfChanged(config, stateFile.toPath());
      if (result.upToDate()) {
        getLog().info("OpenAPI MCP sources are up to date (" + result.toolCount() + " tools)");
      } else {
        getLog().info("Generated " + result.toolCount() + " MCP tools; server main class " + result.serverClass());
      }
    } catch (GenerationException e) {
      throw new MojoFailureException("Invalid OpenAPI description: " + e.getMessage(), e);
    }
  }
}
