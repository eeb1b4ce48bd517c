/**
 * Storage: MapDB files under the data directory, tables, indexes, queries, transactions
 * and the ordered change log.
 * <p>
 * {@link dev.microlith.platform.storage.StorageEngine} implements
 * {@link dev.microlith.platform.storage.TableService} and the node-wide change feed
 * {@link dev.microlith.platform.storage.ChangeLog}. It keeps every record of a declared
 * table in memory and serves reads from there; one writer thread makes writes durable
 * in a write-ahead log and applies them to MapDB, which commits at checkpoints.
 */
package dev.microlith.platform.storage;
