/**
 * The todo sample: tasks in the exported table {@code todo}, written through the node's
 * REST API, with a page at {@code /todo/} that shows every change live over SSE.
 */
package dev.microlith.samples.todo;
