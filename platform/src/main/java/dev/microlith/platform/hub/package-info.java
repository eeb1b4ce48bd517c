/**
 * Stream hub: topics, subscriptions, retained messages, and the RSocket (TCP and
 * WebSocket) and Server-Sent Events endpoints that reach them from outside.
 * <p>
 * The package also contains the node's RSocket router ({@code RSocketRouter}) and route
 * registry ({@code DefaultRSocketRouteRegistry}), which serve the hub's routes and every
 * component's routes on both RSocket transports.
 */
package dev.microlith.platform.hub;
