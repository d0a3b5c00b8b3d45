package dev.openapimcp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openapimcp.generator.Finding;
import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.generator.GenerationTool;
import dev.openapimcp.generator.LintReport;
import dev.openapimcp.generator.ToolListSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code lint PATH...}: many specs in one process, for CI and for sweeping a corpus. Specs are
 * linted one at a time and nothing of one is kept once its line is printed, so the heap holds one
 * spec at a time; a spec that cannot be read, that the generator fails on, or that does not fit in
 * the heap gets an error line and the run goes on.
 */
final class BatchLint {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC = "(spec)";

  private final LintCommand command;
  private final SpecOptions options;
  private final int budgetBytes;
  private final boolean json;

  BatchLint(LintCommand command, SpecOptions options, int budgetBytes, boolean json) {
    this.command = command;
    this.options = options;
    this.budgetBytes = budgetBytes;
    this.json = json;
  }

  /**
   * What lint found in one spec.
   *
   * @param toolsListBytes the size of its tools/list, or -1 when it could not be linted
   */
  record Outcome(Path spec, int tools, int toolsListBytes, List<Finding> findings) {

    long errors() {
      return findings.stream().filter(finding -> finding.severity() == Finding.Severity.ERROR).count();
    }
  }

  /** Lints the specs of {@code paths}; exit code 3 when any has an error. */
  int run(List<Path> paths) throws IOException {
    // The options are the same for every spec: a bad filter pattern is a usage error, said once.
    options.config("-").build();
    long start = System.nanoTime();
    SpecFinder.Found found = SpecFinder.find(paths);
    Totals totals = new Totals();
    for (Path file : found.specs()) {
      Outcome outcome = lint(file);
      totals.add(outcome);
      print(outcome);
    }
    PrintWriter summary = json ? command.err() : command.out();
    summary.println(totals.summary(found.skipped(), (System.nanoTime() - start) / 1_000_000));
    summary.flush();
    return totals.withErrors > 0 ? OpenApiMcp.EXIT_LINT_ERRORS : OpenApiMcp.EXIT_OK;
  }

  private Outcome lint(Path file) {
    String location = file.toString();
    try {
      LintReport report = GenerationTool.lint(options.config(location).build(), budgetBytes);
      return new Outcome(file, report.catalog().tools().size(), report.size().listBytes(), report.findings());
    } catch (GenerationException e) {
      return failed(file, command.describe(e, location));
    } catch (RuntimeException e) {
      return failed(file, location + ": the generator failed on it: " + OpenApiMcp.describe(e));
    } catch (OutOfMemoryError e) {
      // What the failed attempt held is unreachable once this returns, so the next spec has the heap again.
      return failed(file, location + ": too large to lint in a heap of " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB (raise it with java -Xmx)");
    } catch (StackOverflowError e) {
      return failed(file, location + ": nested too deeply to lint (the stack overflowed; raise it with java -Xss)");
    }
  }

  private static Outcome failed(Path file, String message) {
    return new Outcome(file, 0, -1, List.of(Finding.error(SPEC, message)));
  }

  private void print(Outcome outcome) {
    PrintWriter out = command.out();
    if (json) {
      ObjectNode line = JSON.createObjectNode().put("spec", outcome.spec().toString()).put("tools", outcome.tools());
      if (outcome.toolsListBytes() >= 0) {
        line.put("toolsListBytes", outcome.toolsListBytes());
      } else {
        line.putNull("toolsListBytes");
      }
      ArrayNode errors = line.putArray("errors");
      ArrayNode warnings = line.putArray("warnings");
      for (Finding finding : outcome.findings()) {
        (finding.severity() == Finding.Severity.ERROR ? errors : warnings).addObject()
            .put("subject", finding.subject()).put("message", finding.message());
      }
      out.println(line);
    } else {
      for (Finding finding : outcome.findings()) {
        out.printf("%s: %-7s %s: %s%n", outcome.spec(), finding.severity().label(), finding.subject(),
            finding.message());
      }
      long errors = outcome.errors();
      String summary = outcome.toolsListBytes() < 0 ? "could not be linted"
          : outcome.tools() + " tools: " + LintCommand.count(errors, "error") + ", "
              + LintCommand.count(outcome.findings().size() - errors, "warning") + "; tools/list is "
              + outcome.toolsListBytes() + " bytes (~" + ToolListSize.approxTokens(outcome.toolsListBytes())
              + " tokens)";
      out.println(outcome.spec() + ": " + summary + ".");
    }
    out.flush();
  }

  /** The run's totals, for its last line. */
  private static final class Totals {
    int specs;
    int withErrors;
    int unreadable;
    int withWarningsOnly;
    long tools;
    int tooLarge;

    void add(Outcome outcome) {
      specs++;
      long errors = outcome.errors();
      if (outcome.toolsListBytes() < 0) {
        unreadable++;
      }
      if (errors > 0) {
        withErrors++;
      } else if (!outcome.findings().isEmpty()) {
        withWarningsOnly++;
      }
      tools += outcome.tools();
      if (outcome.toolsListBytes() > ToolListSize.DISCOVERY_THRESHOLD_BYTES) {
        tooLarge++;
      }
    }

    String summary(int skipped, long millis) {
      return "Linted " + specs + " spec" + (specs == 1 ? "" : "s") + " in " + String.format("%.1f", millis / 1000.0)
          + " s: " + withErrors + " with errors (" + unreadable + " could not be linted), " + withWarningsOnly
          + " with warnings only, " + (specs - withErrors - withWarningsOnly) + " clean; " + tools + " tools; "
          + tooLarge + " too large for a model's context (over ~" + ToolListSize.DISCOVERY_THRESHOLD_TOKENS
          + " tokens); " + skipped + " file" + (skipped == 1 ? "" : "s") + " skipped (not OpenAPI documents).";
    }
  }
}
