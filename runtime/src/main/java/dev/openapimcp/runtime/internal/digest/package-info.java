/** SHA-256 of text, for the places that key or compare by a digest instead of the text itself. */
package dev.openapimcp.runtime.internal.digest;
