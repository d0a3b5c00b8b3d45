package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.model.ToolMode;
import dev.openapimcp.runtime.settings.ServerSettings;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flags that bound calls: rate limit, timeouts, answer sizes and the upload directory. */
class CallLimitFlagsTest {

  private final ServerCommandRun command = new ServerCommandRun();

  /** Runs over stdio with an input that ends at once, so a valid command line exits 0. */
  private int run(Consumer<ServerSettings.Builder> defaults, String... args) {
    return command.run(defaults, ServerCommandRun.NO_API, args);
  }

  private int run(String... args) {
    return run(builder -> {}, args);
  }

  /** The settings the server started with: its own values on the builder it was given, then the flags. */
  private static ServerSettings settings(AtomicReference<ServerSettings.Builder> seen) {
    return seen.get().build();
  }

  /** The tools listed beside the discovery tools, or {@code null} when every tool is listed. */
  private static Set<String> discovery(AtomicReference<ServerSettings.Builder> seen) {
    ServerSettings settings = settings(seen);
    return settings.toolMode() == ToolMode.ALL ? null : new LinkedHashSet<>(settings.exposedTools());
  }

  @Test
  void helpListsTheFlagsWithTheirDefaults() {
    assertThat(run("--help")).isZero();

    assertThat(command.out())
        .contains("--rate-limit=<per second>", "--connect-timeout=<seconds>", "--request-timeout=<seconds>")
        .contains("--max-text-bytes=<bytes>", "--max-binary-bytes=<bytes>", "--upload-root=<directory>")
        .contains("(default: 10)", "(default: 60)", "(default: 1048576, 1 MB)", "(default: 5242880, 5 MB)");
  }

  @Test
  void validValuesAreAccepted(@TempDir Path uploads) {
    int code = run("--rate-limit", "2.5", "--connect-timeout", "0.5", "--request-timeout", "120",
        "--max-text-bytes", "2048", "--max-binary-bytes", "1", "--upload-root", uploads.toString());

    assertThat(code).as(command.err()).isZero();
    assertThat(command.out()).isEmpty();
  }

  @Test
  void theFlagOverridesTheServersDefaultRateLimitWhichOverridesNone() {
    AtomicReference<ServerSettings.Builder> seen = new AtomicReference<>();
    Consumer<ServerSettings.Builder> notionLike = builder -> seen.set(builder.rateLimit(3));

    assertThat(run(notionLike)).isZero();
    assertThat(settings(seen).rateLimit()).isEqualTo(3);

    assertThat(run(notionLike, "--rate-limit", "0")).isZero();
    assertThat(settings(seen).rateLimit()).isZero();

    assertThat(run(seen::set)).isZero();
    assertThat(settings(seen).rateLimit()).isZero();
  }

  @Test
  void aServerGeneratedForDynamicToolsKeepsThatUnlessTheFlagsSayOtherwise() {
    AtomicReference<ServerSettings.Builder> seen = new AtomicReference<>();
    Consumer<ServerSettings.Builder> dynamic =
        builder -> seen.set(builder.toolMode(ToolMode.DYNAMIC).exposedTools(List.of("get-item")));

    assertThat(run(dynamic)).isZero();
    assertThat(discovery(seen)).containsExactly("get-item");

    assertThat(run(dynamic, "--tools", "all")).isZero();
    assertThat(discovery(seen)).isNull();

    assertThat(run(dynamic, "--tools", "dynamic")).isZero();
    assertThat(discovery(seen)).containsExactly("get-item");

    // --expose replaces the server's own set, with or without --tools dynamic.
    assertThat(run(dynamic, "--expose", "search,create-item")).isZero();
    assertThat(discovery(seen)).containsExactly("search", "create-item");

    assertThat(run(dynamic, "--tools", "all", "--expose", "search")).isEqualTo(2);
    assertThat(command.err()).contains("--expose needs --tools dynamic");

    // A server generated for all tools: dynamic only when asked.
    assertThat(run(seen::set)).isZero();
    assertThat(discovery(seen)).isNull();
    assertThat(run(seen::set, "--tools", "dynamic")).isZero();
    assertThat(discovery(seen)).isEmpty();
  }

  @Test
  void outOfRangeValuesAreUsageErrorsNamingTheFlag() {
    assertThat(run("--rate-limit", "-1")).isEqualTo(2);
    assertThat(run("--request-timeout", "0")).isEqualTo(2);
    assertThat(run("--connect-timeout", "100000")).isEqualTo(2);
    assertThat(run("--max-binary-bytes", "0")).isEqualTo(2);
    assertThat(run("--rate-limit", "fast")).isEqualTo(2);

    assertThat(command.err().lines())
        .contains(
            "--rate-limit must be 0 (no limit) or a positive number of requests per second.",
            "--request-timeout must be a number of seconds from 0.001 to 86400.",
            "--connect-timeout must be a number of seconds from 0.001 to 86400.",
            "--max-binary-bytes must be at least 1.")
        .contains("--rate-limit must be a number, not 'fast'. See 'test-api-server --help'.");
  }

  @Test
  void aMissingUploadDirectoryIsAUsageError(@TempDir Path temp) {
    Path missing = temp.resolve("missing");

    assertThat(run("--upload-root", missing.toString())).isEqualTo(2);

    assertThat(command.err()).isEqualTo("The upload directory " + missing + " does not exist." + System.lineSeparator());
  }

  @Test
  void theCallAndMemoryLimitsComeFromTheirFlagsElseFromTheHeap() {
    AtomicReference<ServerSettings.Builder> seen = new AtomicReference<>();

    assertThat(run(seen::set)).isZero();
    long heap = Runtime.getRuntime().maxMemory();
    assertThat(settings(seen).memoryBudget()).isEqualTo(heap / 2);
    assertThat(settings(seen).maxConcurrentCalls()).isBetween(4, 64);

    int code = run(seen::set, "--max-concurrent-calls", "3", "--memory-budget", "256m", "--max-queue-wait", "2.5");
    assertThat(code).as(command.err()).isZero();
    assertThat(settings(seen).maxConcurrentCalls()).isEqualTo(3);
    assertThat(settings(seen).memoryBudget()).isEqualTo(256L * 1024 * 1024);
    assertThat(run(seen::set, "--memory-budget", "1G")).isZero();
    assertThat(settings(seen).memoryBudget()).isEqualTo(1024L * 1024 * 1024);
    assertThat(run(seen::set, "--memory-budget", "123456")).isZero();
    assertThat(settings(seen).memoryBudget()).isEqualTo(123456);
  }

  @Test
  void unusableCallAndMemoryLimitsAreUsageErrorsNamingTheFlag() {
    assertThat(run("--max-concurrent-calls", "0")).isEqualTo(2);
    assertThat(run("--memory-budget", "0")).isEqualTo(2);
    assertThat(run("--memory-budget", "lots")).isEqualTo(2);
    assertThat(run("--max-queue-wait", "-1")).isEqualTo(2);
    assertThat(run("--max-concurrent-calls", "many")).isEqualTo(2);

    assertThat(command.err().lines()).containsExactly(
        "--max-concurrent-calls must be at least 1.",
        "--memory-budget must be at least 1 byte.",
        "--memory-budget must be a number of bytes such as 268435456 or 256m, not 'lots'. See 'test-api-server --help'.",
        "--max-queue-wait must be a number of seconds from 0 to 86400.",
        "--max-concurrent-calls must be a whole number, not 'many'. See 'test-api-server --help'.");
  }
}
