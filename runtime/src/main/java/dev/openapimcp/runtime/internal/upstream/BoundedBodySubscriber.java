package dev.openapimcp.runtime.internal.upstream;

import dev.openapimcp.runtime.internal.capacity.LocalLimitException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte limit and then stops reading, so a runaway response cannot
 * exhaust memory. With a {@link Charge}, what the body will cost is taken from the memory budget as
 * it arrives (all at once when {@code Content-Length} says the size); when the budget has no room,
 * reading stops and the body fails with a {@link LocalLimitException}.
 *
 * <p>The buffer is sized from {@code Content-Length} when there is one, so a 5 MB image is held
 * once, not in a doubling buffer and then a copy of it.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<BoundedBodySubscriber.Body> {

  /** The collected bytes and whether more were cut off. */
  record Body(byte[] bytes, boolean truncated) {}

  /** Takes memory for the body; {@code null} where nothing is counted. */
  interface Charge {

    /** Makes sure holding {@code bytes} of this body is paid for; {@code false} when the budget has no room. */
    boolean cover(long bytes);

    /**
     * The failure for a body the budget has no room for.
     *
     * @param bytes its size as far as known
     * @param whole whether that is its whole size ({@code Content-Length}), known before reading any of it
     */
    LocalLimitException refusal(long bytes, boolean whole);
  }

  private static final int INITIAL_CAPACITY = 8 * 1024;

  private final int limit;
  private final long declaredLength;
  private final Charge charge;
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private byte[] buffer = new byte[0];
  private int count;

  BoundedBodySubscriber(int limit) {
    this(limit, -1, null);
  }

  /**
   * @param declaredLength the answer's {@code Content-Length}, or -1
   * @param charge where to take memory from, or {@code null}
   */
  BoundedBodySubscriber(int limit, long declaredLength, Charge charge) {
    this.limit = limit;
    this.declaredLength = declaredLength;
    this.charge = charge;
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    long expected = declaredLength < 0 ? -1 : Math.min(declaredLength, (long) limit + 1);
    if (expected > 0 && !reserve(Math.min(expected, limit))) {
      refuse(declaredLength, true);
      return;
    }
    buffer = new byte[(int) (expected < 0 ? Math.min(INITIAL_CAPACITY, limit) : Math.min(expected, limit))];
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer chunk : buffers) {
      int take = Math.min(limit - count, chunk.remaining());
      if (!reserve((long) count + take)) {
        refuse(Math.max(declaredLength, (long) count + chunk.remaining()), false);
        return;
      }
      ensureCapacity(count + take);
      chunk.get(buffer, count, take);
      count += take;
      if (chunk.hasRemaining()) {
        result.complete(new Body(bytes(), true));
        subscription.cancel();
        return;
      }
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(bytes(), false));
  }

  private boolean reserve(long bytes) {
    return charge == null || charge.cover(bytes);
  }

  private void refuse(long bytes, boolean whole) {
    result.completeExceptionally(charge.refusal(bytes, whole));
    subscription.cancel();
  }

  private void ensureCapacity(int needed) {
    if (needed > buffer.length) {
      int grown = (int) Math.min(limit, Math.max(needed, Math.max(INITIAL_CAPACITY, 2L * buffer.length)));
      buffer = Arrays.copyOf(buffer, grown);
    }
  }

  /** The bytes read, without a copy when they fill the buffer exactly. */
  private byte[] bytes() {
    return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
  }
}
