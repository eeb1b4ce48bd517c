/**
 * The API a Microlith component compiles against: its entry point, the context the
 * node hands it, and the handles to tables, caches, the stream hub and routes.
 * <p>
 * This package and its subpackages contain interfaces and small value types only. The
 * node supplies the implementations, so a component never depends on the platform.
 */
package dev.microlith.sdk;
