package dev.openapimcp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A benchmark's command line ({@code --name value} pairs over defaults) and where its report goes. */
final class BenchArgs {

  private BenchArgs() {}

  /**
   * The pairs of {@code args} over {@code defaults}; a name last without a value is a switch ({@code
   * ""}).
   *
   * @param usage what the exception says when one of {@code required} is missing
   */
  static Map<String, String> parse(String[] args, Map<String, String> defaults, String usage, String... required) {
    Map<String, String> options = new HashMap<>(defaults);
    for (int i = 0; i < args.length; i += 2) {
      options.put(args[i], i + 1 < args.length ? args[i + 1] : "");
    }
    for (String name : required) {
      if (!options.containsKey(name)) {
        throw new IllegalArgumentException(usage);
      }
    }
    return options;
  }

  /** Prints {@code report} and writes it to the file {@code --out} names, if any. */
  static void report(Map<String, String> options, CharSequence report) throws IOException {
    System.out.println(report);
    if (options.containsKey("--out")) {
      Path out = Path.of(options.get("--out"));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
  }
}
