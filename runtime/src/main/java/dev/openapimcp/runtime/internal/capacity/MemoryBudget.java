package dev.openapimcp.runtime.internal.capacity;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The heap one transport's calls may fill with what they hold: answers from the API (counted as
 * they arrive, at what mapping and writing them costs, {@link #answerCost}) and, over stdio, the
 * requests waiting for a free call slot. Each call charges its own {@link Account}; closing the
 * account, once the answer is written, gives the memory back.
 *
 * <p>Before this, 20 concurrent calls whose answers were 5 MB images filled a 256 MB heap: the
 * process stayed up with {@code OutOfMemoryError}s in its log and never answered again (measured on
 * stdio; the same over HTTP with 60 clients and {@code -Xmx512m}).
 *
 * <p>A call that holds nothing else of the budget may always take more, so an answer larger than
 * the whole budget is still served, alone; otherwise such a tool could never be called.
 */
public final class MemoryBudget {

  /**
   * Heap bytes per byte of an image or other binary answer: the body, its base64 text (4/3), and
   * the JSON-RPC message the SDK builds as a string to send over HTTP (char buffers of twice that,
   * then the string). Measured: 2.7 bytes allocated per answer byte to map a 5 MB PNG, 6.7 to
   * serialize the message as a string; stdio streams it instead.
   */
  public static final int BINARY_FACTOR = 8;

  /**
   * Heap bytes per byte of a text answer kept as text (up to {@code --max-text-bytes}): the text and,
   * for JSON, the parsed {@code structuredContent}, then both serialized. Measured on 1 MB of dense
   * JSON ({@code [{"a":1,"b":"x"},...]}): 17.7 bytes per answer byte stay live once mapped, and
   * serializing allocates 15 more.
   */
  public static final int TEXT_FACTOR = 32;

  private static final ThreadLocal<Account> CURRENT = new ThreadLocal<>();

  private static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE, Duration.ZERO);

  private final long limit;
  private final Duration maxWait;
  private long used;
  private int waiting;

  private MemoryBudget(long limit, Duration maxWait) {
    this.limit = limit;
    this.maxWait = maxWait;
  }

  /**
   * A budget of {@code bytes}, for which {@link Account#charge} waits at most {@code maxWait}.
   *
   * @throws IllegalArgumentException when {@code bytes} is less than 1
   */
  public static MemoryBudget of(long bytes, Duration maxWait) {
    if (bytes < 1) {
      throw new IllegalArgumentException("The memory budget must be at least 1 byte.");
    }
    return new MemoryBudget(bytes, maxWait);
  }

  /** No limit: every charge succeeds. */
  public static MemoryBudget unlimited() {
    return UNLIMITED;
  }

  /** The budget in bytes; {@link Long#MAX_VALUE} when unlimited. */
  public long limit() {
    return limit;
  }

  /** How long {@link Account#charge} waits for room. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Bytes charged now. */
  public synchronized long used() {
    return used;
  }

  /** Calls waiting for room now ({@link Account#charge}). */
  public synchronized int waiting() {
    return waiting;
  }

  /** A new account for one call, holding nothing yet. */
  public Account open() {
    return new Account();
  }

  /**
   * The account of the call this thread is serving ({@link Account#enter()}), or an account of an
   * unlimited budget when there is none (a call outside any transport, as the command line makes).
   */
  public static Account current() {
    Account account = CURRENT.get();
    return account != null ? account : UNLIMITED.open();
  }

  /** Whether this thread is serving a call with an account. */
  public static boolean hasCurrent() {
    return CURRENT.get() != null;
  }

  /**
   * What holding an answer of {@code bytes} costs until it is written: {@link #BINARY_FACTOR} per
   * byte for images; for anything else the body plus {@link #TEXT_FACTOR} per byte of the text kept
   * (a longer text is cut to {@code maxTextBytes}; other binary bodies, base64 encoded, fall within
   * that estimate too).
   */
  public static long answerCost(long bytes, String contentType, int maxTextBytes) {
    if (bytes <= 0) {
      return 0;
    }
    String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
    if (type.startsWith("image/")) {
      return saturatedMultiply(bytes, BINARY_FACTOR);
    }
    return bytes + saturatedMultiply(Math.min(bytes, maxTextBytes), TEXT_FACTOR);
  }

  /** The most an answer of up to {@code readLimit} bytes of any type can cost. */
  public static long largestAnswerCost(int readLimit, int maxTextBytes) {
    return Math.max(answerCost(readLimit, "image/*", maxTextBytes), answerCost(readLimit, "", maxTextBytes));
  }

  /** {@code 256 MB}, {@code 1.5 GB}: for messages and logs. */
  public static String describe(long bytes) {
    double megabytes = bytes / (1024.0 * 1024);
    if (megabytes >= 1024) {
      return trim(megabytes / 1024) + " GB";
    }
    if (megabytes >= 1) {
      return trim(megabytes) + " MB";
    }
    return bytes >= 1024 ? trim(bytes / 1024.0) + " KB" : bytes + " bytes";
  }

  private static String trim(double value) {
    return value >= 10 || value == Math.rint(value)
        ? String.valueOf(Math.round(value))
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static long saturatedMultiply(long value, int factor) {
    return value > Long.MAX_VALUE / factor ? Long.MAX_VALUE : value * factor;
  }

  private boolean isUnlimited() {
    return limit == Long.MAX_VALUE;
  }

  /** Whether {@code account} may take {@code bytes} more now; a call holding all that is used always may. */
  private boolean fits(Account account, long bytes) {
    return used - account.held == 0 || bytes <= limit - used;
  }

  /** The memory one call holds. Thread-safe: an answer is counted on the HTTP client's thread. */
  public final class Account implements AutoCloseable {

    private long held;

    private Account() {}

    /** Takes {@code bytes} when the budget has room now; {@code false} (and nothing taken) when not. */
    public boolean tryCharge(long bytes) {
      synchronized (MemoryBudget.this) {
        if (isUnlimited() || bytes <= 0) {
          return true;
        }
        if (!fits(this, bytes)) {
          return false;
        }
        used += bytes;
        held += bytes;
        return true;
      }
    }

    /** Takes {@code bytes}, waiting up to {@link #maxWait()} for other calls to give memory back. */
    public boolean charge(long bytes) throws InterruptedException {
      long deadline = System.nanoTime() + maxWait.toNanos();
      synchronized (MemoryBudget.this) {
        while (!tryCharge(bytes)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          waiting++;
          try {
            MemoryBudget.this.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
          } finally {
            waiting--;
          }
        }
        return true;
      }
    }

    /** Gives back up to {@code bytes} of what this account holds. */
    public void release(long bytes) {
      synchronized (MemoryBudget.this) {
        long given = Math.min(Math.max(bytes, 0), held);
        if (given > 0) {
          held -= given;
          used -= given;
          MemoryBudget.this.notifyAll();
        }
      }
    }

    /** Bytes this account holds. */
    public long held() {
      synchronized (MemoryBudget.this) {
        return held;
      }
    }

    /** The budget this account draws on. */
    public MemoryBudget budget() {
      return MemoryBudget.this;
    }

    /** Makes this the account {@link #current()} returns on this thread until the scope closes. */
    public Scope enter() {
      Account previous = CURRENT.get();
      CURRENT.set(this);
      return () -> {
        if (previous == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(previous);
        }
      };
    }

    /** Gives back everything this account holds. */
    @Override
    public void close() {
      synchronized (MemoryBudget.this) {
        release(held);
      }
    }
  }

  /** The span during which an account is the thread's current one. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
