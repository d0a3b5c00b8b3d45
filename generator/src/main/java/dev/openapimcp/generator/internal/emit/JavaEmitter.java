package dev.openapimcp.generator.internal.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.openapimcp.generator.internal.model.ConvertedApi;
import dev.openapimcp.generator.internal.model.ConvertedApi.ConvertedTool;
import dev.openapimcp.model.Argument;
import dev.openapimcp.model.ArgumentLocation;
import dev.openapimcp.model.Credential;
import dev.openapimcp.model.HttpBinding;
import dev.openapimcp.model.ParameterStyle;
import dev.openapimcp.model.ToolCatalog;
import dev.openapimcp.model.ToolDefinition;
import dev.openapimcp.model.ToolHints;
import dev.openapimcp.model.ToolMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Writes a converted API as Java: one class per tag holding one method per tool, a catalog class
 * listing them all, and a runnable server class. When the tools' schemas would repeat more than
 * {@link #SHARING_THRESHOLD_CHARS} of definitions between them, each definition is written once
 * instead, into definition classes ({@link DefinitionClasses}), and each tool's schema names the
 * definitions it references; the catalog is the same either way.
 */
public final class JavaEmitter {

  /** Tools per class: keeps each class far below the JVM's constant-pool and method-size limits. */
  static final int TOOLS_PER_CLASS = 100;
  /**
   * Characters of schema text per tool class, at most (a tool whose schema alone is longer has a
   * class of its own): keeps classes far below the constant-pool limit and javac's memory per class.
   */
  static final int CHARS_PER_CLASS = 1_000_000;
  /**
   * Repeated definitions beyond this many characters are shared. Below it each tool's schema is
   * written whole, where a reader sees it at once (Notion: 29 tools, 250 KB of definitions between
   * them); GitHub's description repeats 25 MB, Microsoft Graph beta's 1.2 GB (303 MB of sources
   * before the output schemas were dropped), which javac could not compile in a 2 GB heap.
   */
  static final long SHARING_THRESHOLD_CHARS = 2_000_000;

  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  /** The method of each tool class that puts its tools into the catalog's array. */
  private static final String ADD_TO = "addTo";
  private static final ClassName SERVER_COMMAND = ClassName.get("dev.openapimcp.runtime.server", "ServerCommand");

  private final String packageName;
  private final String generatorName;
  private final long sharingThreshold;

  /**
   * @param packageName package of the generated classes
   * @param generatorName value of the {@code @Generated} annotation (no version or date: output
   *     must not change between generator builds that produce the same code)
   */
  public JavaEmitter(String packageName, String generatorName) {
    this(packageName, generatorName, SHARING_THRESHOLD_CHARS);
  }

  /** For tests: shares definitions once they would repeat more than {@code sharingThreshold} characters. */
  JavaEmitter(String packageName, String generatorName, long sharingThreshold) {
    this.packageName = packageName;
    this.generatorName = generatorName;
    this.sharingThreshold = sharingThreshold;
  }

  /**
   * The generated sources, in a stable order: the catalog class, the server class, then one class
   * per tag group. No text of the spec reaches them except inside string literals written by {@link
   * JavaLiterals}; names are ASCII letters and digits ({@link JavaNames}); comments hold only this
   * generator's words and identifiers.
   *
   * @param specName the spec's file name, for the catalog's Javadoc
   * @param toolMode how the server starts; its {@code --tools} flag can change it
   * @param exposedTools the tools it then lists beside the three discovery tools
   */
  public List<JavaFile> emit(ConvertedApi api, String specName, ToolMode toolMode, List<String> exposedTools) {
    String apiType = JavaNames.type(api.apiName());
    ClassName catalogClass = ClassName.get(packageName, apiType + "Tools");
    ClassName serverClass = ClassName.get(packageName, apiType + "Server");

    Set<String> typeNames = new HashSet<>(Set.of(catalogClass.simpleName(), serverClass.simpleName()));
    DefinitionClasses definitions = repeatedDefinitionChars(api) > sharingThreshold
        ? new DefinitionClasses(packageName, apiType, catalogClass, typeNames, api.definitions()) : null;
    List<Group> groups = groups(api.tools(), apiType, typeNames, definitions != null);
    Map<ConvertedTool, Integer> positions = new IdentityHashMap<>();
    for (ConvertedTool tool : api.tools()) {
      positions.put(tool, positions.size());
    }

    List<JavaFile> files = new ArrayList<>();
    List<ClassName> groupClasses = new ArrayList<>();
    for (Group group : groups) {
      ClassName groupClass = ClassName.get(packageName, group.className());
      groupClasses.add(groupClass);
      files.add(javaFile(groupType(group, groupClass, catalogClass, positions, definitions)));
    }
    if (definitions != null) {
      for (TypeSpec type : definitions.types(generated())) {
        files.add(javaFile(type));
      }
    }
    files.add(0, javaFile(catalogType(api, specName, catalogClass, groupClasses)));
    files.add(1, javaFile(serverType(api, catalogClass, serverClass, toolMode, exposedTools)));
    return files;
  }

  /** Characters of definitions the tools' schemas would hold between them, written whole. */
  private static long repeatedDefinitionChars(ConvertedApi api) {
    long chars = 0;
    for (ConvertedTool tool : api.tools()) {
      ToolDefinition definition = tool.definition();
      chars += definition.inputSchema().length() - tool.input().root().length();
      if (definition.outputSchema() != null) {
        chars += definition.outputSchema().length() - tool.output().root().length();
      }
    }
    return chars;
  }

  /** A class of tools: the tools of one tag (or of none), at most {@link #TOOLS_PER_CLASS}. */
  private record Group(String className, boolean tagged, List<ConvertedTool> tools) {}

  private TypeSpec groupType(Group group, ClassName groupClass, ClassName catalogClass,
      Map<ConvertedTool, Integer> positions, DefinitionClasses definitions) {
    TypeSpec.Builder type = TypeSpec.classBuilder(groupClass)
        .addModifiers(Modifier.FINAL)
        .addAnnotation(generated())
        .addJavadoc(group.tagged()
            ? "Tools of {@link $T} whose operations have the same first tag.\n"
            : "Tools of {@link $T} whose operations have no tag.\n", catalogClass)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    // addTo is this class's own method; no tool method may take its name.
    Set<String> methodNames = new HashSet<>(Set.of(ADD_TO));
    CodeBlock.Builder placing = CodeBlock.builder();
    List<MethodSpec> toolMethods = new ArrayList<>();
    for (ConvertedTool tool : group.tools()) {
      String words = tool.operationId() != null ? tool.operationId() : tool.definition().name();
      String methodName = JavaNames.unique(JavaNames.method(words), methodNames);
      toolMethods.add(toolMethod(tool, methodName, definitions));
      placing.addStatement("tools[$L] = $N()", positions.get(tool), methodName);
    }
    type.addMethod(MethodSpec.methodBuilder(ADD_TO)
        .addModifiers(Modifier.STATIC)
        .addParameter(ArrayTypeName.of(ToolDefinition.class), "tools")
        .addJavadoc("Puts these tools into {@code tools} at their places in the spec's order.\n")
        .addCode(placing.build())
        .build());
    return type.addMethods(toolMethods).build();
  }

  /**
   * Tools grouped by first tag, in first-seen order; big tags are split into numbered classes of at
   * most {@link #TOOLS_PER_CLASS} tools and {@link #CHARS_PER_CLASS} characters of schemas.
   */
  private static List<Group> groups(List<ConvertedTool> tools, String apiType, Set<String> typeNames,
      boolean shared) {
    Map<String, List<ConvertedTool>> byTag = new LinkedHashMap<>();
    for (ConvertedTool tool : tools) {
      byTag.computeIfAbsent(tool.tag(), k -> new ArrayList<>()).add(tool);
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, List<ConvertedTool>> tag : byTag.entrySet()) {
      List<ConvertedTool> members = tag.getValue();
      String base = apiType + JavaNames.type(tag.getKey() == null ? "Other" : tag.getKey()) + "Tools";
      int start = 0;
      for (int part = 1; start < members.size(); part++) {
        int end = start;
        long chars = 0;
        while (end < members.size() && end - start < TOOLS_PER_CLASS) {
          long toolChars = schemaChars(members.get(end), shared);
          if (end > start && chars + toolChars > CHARS_PER_CLASS) {
            break;
          }
          chars += toolChars;
          end++;
        }
        String name = JavaNames.unique(start == 0 ? base : base + part, typeNames);
        groups.add(new Group(name, tag.getKey() != null, members.subList(start, end)));
        start = end;
      }
    }
    return groups;
  }

  /** Characters of text a tool's method holds, about: its schemas as written and its description. */
  private static long schemaChars(ConvertedTool tool, boolean shared) {
    ToolDefinition definition = tool.definition();
    long chars = definition.description().length();
    if (shared) {
      chars += tool.input().root().length() + (tool.output() == null ? 0 : tool.output().root().length());
    } else {
      chars += definition.inputSchema().length()
          + (definition.outputSchema() == null ? 0 : definition.outputSchema().length());
    }
    return chars;
  }

  /**
   * The catalog: an array the group classes fill in the spec's order. It names classes, not each
   * tool's method, so no class of it nears the JVM's limits however many operations the spec has
   * (one method per tool here overflowed the 64 KB method limit past about 8,190 operations).
   */
  private TypeSpec catalogType(ConvertedApi api, String specName, ClassName catalogClass,
      List<ClassName> groupClasses) {
    // The file name is the user's, not the spec's, but is still only written when it is plainly a
    // file name: nothing in it can then be read as anything but text.
    String specNote = specName != null && SAFE_FILE_NAME.matcher(specName).matches()
        ? "{@code " + specName + "}" : "its OpenAPI description";
    ToolCatalog catalog = api.catalog();
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T[] tools = new $T[$L]", ToolDefinition.class, ToolDefinition.class, api.tools().size());
    for (ClassName group : groupClasses) {
      body.addStatement("$T.$N(tools)", group, ADD_TO);
    }
    body.add("return new $T(\n", ToolCatalog.class).indent().indent()
        .add("$L,\n$L,\n$L,\n$L,\n", JavaLiterals.of(catalog.serverName()), JavaLiterals.of(catalog.serverVersion()),
            JavaLiterals.of(catalog.baseUrl()), JavaLiterals.of(catalog.tokenVariable()))
        .add("$T.of(tools)", LIST);
    if (!catalog.credentials().isEmpty()) {
      body.add(",\n$T.of(", LIST).indent().indent();
      List<Credential> credentials = catalog.credentials();
      for (int i = 0; i < credentials.size(); i++) {
        body.add("\n$L$L", credential(credentials.get(i)), i + 1 < credentials.size() ? "," : "");
      }
      body.add(")").unindent().unindent();
    }
    body.add(");\n").unindent().unindent();
    MethodSpec catalogMethod = MethodSpec.methodBuilder("catalog")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ToolCatalog.class)
        .addJavadoc("Every tool of the API, in the order of the spec.\n")
        .addCode(body.build())
        .build();
    return TypeSpec.classBuilder(catalogClass)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(generated())
        .addJavadoc("The $L MCP tools, generated from $L: $L tools.\n", catalogClass.simpleName()
            .substring(0, catalogClass.simpleName().length() - "Tools".length()), specNote, api.tools().size())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(catalogMethod)
        .build();
  }

  private TypeSpec serverType(ConvertedApi api, ClassName catalogClass, ClassName serverClass, ToolMode toolMode,
      List<String> exposedTools) {
    // The server's own settings, applied before its command line, which can override each of them.
    List<CodeBlock> defaults = new ArrayList<>();
    StringBuilder notes = new StringBuilder();
    if (api.rateLimit() > 0) {
      // A number, never text: the converter accepts only finite rates, whose Double.toString is a
      // Java literal (1e999 would have been "Infinity", which does not compile).
      String rate = Double.toString(api.rateLimit());
      defaults.add(CodeBlock.of("rateLimit($L)", rate));
      notes.append(" At most ").append(rate).append(" requests per second, as the API documents.");
    }
    if (api.instructions() != null) {
      defaults.add(CodeBlock.of("instructions($S)", api.instructions()));
      notes.append(" Tells clients how to use the API, as its spec says.");
    }
    if (api.notFoundHint() != null) {
      defaults.add(CodeBlock.of("notFoundHint($S)", api.notFoundHint()));
    }
    if (toolMode == ToolMode.DYNAMIC) {
      defaults.add(CodeBlock.of("toolMode($T.DYNAMIC)", ToolMode.class));
      if (!exposedTools.isEmpty()) {
        defaults.add(CodeBlock.of("exposedTools($T.of($L))", List.class,
            exposedTools.stream().map(JavaLiterals::of).collect(CodeBlock.joining(", "))));
      }
      notes.append(" Lists search, describe and invoke tools for the operations (--tools all lists every tool).");
    }
    MethodSpec main = MethodSpec.methodBuilder("main")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addParameter(String[].class, "args")
        .addStatement(defaults.isEmpty()
            ? CodeBlock.of("System.exit($T.run($T.catalog(), args))", SERVER_COMMAND, catalogClass)
            : CodeBlock.of("System.exit($T.run($T.catalog(), settings -> settings.$L, args))", SERVER_COMMAND,
                catalogClass, CodeBlock.join(defaults, ".")))
        .build();
    return TypeSpec.classBuilder(serverClass)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(generated())
        .addJavadoc("Runs the MCP server of {@link $T}; {@code --help} lists its options.$L\n", catalogClass, notes)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(main)
        .build();
  }

  private MethodSpec toolMethod(ConvertedTool tool, String methodName, DefinitionClasses definitions) {
    ToolDefinition definition = tool.definition();
    CodeBlock.Builder body = CodeBlock.builder()
        .add("return $T.builder($L)\n", ToolDefinition.class, JavaLiterals.of(definition.name()))
        .indent().indent();
    if (definition.title() != null) {
      body.add(".title($L)\n", JavaLiterals.of(definition.title()));
    }
    body.add(".description($L)\n", JavaLiterals.of(definition.description()));
    body.add(".hints($L)\n", hints(definition.hints()));
    if (definitions != null) {
      body.add(".inputSchema($L)\n", definitions.schema(tool.input()));
      if (definition.outputSchema() != null) {
        body.add(".outputSchema($L)\n", definitions.schema(tool.output()));
      }
    } else {
      body.add(".inputSchema($L)\n", JavaLiterals.json(definition.inputSchema()));
      if (definition.outputSchema() != null) {
        body.add(".outputSchema($L)\n", JavaLiterals.json(definition.outputSchema()));
      }
    }
    body.add(".http($L)\n", http(definition.http()));
    if (definition.resource() != null) {
      body.add(".resource($L, $L)\n", JavaLiterals.of(definition.resource().uri()),
          JavaLiterals.of(definition.resource().mimeType()));
    }
    body.add(".build();\n").unindent().unindent();
    // No Javadoc: it could only repeat spec text (the path), and the code below shows it.
    return MethodSpec.methodBuilder(methodName)
        .addModifiers(Modifier.STATIC)
        .returns(ToolDefinition.class)
        .addCode(body.build())
        .build();
  }

  private static CodeBlock http(HttpBinding http) {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.of($L, $L)", HttpBinding.class,
        JavaLiterals.of(http.method()), JavaLiterals.of(http.pathTemplate())).indent().indent();
    for (Argument argument : http.arguments()) {
      code.add("\n.argument($L)", argument(argument));
    }
    if (http.mediaType() != null) {
      code.add("\n.mediaType($L)", JavaLiterals.of(http.mediaType()));
    }
    http.fixedHeaders().forEach((name, value) ->
        code.add("\n.fixedHeader($L, $L)", JavaLiterals.of(name), JavaLiterals.of(value)));
    for (List<String> alternative : http.security()) {
      CodeBlock schemes = alternative.stream().map(JavaLiterals::of).collect(CodeBlock.joining(", "));
      code.add("\n.requires($L)", schemes);
    }
    return code.add("\n.build()").unindent().unindent().build();
  }

  private static CodeBlock credential(Credential credential) {
    String factory = switch (credential.kind()) {
      case BEARER -> "bearer";
      case BASIC -> "basic";
      case API_KEY_HEADER -> "apiKeyHeader";
      case API_KEY_QUERY -> "apiKeyQuery";
      case API_KEY_COOKIE -> "apiKeyCookie";
    };
    List<String> arguments = switch (credential.kind()) {
      case BEARER -> List.of(credential.scheme(), credential.variable());
      case BASIC -> List.of(credential.scheme(), credential.variable(), credential.passwordVariable());
      default -> List.of(credential.scheme(), credential.parameterName(), credential.variable());
    };
    return CodeBlock.of("$T.$N($L)", Credential.class, factory,
        arguments.stream().map(JavaLiterals::of).collect(CodeBlock.joining(", ")));
  }

  /** The shortest readable form: the factory for the location's defaults, then adjustments. */
  private static CodeBlock argument(Argument argument) {
    String factory = factory(argument.location());
    Argument plain = factoryResult(argument.location(), argument.wireName());
    CodeBlock.Builder code = CodeBlock.builder().add("$T.$N($L)", Argument.class, factory,
        JavaLiterals.of(argument.wireName()));
    if (plain.style() != argument.style() || plain.explode() != argument.explode()) {
      code.add(".styled($T.$N, $L)", ParameterStyle.class, argument.style().name(), argument.explode());
    }
    if (!argument.property().equals(argument.wireName())) {
      code.add(".as($L)", JavaLiterals.of(argument.property()));
    }
    return code.build();
  }

  private static String factory(ArgumentLocation location) {
    switch (location) {
      case PATH:
        return "path";
      case QUERY:
        return "query";
      case HEADER:
        return "header";
      case COOKIE:
        return "cookie";
      case BODY_PROPERTY:
        return "bodyProperty";
      default:
        return "body";
    }
  }

  private static Argument factoryResult(ArgumentLocation location, String name) {
    switch (location) {
      case PATH:
        return Argument.path(name);
      case QUERY:
        return Argument.query(name);
      case HEADER:
        return Argument.header(name);
      case COOKIE:
        return Argument.cookie(name);
      case BODY_PROPERTY:
        return Argument.bodyProperty(name);
      default:
        return Argument.body(name);
    }
  }

  private static CodeBlock hints(ToolHints hints) {
    for (String factory : List.of("readOnly", "writes", "idempotentWrite", "destructive")) {
      if (hints.equals(namedHints(factory))) {
        return CodeBlock.of("$T.$N()", ToolHints.class, factory);
      }
    }
    if (hints.equals(ToolHints.NONE)) {
      return CodeBlock.of("$T.NONE", ToolHints.class);
    }
    return CodeBlock.of("new $T($L, $L, $L, $L)", ToolHints.class, hints.readOnlyHint(), hints.destructiveHint(),
        hints.idempotentHint(), hints.openWorldHint());
  }

  private static ToolHints namedHints(String factory) {
    switch (factory) {
      case "readOnly":
        return ToolHints.readOnly();
      case "writes":
        return ToolHints.writes();
      case "idempotentWrite":
        return ToolHints.idempotentWrite();
      default:
        return ToolHints.destructive();
    }
  }

  AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$L", JavaLiterals.of(generatorName)).build();
  }

  private JavaFile javaFile(TypeSpec type) {
    return JavaFile.builder(packageName, type)
        .addFileComment("Generated by openapi-mcp. Do not edit: change the OpenAPI description and rebuild.")
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }
}
