package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openapimcp.runtime.settings.ServerSettings;
import dev.openapimcp.runtime.settings.ServerSettings.Validation;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code --validation} and {@code --read-only}: one row each in the flag table, one default each in the settings. */
class ValidationFlagsTest {

  private final ServerCommandRun command = new ServerCommandRun();

  /** Runs over stdio with an input that ends at once, so a valid command line exits 0. */
  private int run(Consumer<ServerSettings.Builder> defaults, String... args) {
    return command.run(defaults, ServerCommandRun.NO_API, args);
  }

  @Test
  void lenientAndNotReadOnlyByDefaultEachFlagOverridingTheServersOwnValue() {
    AtomicReference<ServerSettings.Builder> seen = new AtomicReference<>();
    assertThat(ServerSettings.defaults().validation()).isEqualTo(Validation.LENIENT);
    assertThat(ServerSettings.defaults().readOnly()).isFalse();

    assertThat(run(seen::set, "--validation", "strict", "--read-only")).as(command.err()).isZero();
    assertThat(seen.get().build().validation()).isEqualTo(Validation.STRICT);
    assertThat(seen.get().build().readOnly()).isTrue();

    assertThat(run(builder -> seen.set(builder.validation(Validation.STRICT)), "--validation=OFF")).isZero();
    assertThat(seen.get().build().validation()).isEqualTo(Validation.OFF);
  }

  @Test
  void anUnknownModeIsAUsageErrorNamingTheChoices() {
    assertThat(run(builder -> {}, "--validation", "loose")).isEqualTo(ServerCommand.EXIT_USAGE);
    assertThat(command.err())
        .startsWith("--validation must be strict or lenient or off, not 'loose'.");
  }

  @Test
  void helpShowsBothFlagsAndTheDefault() {
    assertThat(run(builder -> {}, "--help")).isZero();
    // Wrapped at 80 columns: compared with the line breaks as spaces.
    assertThat(command.out().replaceAll("\\s+", " "))
        .contains("--validation=strict|lenient|off", "(default: lenient)", "--read-only List and allow only");
  }
}
