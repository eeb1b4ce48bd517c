/**
 * Web: the REST API over tables, routing to component HTTP handlers, the operations API,
 * and RFC 9457 problem responses.
 */
package dev.microlith.platform.web;
