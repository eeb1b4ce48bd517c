/**
 * The stream hub: publish/subscribe between components and clients, with retained
 * messages, MQTT-style topic patterns and a bounded buffer per subscriber.
 */
package dev.microlith.sdk.hub;
