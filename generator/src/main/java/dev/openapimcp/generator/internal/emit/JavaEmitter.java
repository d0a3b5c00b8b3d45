package dev.openapimcp.generator.internal.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.openapimcp.generator.internal.model.ConvertedApi;
import dev.openapimcp.generator.internal.model.ConvertedApi.ConvertedTool;
import dev.openapimcp.runtime.tool.Argument;
import dev.openapimcp.runtime.tool.ArgumentLocation;
import dev.openapimcp.runtime.tool.Credential;
import dev.openapimcp.runtime.tool.HttpBinding;
import dev.openapimcp.runtime.tool.ParameterStyle;
import dev.openapimcp.runtime.tool.ToolCatalog;
import dev.openapimcp.runtime.tool.ToolDefinition;
import dev.openapimcp.runtime.tool.ToolHints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes a converted API as Java: one class per tag holding one method per tool, a catalog class
 * listing them all, and a runnable server class.
 */
public final class JavaEmitter {

  /** Tools per class: keeps each class far below the JVM's constant-pool and method-size limits. */
  static final int TOOLS_PER_CLASS = 100;
  /** javac rejects string constants over 65,535 UTF-8 bytes; longer text is joined at run time. */
  private static final int MAX_LITERAL_BYTES = 60_000;
  private static final int CHUNK_CHARS = 16_000;

  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName SERVER_COMMAND = ClassName.get("dev.openapimcp.runtime.server", "ServerCommand");

  private final String packageName;
  private final String generatorName;

  /**
   * @param packageName package of the generated classes
   * @param generatorName value of the {@code @Generated} annotation (no version or date: output
   *     must not change between generator builds that produce the same code)
   */
  public JavaEmitter(String packageName, String generatorName) {
    this.packageName = packageName;
    this.generatorName = generatorName;
  }

  /** The generated sources, in a stable order, for a server that lists one tool per operation. */
  public List<JavaFile> emit(ConvertedApi api, String specName) {
    return emit(api, specName, false, List.of());
  }

  /**
   * The generated sources, in a stable order.
   *
   * @param dynamicTools whether the server starts in discovery mode unless told {@code --tools all}
   * @param exposedTools the tools it then lists beside the three discovery tools
   */
  public List<JavaFile> emit(ConvertedApi api, String specName, boolean dynamicTools, List<String> exposedTools) {
    String apiType = JavaNames.type(api.apiName());
    ClassName catalogClass = ClassName.get(packageName, apiType + "Tools");
    ClassName serverClass = ClassName.get(packageName, apiType + "Server");

    Set<String> typeNames = new HashSet<>(Set.of(catalogClass.simpleName(), serverClass.simpleName()));
    Map<String, List<ConvertedTool>> groups = groups(api.tools(), apiType, typeNames);

    List<JavaFile> files = new ArrayList<>();
    List<CodeBlock> toolCalls = new ArrayList<>();
    Map<String, CodeBlock> callByTool = new LinkedHashMap<>();
    for (Map.Entry<String, List<ConvertedTool>> group : groups.entrySet()) {
      ClassName groupClass = ClassName.get(packageName, group.getKey());
      TypeSpec.Builder type = TypeSpec.classBuilder(groupClass)
          .addModifiers(Modifier.FINAL)
          .addAnnotation(generated())
          .addJavadoc("Tools of the $L API generated from {@code $L}; see {@link $T}.\n", api.apiName(), specName,
              catalogClass)
          .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
      Set<String> methodNames = new HashSet<>();
      for (ConvertedTool tool : group.getValue()) {
        String words = tool.operationId() != null ? tool.operationId() : tool.definition().name();
        String methodName = JavaNames.unique(JavaNames.method(words), methodNames);
        type.addMethod(toolMethod(tool, methodName));
        callByTool.put(tool.definition().name(), CodeBlock.of("$T.$N()", groupClass, methodName));
      }
      files.add(javaFile(type.build()));
    }
    for (ConvertedTool tool : api.tools()) {
      toolCalls.add(callByTool.get(tool.definition().name()));
    }
    files.add(0, javaFile(catalogType(api, catalogClass, specName, toolCalls)));
    files.add(1, javaFile(serverType(api, catalogClass, serverClass, dynamicTools, exposedTools)));
    return files;
  }

