/**
 * The {@code microlith} command line: operations against a running node over its HTTP
 * operations API, run as {@code java -jar microlith.jar <command>} or {@code bin/microlith}.
 */
package dev.microlith.platform.cli;
