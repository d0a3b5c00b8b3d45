package dev.openapimcp.generator.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openapimcp.generator.GenerationException;
import dev.openapimcp.testing.SpecYaml;
import dev.openapimcp.testing.StandardError;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec loaded on a thread of its own while {@code serve} hashes it: the caller gets what a load
 * of its own would have given or thrown, and a load no one needs any more stops at its next check.
 */
class LoadAheadTest {

  @TempDir Path dir;

  @Test
  void theSpecLoadedOnItsOwnDaemonThreadIsTheOneALoadOfItsOwnGives() throws Exception {
    String spec = SpecYaml.openapi("3.0.3", "Ahead").get("/items", "listItems", "").write(dir, "api.yaml");
    AtomicReference<Thread> loader = new AtomicReference<>();

    LoadedSpec loaded = LoadAhead.start(wanted -> {
      loader.set(Thread.currentThread());
      return SpecLoader.load(spec, false, false, wanted);
    }).get();

    assertThat(loader.get()).isNotSameAs(Thread.currentThread());
    assertThat(loader.get().isDaemon()).isTrue();
    assertThat(loader.get().getName()).isEqualTo("openapi-mcp-load");
    assertThat(loaded.openApi().getPaths()).containsOnlyKeys("/items");
    assertThat(loaded.files()).isEqualTo(SpecLoader.load(spec, false, false).files());
  }

  @Test
  void aLoadCancelledBeforeItsCheckGivesUp() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Boolean> saw = new AtomicReference<>();
    LoadAhead ahead = LoadAhead.start(wanted -> {
      try {
        cancelled.await(10, TimeUnit.SECONDS);
        saw.set(wanted.getAsBoolean());
        return null;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        done.countDown();
      }
    });

    ahead.cancel();
    cancelled.countDown();

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(saw.get()).isFalse();
  }

  @Test
  void aSpecNoOneWantsIsNeitherModelledNorWarnedAbout() throws Exception {
    // An operation id used twice: swagger-parser warns about it once the model is built.
    String spec = SpecYaml.openapi("3.0.3", "Twice").get("/a", "same", "").get("/b", "same", "").write(dir, "api.yaml");
    assertThat(StandardError.capture(() -> SpecLoader.load(spec, false, false)).err()).contains("operationId is repeated");

    StandardError.Captured<LoadedSpec> unwanted = StandardError.capture(() -> SpecLoader.load(spec, false, false,
        () -> false));

    assertThat(unwanted.value()).isNull();
    assertThat(unwanted.err()).isEmpty();
  }

  @Test
  void aLoadAheadWarnsOnlyWhenItsSpecIsUsed() throws Exception {
    String spec = SpecYaml.openapi("3.0.3", "Twice").get("/a", "same", "").get("/b", "same", "").write(dir, "api.yaml");

    StandardError.Captured<LoadedSpec> ahead = StandardError.capture(() -> LoadAhead.start(wanted ->
        SpecLoader.load(spec, false, false, wanted)).get());
    assertThat(ahead.err()).isEmpty();
    assertThat(ahead.value().warnings()).anySatisfy(warning -> assertThat(warning).contains("operationId is repeated"));

    String used = StandardError.capture(() -> SpecLoader.warned(ahead.value())).err();
    assertThat(used).contains("api.yaml: attribute paths.'/b'(get).operationId is repeated");
  }

  @Test
  void whatTheLoadThrowsIsThrownByGet() {
    GenerationException problem = GenerationException.in("api.yaml", "cannot be read");
    IllegalArgumentException bug = new IllegalArgumentException("a bug");

    assertThatThrownBy(() -> LoadAhead.start(wanted -> {
      throw problem;
    }).get()).isSameAs(problem);
    assertThatThrownBy(() -> LoadAhead.start(wanted -> {
      throw bug;
    }).get()).isSameAs(bug);
  }

  @Test
  void anInterruptedCallerStillGetsTheSpecAndKeepsItsInterrupt() throws Exception {
    String spec = SpecYaml.openapi("3.0.3", "Ahead").get("/items", "listItems", "").write(dir, "api.yaml");
    CountDownLatch go = new CountDownLatch(1);
    LoadAhead ahead = LoadAhead.start(wanted -> {
      try {
        go.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return SpecLoader.load(spec, false, false, wanted);
    });
    Thread caller = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      caller.interrupt();
      go.countDown();
    });

    interrupter.start();
    LoadedSpec loaded = ahead.get();
    boolean interrupted = Thread.interrupted();
    interrupter.join();

    assertThat(interrupted).isTrue();
    assertThat(loaded.openApi().getPaths()).containsOnlyKeys("/items");
  }
}
