/**
 * Storage: MapDB files under the data directory, tables, indexes, queries, transactions
 * and the ordered change log.
 */
package dev.microlith.platform.storage;