  /** Tools grouped by first tag, in first-seen order; big tags are split into numbered classes. */
  private static Map<String, List<ConvertedTool>> groups(List<ConvertedTool> tools, String apiType,
      Set<String> typeNames) {
    Map<String, List<ConvertedTool>> byTag = new LinkedHashMap<>();
    for (ConvertedTool tool : tools) {
      byTag.computeIfAbsent(tool.tag() == null ? "Other" : tool.tag(), k -> new ArrayList<>()).add(tool);
    }
    Map<String, List<ConvertedTool>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, List<ConvertedTool>> tag : byTag.entrySet()) {
      List<ConvertedTool> members = tag.getValue();
      String base = apiType + JavaNames.type(tag.getKey()) + "Tools";
      for (int start = 0; start < members.size(); start += TOOLS_PER_CLASS) {
        String name = JavaNames.unique(start == 0 ? base : base + (start / TOOLS_PER_CLASS + 1), typeNames);
        groups.put(name, members.subList(start, Math.min(members.size(), start + TOOLS_PER_CLASS)));
      }
    }
    return groups;
  }

  private TypeSpec catalogType(ConvertedApi api, ClassName catalogClass, String specName, List<CodeBlock> calls) {
    ToolCatalog catalog = api.catalog();
    CodeBlock.Builder body = CodeBlock.builder()
        .add("return new $T(\n", ToolCatalog.class).indent().indent()
        .add("$S,\n$S,\n$S,\n", catalog.serverName(), catalog.serverVersion(), catalog.baseUrl())
        .add("$L,\n", catalog.tokenVariable() == null ? "null" : CodeBlock.of("$S", catalog.tokenVariable()))
        .add("$T.of(", LIST).indent().indent();
    for (int i = 0; i < calls.size(); i++) {
      body.add("\n$L$L", calls.get(i), i + 1 < calls.size() ? "," : "");
    }
    body.add(")").unindent().unindent();
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
        .addJavadoc("Every tool of the $L API, in the order of the spec.\n", api.apiName())
        .addCode(body.build())
        .build();
    return TypeSpec.classBuilder(catalogClass)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(generated())
        .addJavadoc("The $L MCP tools, generated from {@code $L}: $L tools.\n", api.apiName(), specName,
            api.tools().size())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(catalogMethod)
        .build();
  }

  private TypeSpec serverType(ConvertedApi api, ClassName catalogClass, ClassName serverClass, boolean dynamicTools,
      List<String> exposedTools) {
    // The server's own defaults, which its command line can override.
    List<CodeBlock> defaults = new ArrayList<>();
    StringBuilder notes = new StringBuilder();
    if (api.rateLimit() > 0) {
      defaults.add(CodeBlock.of("defaultRateLimit($L)", Double.toString(api.rateLimit())));
      notes.append(" At most ").append(api.rateLimit()).append(" requests per second, as the API documents.");
    }
    if (dynamicTools) {
      defaults.add(CodeBlock.of("defaultDiscovery($T.of($L))", List.class,
          exposedTools.stream().map(name -> CodeBlock.of("$S", name)).collect(CodeBlock.joining(", "))));
      notes.append(" Lists search, describe and invoke tools for the operations (--tools all lists every tool).");
    }
    MethodSpec main = MethodSpec.methodBuilder("main")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addParameter(String[].class, "args")
        .addStatement(defaults.isEmpty()
            ? CodeBlock.of("System.exit($T.run($T.catalog(), args))", SERVER_COMMAND, catalogClass)
            : CodeBlock.of("System.exit($T.run($T.catalog(), server -> server.$L, args))", SERVER_COMMAND,
                catalogClass, CodeBlock.join(defaults, ".")))
        .build();
    return TypeSpec.classBuilder(serverClass)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(generated())
        .addJavadoc("Runs the $L MCP server; {@code --help} lists its options.$L\n", api.apiName(), notes)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(main)
        .build();
  }

  private MethodSpec toolMethod(ConvertedTool tool, String methodName) {
    ToolDefinition definition = tool.definition();
    CodeBlock.Builder body = CodeBlock.builder()
        .add("return $T.builder($S)\n", ToolDefinition.class, definition.name())
        .indent().indent();
    if (definition.title() != null) {
      body.add(".title($L)\n", literal(definition.title()));
    }
    body.add(".description($L)\n", literal(definition.description()));
    body.add(".hints($L)\n", hints(definition.hints()));
    body.add(".inputSchema($L)\n", literal(definition.inputSchema()));
    if (definition.outputSchema() != null) {
      body.add(".outputSchema($L)\n", literal(definition.outputSchema()));
    }
    body.add(".http($L)\n", http(definition.http()));
    body.add(".build();\n").unindent().unindent();
    return MethodSpec.methodBuilder(methodName)
        .addModifiers(Modifier.STATIC)
        .returns(ToolDefinition.class)
        .addJavadoc("{@code $L $L}\n", tool.method(), tool.path().replace("*/", "*&#47;"))
        .addCode(body.build())
        .build();
  }

  private static CodeBlock http(HttpBinding http) {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.of($S, $S)", HttpBinding.class, http.method(),
        http.pathTemplate()).indent().indent();
    for (Argument argument : http.arguments()) {
      code.add("\n.argument($L)", argument(argument));
    }
    if (http.mediaType() != null) {
      code.add("\n.mediaType($S)", http.mediaType());
    }
    http.fixedHeaders().forEach((name, value) -> code.add("\n.fixedHeader($S, $S)", name, value));
    for (List<String> alternative : http.security()) {
      CodeBlock schemes = alternative.stream().map(s -> CodeBlock.of("$S", s)).collect(CodeBlock.joining(", "));
      code.add("\n.requires($L)", schemes);
    }
    return code.add("\n.build()").unindent().unindent().build();
  }

  private static CodeBlock credential(Credential credential) {
    return switch (credential.kind()) {
      case BEARER -> CodeBlock.of("$T.bearer($S, $S)", Credential.class, credential.scheme(), credential.variable());
      case BASIC -> CodeBlock.of("$T.basic($S, $S, $S)", Credential.class, credential.scheme(), credential.variable(),
          credential.passwordVariable());
      case API_KEY_HEADER -> CodeBlock.of("$T.apiKeyHeader($S, $S, $S)", Credential.class, credential.scheme(),
          credential.parameterName(), credential.variable());
      case API_KEY_QUERY -> CodeBlock.of("$T.apiKeyQuery($S, $S, $S)", Credential.class, credential.scheme(),
          credential.parameterName(), credential.variable());
      case API_KEY_COOKIE -> CodeBlock.of("$T.apiKeyCookie($S, $S, $S)", Credential.class, credential.scheme(),
          credential.parameterName(), credential.variable());
    };
  }

  /** The shortest readable form: the factory for the location's defaults, then adjustments. */
  private static CodeBlock argument(Argument argument) {
    String factory = factory(argument.location());
    Argument plain = factoryResult(argument.location(), argument.wireName());
    CodeBlock.Builder code = CodeBlock.builder().add("$T.$N($S)", Argument.class, factory, argument.wireName());
    if (plain.style() != argument.style() || plain.explode() != argument.explode()) {
      code.add(".styled($T.$N, $L)", ParameterStyle.class, argument.style().name(), argument.explode());
    }
    if (!argument.property().equals(argument.wireName())) {
      code.add(".as($S)", argument.property());
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

  /** A string literal, or a run-time join of several when javac's constant limit would be exceeded. */
  static CodeBlock literal(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_LITERAL_BYTES) {
      return CodeBlock.of("$S", text);
    }
    CodeBlock.Builder code = CodeBlock.builder().add("$T.join(\"\"", STRING).indent().indent();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + CHUNK_CHARS);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      code.add(",\n$S", text.substring(start, end));
      start = end;
    }
    return code.add(")").unindent().unindent().build();
  }

  private AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", generatorName).build();
  }

  private JavaFile javaFile(TypeSpec type) {
    return JavaFile.builder(packageName, type)
        .addFileComment("Generated by openapi-mcp. Do not edit: change the OpenAPI description and rebuild.")
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }
}
