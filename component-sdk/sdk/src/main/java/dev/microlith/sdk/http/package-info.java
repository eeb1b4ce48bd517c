/**
 * HTTP routes a component serves from the node's HTTP port, with request and response
 * types independent of any web framework.
 */
package dev.microlith.sdk.http;
