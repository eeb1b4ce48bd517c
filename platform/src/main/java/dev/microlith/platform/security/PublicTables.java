package dev.microlith.platform.security;

import java.util.Set;

/**
 * The table operations that the components owning the tables open to every caller,
 * authenticated or not, with {@code "public"} in their descriptors.
 */
@FunctionalInterface
public interface PublicTables {

	/** Returns the operations on {@code table} that anyone may do; empty when none. */
	Set<TableOperation> publicOperations(String table);

}
