package dev.microlith.platform.storage;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.Tables;
import reactor.core.publisher.Mono;

/** The SDK view of every table: generic JSON access and transactions across tables. */
final class DefaultTables implements Tables {

	private final StorageEngine engine;

	DefaultTables(StorageEngine engine) {
		this.engine = engine;
	}

	@Override
	public Set<String> names() {
		return this.engine.tableNames();
	}

	@Override
	public Table<Object, Map<String, Object>> documents(String table) {
		return new DefaultTable<>(this.engine, this.engine.state(table), Keys.CONVERTED, DocumentCodec.INSTANCE);
	}

	@Override
	public <T> Mono<T> transaction(Function<dev.microlith.sdk.table.Transaction, T> work) {
		return this.engine.write((scope) -> {
			DefaultTransaction transaction = new DefaultTransaction(this.engine, scope);
			try {
				return work.apply(transaction);
			}
			finally {
				transaction.finish();
			}
		});
	}

}
