package dev.openapimcp.generator.internal.spec;

import dev.openapimcp.generator.GenerationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;

/**
 * A spec loaded on a thread of its own while the caller finds out whether it needs it at all. A first
 * {@code serve} of a spec hashes the file to look for its converted catalog in the cache; on one core
 * that hash came before the reading and took 38 of the 257 main-thread samples of a first start on
 * GitHub's 13 MB description (JFR; then SHA-256, which C1, the launcher's only compiler, has no
 * intrinsic for), and reading beside it is what the second core was free for. It is started only for
 * a spec that may have changed ({@code FileHashes.mayHaveChanged}: a file copied or touched again, of
 * the same size, is hashed first, as before, since loading it beside reading its cached catalog made
 * GitHub's start 1.13-1.18 s instead of 0.78-0.82 s). When the cache has the catalog after all, {@link #cancel}
 * stops the load at its next check. The load
 * logs nothing: its caller logs the spec's warnings if it uses the spec ({@link SpecLoader#warned}),
 * so a catalog read from the cache comes without them, however far the load got.
 */
public final class LoadAhead {

  /**
   * The largest spec loaded ahead, 16 MiB: a load no one needs runs on until bundling is done, beside
   * the reading of the cached catalog. For Microsoft Graph beta (47 MB, touched after its catalog was
   * cached) that made the start 13.4-14.7 s instead of 9.3 s and its memory 1.56 GB instead of 1.0 GB;
   * GitHub's 13 MB description loads ahead.
   */
  public static final long MAX_BYTES = 16L << 20;

  /** A load that asks {@code wanted} between its stages whether to go on. */
  @FunctionalInterface
  public interface Load {
    /** The spec, or {@code null} once {@code wanted} says no. */
    LoadedSpec load(BooleanSupplier wanted) throws GenerationException;
  }

  private volatile boolean wanted = true;
  private final FutureTask<LoadedSpec> task;

  private LoadAhead(Load load) {
    this.task = new FutureTask<>(() -> load.load(() -> wanted));
  }

  /** Starts {@code load} on a daemon thread. */
  public static LoadAhead start(Load load) {
    LoadAhead ahead = new LoadAhead(load);
    Thread thread = new Thread(ahead.task, "openapi-mcp-load");
    thread.setDaemon(true);
    thread.start();
    return ahead;
  }

  /** The spec, once loaded; what the load threw, thrown here. */
  public LoadedSpec get() throws GenerationException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          // The caller would have loaded the spec itself, uninterrupted: so it waits.
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GenerationException generation) {
        throw generation;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Tells the load that no one needs it any more. */
  public void cancel() {
    wanted = false;
  }
}
