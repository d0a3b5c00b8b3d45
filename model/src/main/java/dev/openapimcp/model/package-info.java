/**
 * The tool model: what one OpenAPI operation becomes at build time. Generated code builds these
 * definitions; the runtime serves and executes them without ever reading OpenAPI again.
 */
package dev.openapimcp.model;
