/**
 * Tables: durable, versioned records stored in the node's own process, with queries,
 * transactions and an ordered change feed.
 * <p>
 * A component declares its tables in its descriptor (name, key type, indexes, time to
 * live, whether the REST API exports it) and obtains handles through
 * {@link dev.microlith.sdk.ComponentContext#table}. Reads are method calls on memory;
 * writes return a {@link reactor.core.publisher.Mono} that completes once the write is
 * durable.
 */
package dev.microlith.sdk.table;
