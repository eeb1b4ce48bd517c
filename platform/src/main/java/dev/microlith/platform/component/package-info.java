/**
 * Component runtime: finds, loads, starts, stops and replaces component jars, one class
 * loader per component, and tracks each component's lifecycle state.
 */
package dev.microlith.platform.component;
