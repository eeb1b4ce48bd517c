/**
 * Caches: bounded in-memory maps declared by a component, optionally backed by a loader,
 * an outside origin, or a table whose changes invalidate them.
 */
package dev.microlith.sdk.cache;
