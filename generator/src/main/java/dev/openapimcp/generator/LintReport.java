package dev.openapimcp.generator;

import dev.openapimcp.model.ToolCatalog;
import java.util.List;

/**
 * What {@link GenerationTool#lint} found in a spec's tools.
 *
 * @param catalog the tools a server built from the spec would serve
 * @param findings errors and warnings, in the order they were found
 * @param size what the tools cost a model's context
 * @param budgetBytes the {@code tools/list} size above which lint warns
 */
public record LintReport(ToolCatalog catalog, List<Finding> findings, ToolListSize size, int budgetBytes) {

  public LintReport {
    findings = List.copyOf(findings);
  }

  /** How many findings are errors. */
  public long errors() {
    return findings.stream().filter(finding -> finding.severity() == Finding.Severity.ERROR).count();
  }

  /** How many findings are warnings. */
  public long warnings() {
    return findings.size() - errors();
  }
}
