/**
 * What keeps a busy server answering: at most so many tool calls at once per transport ({@link
 * dev.openapimcp.runtime.internal.capacity.CallLimiter}), answers counted against a share of the heap
 * ({@link dev.openapimcp.runtime.internal.capacity.MemoryBudget}), a clear error for whatever is over
 * either ({@link dev.openapimcp.runtime.internal.capacity.LocalLimitException}), and an exit instead of
 * a zombie when the heap runs out all the same ({@link
 * dev.openapimcp.runtime.internal.capacity.OutOfMemoryExit}).
 */
package dev.openapimcp.runtime.internal.capacity;
