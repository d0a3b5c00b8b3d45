/**
 * Turns decoded, validated arguments into one HTTP request by following a tool's {@link
 * dev.openapimcp.model.HttpBinding}: path variables, query styles, headers, cookies and the
 * body. Values are percent-encoded so an argument can never change the path it is placed in.
 * {@code multipart/form-data} bodies stream local files from the upload directory ({@link
 * dev.openapimcp.runtime.internal.request.FileUploads}).
 */
package dev.openapimcp.runtime.internal.request;
