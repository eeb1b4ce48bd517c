/**
 * Security: users and roles in system tables, passwords and tokens, login throttling,
 * the audit log, and the access policy that HTTP and RSocket endpoints consult.
 */
package dev.microlith.platform.security;
