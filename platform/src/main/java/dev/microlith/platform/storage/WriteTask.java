package dev.microlith.platform.storage;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Work for the writer thread and the future that completes once its writes are durable.
 * @param work the work; it reads and writes through the scope and returns the result
 * @param exclusive whether the work commits alone, in a batch of its own
 * @param result completed with the work's result after the commit, or with its failure
 */
record WriteTask<T>(Function<WriteScope, T> work, boolean exclusive, CompletableFuture<T> result) {

	static <T> WriteTask<T> of(Function<WriteScope, T> work) {
		return new WriteTask<>(work, false, new CompletableFuture<>());
	}

	static <T> WriteTask<T> exclusive(Function<WriteScope, T> work) {
		return new WriteTask<>(work, true, new CompletableFuture<>());
	}

}
