/**
 * The node itself: its data directory and lock, checks of its configuration, and
 * start-up reporting (one line when it is ready, one line per failure).
 */
package dev.microlith.platform.node;
