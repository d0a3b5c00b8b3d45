/**
 * What makes calls survive faults: which failures are worth repeating and how long to wait
 * ({@link dev.openapimcp.runtime.internal.retry.RetryPolicy}, honouring {@code Retry-After}), and the
 * clock the retries and the rate limiter read ({@link dev.openapimcp.runtime.internal.retry.TimeSource}),
 * which tests replace so they never really wait.
 */
package dev.openapimcp.runtime.internal.retry;
