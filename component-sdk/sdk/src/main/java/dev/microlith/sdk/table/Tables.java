package dev.microlith.sdk.table;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/** The node's tables as a whole: generic access, and transactions across tables. */
public interface Tables {

	/** Returns the names of the tables this caller may use. */
	Set<String> names();

	/**
	 * Returns a handle that reads and writes records of {@code table} as JSON documents:
	 * maps of strings to strings, numbers, booleans, lists, maps and {@code null}. Keys are
	 * passed as their declared type or as their string form.
	 * @throws TableNotFoundException when the table does not exist
	 */
	Table<Object, Map<String, Object>> documents(String table);

	/**
	 * Runs {@code work} in a transaction: its writes to any tables commit together or not
	 * at all, and its reads see its own writes. The work runs on the node's writer and must
	 * be short and must not block; it may be retried, so it must have no side effects.
	 * @return the work's result, completing once the commit is durable; an error from the
	 * work rolls the transaction back and is passed on
	 */
	<T> Mono<T> transaction(Function<Transaction, T> work);

}
