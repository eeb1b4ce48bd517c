/**
 * Stream hub: topics, subscriptions, retained messages, and the RSocket (TCP and
 * WebSocket) and Server-Sent Events endpoints that reach them from outside.
 */
package dev.microlith.platform.hub;
