package dev.openapimcp.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.runtime.settings.ServerSettings;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code --rate-limit-store}: where replicas keep the rate limit they share. */
class RateLimitStoreFlagTest {

  private final ServerCommandRun command = new ServerCommandRun();

  private int run(Consumer<ServerSettings.Builder> defaults, String... args) {
    return command.run(defaults, ServerCommandRun.NO_API, args);
  }

  @Test
  void theFlagSetsTheStoreAndTheHelpListsIt() {
    AtomicReference<ServerSettings.Builder> seen = new AtomicReference<>();

    assertThat(run(seen::set, "--rate-limit", "3", "--rate-limit-store", "redis://127.0.0.1:6380/2")).isZero();
    assertThat(seen.get().build().rateLimitStore()).isEqualTo(URI.create("redis://127.0.0.1:6380/2"));
    assertThat(run(seen::set)).isZero();
    assertThat(seen.get().build().rateLimitStore()).isNull();

    assertThat(run(builder -> {}, "--help")).isZero();
    assertThat(command.out()).contains("--rate-limit-store=<redis://host:port[/db]>");
  }

  @Test
  void anythingButARedisAddressIsAUsageErrorNamingTheFlag() {
    assertThat(run(builder -> {}, "--rate-limit-store", "http://cache:6379")).isEqualTo(2);
    assertThat(run(builder -> {}, "--rate-limit-store", "redis://cache:6379/zero")).isEqualTo(2);
    assertThat(run(builder -> {}, "--rate-limit-store", "redis:///0")).isEqualTo(2);

    assertThat(command.err().lines().filter(line -> line.startsWith("--rate-limit-store")))
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).isEqualTo("--rate-limit-store must be redis://host:port or"
            + " redis://host:port/db, such as redis://127.0.0.1:6379/0."));
  }

  @Test
  void aPasswordInTheAddressNeverShows() {
    ServerSettings settings = ServerSettings.builder().rateLimitStore("redis://:hunter2@cache:6379/1").build();

    assertThat(settings.toString()).contains("rateLimitStore=redis://cache:6379/1").doesNotContain("hunter2");
    assertThat(ServerSettings.describeStore(settings.rateLimitStore())).isEqualTo("redis://cache:6379/1");
    assertThat(ServerSettings.describeStore(URI.create("rediss://user:pw@cache"))).isEqualTo("rediss://cache:6379");
    assertThatThrownBy(() -> ServerSettings.builder().rateLimitStore("redis://:hunter2@cache:6379?x=1"))
        .message().doesNotContain("hunter2");
  }
}
