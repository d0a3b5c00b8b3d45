package dev.openapimcp.runtime.internal.upstream;

/**
 * Gives the JDK's default asynchronous pool threads that stay on machines of one or two processors.
 *
 * <p>{@code java.net.http} completes each {@code sendAsync} of a client with an executor of its own
 * through {@code CompletableFuture}'s default pool (JDK 17-25 {@code HttpClientImpl.sendAsync}: a no-op
 * {@code whenCompleteAsync} on {@code ASYNC_POOL}). That pool is the common {@code ForkJoinPool} only
 * when its parallelism is above 1; the JDK makes it processors minus one, so with two processors or
 * fewer it is a thread started and ended per task: one thread per upstream call, started on the
 * client's selector thread ({@code perf}: {@code Thread.<init>} and {@code JVM_StartThread} under
 * {@code SelectorManager.run}). A parallelism of 2 keeps two threads instead. Measured on 2 CPUs,
 * the build before and after ({@code bench/run.sh ab}, 16 Streamable HTTP sessions, medians of 3 runs):
 * 1,535 → 2,578 calls/s, server CPU 0.845 → 0.454 ms per call. {@code CallsStartNoThreadProcessTest}
 * counts the threads 60 calls start: 60 without this, 1 or 2 with it.
 *
 * <p>Both classes read the parallelism once, when first used: this must run before anything in the
 * process uses a {@code CompletableFuture}, a parallel stream or the common pool. A value the user
 * set ({@code -Djava.util.concurrent.ForkJoinPool.common.parallelism}) is kept.
 */
public final class CommonPool {

  private static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CommonPool() {}

  /** Sets the common pool's parallelism to 2 when this machine would give it less and the user set none. */
  public static void keepThreads() {
    if (Runtime.getRuntime().availableProcessors() <= 2 && System.getProperty(PARALLELISM) == null) {
      System.setProperty(PARALLELISM, "2");
    }
  }
}
