/**
 * RSocket routes a component serves on the node's RSocket endpoints (TCP and WebSocket),
 * routed by Spring-style routing metadata.
 */
package dev.microlith.sdk.rsocket;
