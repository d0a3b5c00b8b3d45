package dev.openapimcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.ParseResult;

/**
 * Help examples are never broken in the middle of an argument (issue 12.4: picocli wrapped
 * {@code '{"petId":"1"}'} and {@code src/generated/java} onto the next line): every help line fits
 * 80 columns, a long example continues with a backslash as a shell reads it, and every example is a
 * command line this program accepts.
 */
class HelpExamplesTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "generate", "serve", "tools", "call", "lint"})
  void examplesFitEightyColumnsAndAreValidCommandLines(String command) {
    Cli.Result help = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
    assertThat(help.exitCode()).isZero();
    List<String> lines = help.out().lines().toList();
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));

    List<String> examples = examples(lines);
    assertThat(examples).isNotEmpty();
    for (String example : examples) {
      List<String> words = words(example);
      while (words.get(0).matches("[A-Z_]+=.*")) {
        words.remove(0);
      }
      assertThat(words.get(0)).as(example).isEqualTo("openapi-mcp");
      ParseResult parsed = OpenApiMcp.commandLine(Map.of()).parseArgs(words.subList(1, words.size())
          .toArray(String[]::new));
      assertThat(parsed.hasSubcommand()).as(example).isTrue();
      if (!command.isEmpty()) {
        assertThat(parsed.subcommand().commandSpec().name()).as(example).isEqualTo(command);
      }
    }
  }

  /** The lines under "Example(s):" up to the next blank line, continuation lines joined. */
  private static List<String> examples(List<String> lines) {
    List<String> examples = new ArrayList<>();
    int start = lines.indexOf(lines.stream().filter(line -> line.startsWith("Example")).findFirst().orElseThrow());
    StringBuilder current = new StringBuilder();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.isBlank()) {
        break;
      }
      if (line.endsWith(" \\")) {
        current.append(line, 0, line.length() - 2).append(' ');
        continue;
      }
      examples.add(current.append(line).toString().strip());
      current.setLength(0);
    }
    assertThat(current).as("an example ends in a continuation").isEmpty();
    return examples;
  }

  /** The words a POSIX shell makes of {@code line}: quotes removed, a redirection dropped. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    assertThat((int) quote).as("unclosed quote in " + line).isZero();
    if (inWord) {
      words.add(word.toString());
    }
    int redirect = words.indexOf(">");
    return new ArrayList<>(redirect < 0 ? words : words.subList(0, redirect));
  }
}
