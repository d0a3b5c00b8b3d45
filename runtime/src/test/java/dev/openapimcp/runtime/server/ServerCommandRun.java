package dev.openapimcp.runtime.server;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.testing.TestCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link ServerCommand} on the {@link TestCatalog} in this JVM: the environment given, stdio input that ends at
 * once (so a valid command line serves nothing and exits 0), and what it writes to stdout and stderr kept.
 */
final class ServerCommandRun {

  /** A {@code BASE_URL} nothing answers on (the discard port), for runs that never call the API. */
  static final Map<String, String> NO_API = Map.of("BASE_URL", "http://127.0.0.1:9");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs the command line {@code args} with the server's own settings {@code defaults}; returns its exit code. */
  int run(Consumer<ServerSettings.Builder> defaults, Map<String, String> environment, String... args) {
    return ServerCommand.run(
        TestCatalog.catalog(),
        defaults,
        environment,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  /** All the runs wrote to stdout. */
  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the runs wrote to stderr since the last {@link #forgetErr}. */
  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  void forgetErr() {
    err.reset();
  }
}
