package dev.openapimcp.generator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tools' schemas against 2020-12, each definition checked once however many tools reach it. */
class SchemaCheckTest {

  private static final String OBJECT = "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/X\"}}}";
  private static final SchemaParts FINE = new SchemaParts("{\"type\":\"string\"}", List.of());
  /** Not 2020-12: {@code type} must be a string or an array of them. */
  private static final SchemaParts BROKEN = new SchemaParts("{\"type\":7}", List.of());

  @Test
  void aBrokenDefinitionBesideOnesAnEarlierToolReachedIsStillFound() {
    Map<String, SchemaParts> definitions = Map.of(
        "X", new SchemaParts("{\"$ref\":\"#/$defs/Y\"}", List.of("Y")),
        "Y", FINE,
        "Z", BROKEN,
        "W", new SchemaParts("{\"$ref\":\"#/$defs/X\"}", List.of("X", "Z")));
    SchemaCheck check = new SchemaCheck();

    assertThat(check.problem(new SchemaParts(OBJECT, List.of("X")), definitions::get, "input")).isEmpty();
    assertThat(check.problem(new SchemaParts(OBJECT, List.of("X", "Y")), definitions::get, "input")).isEmpty();
    // Below X all is known to be fine; Z, beside it and below W, is not.
    assertThat(check.problem(new SchemaParts(OBJECT, List.of("X", "Z")), definitions::get, "input"))
        .hasValueSatisfying(problem -> assertThat(problem).contains("$defs/Z"));
    assertThat(check.problem(new SchemaParts(OBJECT, List.of("W")), definitions::get, "input"))
        .hasValueSatisfying(problem -> assertThat(problem).contains("$defs/Z"));
  }

  @Test
  void aBrokenDefinitionDeepBelowIsFoundThroughACycle() {
    Map<String, SchemaParts> definitions = Map.of(
        "X", new SchemaParts("{\"$ref\":\"#/$defs/Y\"}", List.of("Y")),
        "Y", new SchemaParts("{\"$ref\":\"#/$defs/X\"}", List.of("X", "Z")),
        "Z", BROKEN);
    SchemaCheck check = new SchemaCheck();

    assertThat(check.problem(new SchemaParts(OBJECT, List.of("X")), definitions::get, "input"))
        .hasValueSatisfying(problem -> assertThat(problem).contains("$defs/Z"));
    // Asked again, X is not taken for fine: its walk found Z.
    assertThat(check.problem(new SchemaParts(OBJECT, List.of("X")), definitions::get, "output"))
        .hasValueSatisfying(problem -> assertThat(problem).contains("$defs/Z"));
  }

  @Test
  void rootsCheckedOnEveryCoreFirstGiveTheAnswersOfOneByOne() {
    List<String> roots = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      roots.add(i % 7 == 3 ? "{\"type\":\"object\",\"minProperties\":\"" + i + "\"}"
          : "{\"type\":\"object\",\"description\":\"tool " + i + "\"}");
    }
    SchemaCheck parallel = new SchemaCheck();
    parallel.checkRoots(roots, "input");
    SchemaCheck oneByOne = new SchemaCheck();
    for (String root : roots) {
      Optional<String> expected = oneByOne.problem(new SchemaParts(root, List.of()), Map.<String, SchemaParts>of()::get,
          "input");
      assertThat(parallel.problem(new SchemaParts(root, List.of()), Map.<String, SchemaParts>of()::get, "input"))
          .as(root).isEqualTo(expected);
      assertThat(expected.isPresent()).as(root).isEqualTo(root.contains("minProperties"));
    }
  }
}
