package dev.openapimcp.runtime.testing;

import dev.openapimcp.runtime.server.ServerCommand;
import java.io.PrintStream;
import dev.openapimcp.testing.TestCatalog;

/**
 * What a generated {@code main} looks like, for the test catalog; used to start server subprocesses.
 *
 * <p>With {@code TEST_STRAY_STDOUT=1} in the environment it also plays a careless library that
 * prints to {@code System.out} while the server runs, so tests can prove such output never reaches
 * the protocol stream.
 */
public final class TestServerMain {

  /** The line the careless library prints. */
  public static final String STRAY_LINE = "stray line printed by a library";

  private TestServerMain() {}

  public static void main(String[] args) {
    if ("1".equals(System.getenv("TEST_STRAY_STDOUT"))) {
      PrintStream original = System.out;
      Thread stray =
          new Thread(
              () -> {
                // Print once the server is up, which is after it has taken over System.out.
                while (System.out == original) {
                  Thread.onSpinWait();
                }
                System.out.println(STRAY_LINE);
              },
              "stray-printer");
      stray.setDaemon(true);
      stray.start();
    }
    System.exit(ServerCommand.run(TestCatalog.catalog(), args));
  }
}
