package dev.openapimcp.generator.internal.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.openapimcp.generator.internal.model.SchemaParts;
import dev.openapimcp.model.SharedDefinitions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The definitions the tools of a large API share, each written once: a class {@code <Api>Definitions}
 * that tools ask for their whole schemas ({@code <Api>Definitions.schema(root, "Page", ...)}), filled
 * by numbered classes of at most {@link #CHARS_PER_CLASS} characters of schemas and an estimated
 * {@link #CODE_BYTES_PER_CLASS} bytes of byte code each, so none nears the class file's limits (64 KB
 * of code per method, 65,535 constants per class) or holds javac up.
 */
final class DefinitionClasses {

  static final int CHARS_PER_CLASS = 1_000_000;
  /** Byte code per filling method, at most (the JVM allows 65,535). */
  static final int CODE_BYTES_PER_CLASS = 40_000;
  /** Definitions per class, at most: four constants each and one per name referenced keep far below 65,535. */
  static final int DEFINITIONS_PER_CLASS = 2_000;

  private static final ClassName SHARED = ClassName.get(SharedDefinitions.class);
  private static final String FIELD = "DEFINITIONS";

  private final ClassName holder;
  private final ClassName catalogClass;
  private final List<ClassName> parts = new ArrayList<>();
  private final List<Map<String, SchemaParts>> partDefinitions = new ArrayList<>();
  private final int count;

  DefinitionClasses(String packageName, String apiType, ClassName catalogClass, Set<String> typeNames,
      Map<String, SchemaParts> definitions) {
    this.holder = ClassName.get(packageName, JavaNames.unique(apiType + "Definitions", typeNames));
    this.catalogClass = catalogClass;
    this.count = definitions.size();
    Map<String, SchemaParts> current = new LinkedHashMap<>();
    long chars = 0;
    long code = 0;
    for (Map.Entry<String, SchemaParts> entry : definitions.entrySet()) {
      SchemaParts definition = entry.getValue();
      long defChars = definition.root().length() + entry.getKey().length();
      // ldc name, ldc schema (more when split), the array of names, the call; each name 8 bytes.
      long defCode = 20 + 8L * definition.refs().size() + 8L * (definition.root().length() / 16_000);
      if (!current.isEmpty() && (chars + defChars > CHARS_PER_CLASS || code + defCode > CODE_BYTES_PER_CLASS
          || current.size() >= DEFINITIONS_PER_CLASS)) {
        partDefinitions.add(current);
        current = new LinkedHashMap<>();
        chars = 0;
        code = 0;
      }
      current.put(entry.getKey(), definition);
      chars += defChars;
      code += defCode;
    }
    if (!current.isEmpty()) {
      partDefinitions.add(current);
    }
    for (int i = 0; i < partDefinitions.size(); i++) {
      parts.add(ClassName.get(packageName, JavaNames.unique(holder.simpleName() + (i + 1), typeNames)));
    }
  }

  /** A tool's whole schema: {@code <Api>Definitions.schema(root, refs...)}. */
  CodeBlock schema(SchemaParts schema) {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.schema($L", holder, JavaLiterals.json(schema.root()));
    for (String ref : schema.refs()) {
      code.add(", $L", JavaLiterals.of(ref));
    }
    return code.add(")").build();
  }

  /** The holder, then the classes that fill it. */
  List<TypeSpec> types(AnnotationSpec generated) {
    List<TypeSpec> types = new ArrayList<>();
    CodeBlock.Builder load = CodeBlock.builder()
        .addStatement("$T definitions = new $T($L)", SHARED, SHARED, count);
    for (ClassName part : parts) {
      load.addStatement("$T.addTo(definitions)", part);
    }
    load.addStatement("return definitions");
    types.add(TypeSpec.classBuilder(holder)
        .addModifiers(Modifier.FINAL)
        .addAnnotation(generated)
        .addJavadoc("The schema definitions the tools of {@link $T} share, each written once.\n", catalogClass)
        .addField(FieldSpec.builder(SHARED, FIELD, Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL).initializer("load()").build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("schema")
            .addModifiers(Modifier.STATIC)
            .returns(String.class)
            .addParameter(String.class, "root")
            .addParameter(ParameterSpec.builder(String[].class, "refs").build())
            .varargs(true)
            .addJavadoc("{@code root} with the {@code $$defs} it reaches from the definitions {@code refs}.\n")
            .addStatement("return $N.schema(root, refs)", FIELD)
            .build())
        .addMethod(MethodSpec.methodBuilder("load")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(SHARED)
            .addCode(load.build())
            .build())
        .build());
    for (int i = 0; i < parts.size(); i++) {
      CodeBlock.Builder body = CodeBlock.builder();
      for (Map.Entry<String, SchemaParts> entry : partDefinitions.get(i).entrySet()) {
        body.add("definitions.define($L, $L", JavaLiterals.of(entry.getKey()), JavaLiterals.json(entry.getValue().root()));
        for (String ref : entry.getValue().refs()) {
          body.add(", $L", JavaLiterals.of(ref));
        }
        body.add(");\n");
      }
      types.add(TypeSpec.classBuilder(parts.get(i))
          .addModifiers(Modifier.FINAL)
          .addAnnotation(generated)
          .addJavadoc("Definitions of {@link $T}, part $L of $L.\n", holder, i + 1, parts.size())
          .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
          .addMethod(MethodSpec.methodBuilder("addTo")
              .addModifiers(Modifier.STATIC)
              .addParameter(SHARED, "definitions")
              .addCode(body.build())
              .build())
          .build());
    }
    return types;
  }
}
