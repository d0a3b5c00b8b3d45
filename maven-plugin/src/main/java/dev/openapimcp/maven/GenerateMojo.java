package dev.openapimcp.maven;

import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationResult;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.GeneratorConfig;
import dev.openapimcp.generator.ToolListSize;
import dev.openapimcp.model.ToolMode;
import dev.openapimcp.generator.OperationFilter;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The description is read from {@code specFile} or downloaded from {@code specUrl}. Generation
 * is incremental: when the spec (with every file its {@code $ref}s reach), the configuration and the
 * generator are unchanged since the last successful run, nothing is written and the build logs that
 * the sources are up to date. Generated files that a run no longer produces are deleted.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

  /**
   * The OpenAPI description to generate from: OpenAPI 3.0, 3.1 or Swagger 2.0, JSON or YAML. Relative
   * {@code $ref}s to other local files are followed. Set exactly one of {@code specFile} and
   * {@code specUrl}.
   */
  @Parameter(property = "openapi-mcp.specFile")
  private File specFile;

  /**
   * An http(s) URL to download the OpenAPI description from, instead of {@code specFile} (set exactly
   * one of them). The copy is kept in the build directory's {@code openapi-mcp/spec/} folder and
   * revalidated on each build with a conditional request ({@code If-None-Match} /
   * {@code If-Modified-Since}), so sources are regenerated only when the spec changed upstream. When
   * the download fails (no network, unknown host, an HTTP error) the cached copy is used with a
   * warning; in offline mode ({@code -o}) it is used without asking the server. With no cached copy
   * the build fails. The document must be self-contained: files its relative {@code $ref}s point to
   * are not downloaded. Proxies come from the JVM's {@code http(s).proxyHost} system properties, not
   * from Maven's settings.
   */
  @Parameter(property = "openapi-mcp.specUrl")
  private String specUrl;

  /** Java package of the generated classes, e.g. {@code com.example.mcp}. */
  @Parameter(property = "openapi-mcp.packageName", required = true)
  private String packageName;

  /**
   * Where the generated sources go; added as a compile source root. Generated files that are no
   * longer produced are deleted from the package's folder here; other files are left alone.
   */
  @Parameter(property = "openapi-mcp.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/openapi-mcp", required = true)
  private File outputDirectory;

  /**
   * Prefix of every tool name; empty by default. {@code API-} makes the Notion tools' names match the
   * npm server's ({@code API-get-user}).
   */
  @Parameter(property = "openapi-mcp.toolPrefix")
  private String toolPrefix;

  /**
   * Short API name for class names and the token variable: {@code Notion} gives
   * {@code NotionTools}, {@code NotionServer} and {@code NOTION_TOKEN}. Derived from the spec's
   * {@code info.title} when absent.
   */
  @Parameter(property = "openapi-mcp.apiName")
  private String apiName;

  /** MCP server name reported to clients in {@code initialize}; derived from the API name when absent. */
  @Parameter(property = "openapi-mcp.serverName")
  private String serverName;

  /**
   * Operations to turn into tools; all when empty. Each entry is {@code tag:<glob>},
   * {@code method:<METHOD>}, {@code path:<glob>} or an operation id glob ({@code *} within a path
   * segment, {@code **} across segments, {@code ?} one character).
   */
  @Parameter
  private List<String> includes;

  /** Operations to leave out, in the same pattern syntax as {@code includes}. */
  @Parameter
  private List<String> excludes;

  /** Whether deprecated operations become tools too. */
  @Parameter(property = "openapi-mcp.includeDeprecated", defaultValue = "false")
  private boolean includeDeprecated;

  /**
   * Whether the spec may {@code $ref} {@code http(s)} addresses, which are then fetched while
   * generating. Off by default: a build never reaches the network behind your back.
   */
  @Parameter(property = "openapi-mcp.allowRemoteRefs", defaultValue = "false")
  private boolean allowRemoteRefs;

  /**
   * Whether the spec may {@code $ref} files outside its own folder (and the folders below it).
   * Off by default: a spec reads only the files that lie beside it.
   */
  @Parameter(property = "openapi-mcp.allowOutsideRefs", defaultValue = "false")
  private boolean allowOutsideRefs;

  /** Values for the variables of the spec's first server URL, overriding their defaults. */
  @Parameter
  private Map<String, String> serverVariables;

  /**
   * {@code all}: the generated server lists one tool per operation. {@code dynamic}: it starts in
   * discovery mode, listing {@code search_operations}, {@code describe_operation} and
   * {@code invoke_operation} instead, so {@code tools/list} stays a few KB for APIs too large for a
   * model's context; its {@code --tools all} flag still lists every tool. {@code auto} (the
   * default): {@code dynamic} when the list of every tool would be larger than 800,000 bytes (~200,000
   * tokens, a model's whole context window), else {@code all}.
   */
  @Parameter(property = "openapi-mcp.toolMode", defaultValue = "auto")
  private String toolMode;

  /**
   * With {@code toolMode} {@code dynamic}: tools (full names, prefix included) listed directly beside
   * the three discovery tools, a curated set for the calls a model needs most.
   */
  @Parameter
  private List<String> exposedTools;

  /**
   * Also offers GET operations as MCP resources: one without required arguments as a resource, one
   * whose required arguments are all path parameters as a resource template (RFC 6570); reading one
   * calls its tool. Off by default; the tools are listed either way.
   */
  @Parameter(property = "openapi-mcp.resources", defaultValue = "false")
  private boolean resources;

  /**
   * Skips generation. The output directory is still added as a source root, so sources generated
   * earlier keep compiling.
   */
  @Parameter(property = "openapi-mcp.skip", defaultValue = "false")
  private boolean skip;

  /** Records the fingerprint of the last successful run; an unchanged spec then skips generation. */
  @Parameter(defaultValue = "${project.build.directory}/openapi-mcp/${mojoExecution.executionId}.state",
      readonly = true, required = true)
  private File stateFile;

  /** Where {@code specUrl} is downloaded to, with its HTTP validators. */
  @Parameter(defaultValue = "${project.build.directory}/openapi-mcp/spec", readonly = true, required = true)
  private File specCacheDirectory;

  @Parameter(defaultValue = "${settings.offline}", readonly = true)
  private boolean offline;

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
    Path spec = spec();
    OperationFilter filter;
    try {
      filter = new OperationFilter(includes, excludes, includeDeprecated);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    ToolMode mode;
    try {
      mode = ToolMode.parse(toolMode);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("<toolMode> " + e.getMessage(), e);
    }
    if (mode != ToolMode.DYNAMIC && exposedTools != null && !exposedTools.isEmpty()) {
      throw new MojoExecutionException("<exposedTools> needs <toolMode>dynamic</toolMode>: with all tools listed"
          + " there is nothing to add");
    }
    GeneratorConfig config = GeneratorConfig.builder(spec.toString()).packageName(packageName)
        .outputDirectory(outputDirectory.toPath()).toolPrefix(toolPrefix).apiName(apiName).serverName(serverName)
        .filter(filter).allowRemoteRefs(allowRemoteRefs).serverVariables(serverVariables).toolMode(mode)
        .exposedTools(exposedTools).allowOutsideRefs(allowOutsideRefs).resources(resources).build();
    GenerationResult result;
    try {
      result = GenerationTool.generateIfChanged(config, stateFile.toPath());
    } catch (GenerationException e) {
      // The message already names the file, the JSON pointer and the reason.
      throw new MojoFailureException(isBlank(specUrl) ? e.getMessage()
          : e.getMessage() + " (downloaded from " + specUrl.trim() + ")", e);
    }
    GeneratedServers.record(project, result.serverClass(), serverName);
    if (result.upToDate()) {
      getLog().info("OpenAPI MCP sources are up to date (" + result.toolCount() + " tools)");
    } else {
      getLog().info("Generated " + result.toolCount() + " MCP tools; server main class " + result.serverClass());
      String size = "listing every tool takes " + result.toolsListBytes() + " bytes (~"
          + ToolListSize.approxTokens(result.toolsListBytes()) + " tokens), more than a model's context window";
      if (mode == ToolMode.AUTO && result.toolMode() == ToolMode.DYNAMIC) {
        getLog().info("The server starts in discovery mode (--tools dynamic): " + size
            + "; <toolMode>all</toolMode> makes it list every tool");
      } else if (mode == ToolMode.ALL && result.toolsListBytes() > ToolListSize.DISCOVERY_THRESHOLD_BYTES) {
        getLog().warn("The server lists every tool, but " + size
            + "; <toolMode>auto</toolMode> (the default) or dynamic starts it in discovery mode");
      }
    }
  }

  /** The local spec file: {@code specFile}, or the fresh (or cached) download of {@code specUrl}. */
  private Path spec() throws MojoExecutionException {
    boolean hasFile = specFile != null;
    boolean hasUrl = !isBlank(specUrl);
    if (hasFile == hasUrl) {
      throw new MojoExecutionException(hasFile
          ? "Set only one of <specFile> and <specUrl>, not both (specFile " + specFile + ", specUrl " + specUrl + ")"
          : "Set one of <specFile> (a local OpenAPI file) and <specUrl> (an http(s) URL to download it from)");
    }
    if (hasFile) {
      if (!specFile.isFile()) {
        throw new MojoExecutionException("specFile " + specFile + " does not exist or is not a file");
      }
      return specFile.toPath();
    }
    URI url = SpecDownload.parse(specUrl);
    return new SpecDownload(getLog()).fetch(url, specCacheDirectory.toPath(), offline);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
