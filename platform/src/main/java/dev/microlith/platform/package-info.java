/**
 * The Microlith node: a Spring Boot host that runs components in its own process and
 * hands them tables, caches and a stream hub.
 * <p>
 * One package per capability: {@code node} (start-up, directories, configuration
 * checks), {@code component}, {@code storage}, {@code cache}, {@code hub}, {@code web},
 * {@code security} and {@code observe}.
 */
package dev.microlith.platform;
