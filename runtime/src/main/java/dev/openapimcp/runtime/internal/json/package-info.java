/**
 * JSON text in and out for the call path: one configured Jackson mapper with a nesting bound, so
 * hostile input cannot exhaust the stack and numbers print the way they arrived.
 */
package dev.openapimcp.runtime.internal.json;
