package dev.microlith.platform.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.TableException;
import dev.microlith.sdk.table.Transaction;

/**
 * A transaction's view of the tables, over one {@link WriteScope} on the writer thread.
 * It rejects use after the transaction's work has returned.
 */
final class DefaultTransaction implements Transaction {

	private final StorageEngine engine;

	private final WriteScope scope;

	private boolean finished;

	DefaultTransaction(StorageEngine engine, WriteScope scope) {
		this.engine = engine;
		this.scope = scope;
	}

	@Override
	public <K, V> View<K, V> table(String table, Class<K> keyType, Class<V> recordType) {
		TableState state = this.engine.state(table);
		this.engine.checkKeyType(state, keyType);
		return new TransactionView<>(state, Keys.TYPED, new TypedCodec<>(recordType));
	}

	@Override
	public View<Object, Map<String, Object>> documents(String table) {
		return new TransactionView<>(this.engine.state(table), Keys.CONVERTED, DocumentCodec.INSTANCE);
	}

	void finish() {
		this.finished = true;
	}

	private void checkOpen(TableState table) {
		if (this.finished || !this.engine.isWriterThread()) {
			throw new TableException("Cannot use table '" + table.name()
					+ "' through a transaction outside its work; use the view only inside the function passed to transaction()");
		}
	}

	private final class TransactionView<K, V> implements View<K, V> {

		private final TableState state;

		private final Keys keys;

		private final RecordCodec<V> codec;

		TransactionView(TableState state, Keys keys, RecordCodec<V> codec) {
			this.state = state;
			this.keys = keys;
			this.codec = codec;
		}

		@Override
		public Optional<Row<K, V>> get(K key) {
			Object checked = check(key);
			StoredRecord record = DefaultTransaction.this.scope.current(this.state, checked);
			return (record != null) ? Optional.of(row(checked, record)) : Optional.empty();
		}

		@Override
		public Row<K, V> insert(K key, V value) {
			Object checked = check(key);
			return row(checked, RecordWrites.insert(DefaultTransaction.this.scope, this.state, checked, encode(checked, value)));
		}

		@Override
		public Row<K, V> put(K key, V value) {
			Object checked = check(key);
			return row(checked, DefaultTransaction.this.scope.write(this.state, checked, encode(checked, value)));
		}

		@Override
		public Row<K, V> patch(K key, Map<String, ?> fields) {
			Object checked = check(key);
			return row(checked, RecordWrites.patch(DefaultTransaction.this.scope, this.state, checked,
					new LinkedHashMap<>(fields), this.codec, DefaultTransaction.this.engine.maxRecordSize()));
		}

		@Override
		public boolean delete(K key) {
			return DefaultTransaction.this.scope.delete(this.state, check(key)) != null;
		}

		private Object check(K key) {
			checkOpen(this.state);
			return this.keys.check(this.state, key);
		}

		private byte[] encode(Object key, V value) {
			return RecordWrites.encode(this.state.name(), key, this.codec.toTree(this.state.name(), value),
					DefaultTransaction.this.engine.maxRecordSize());
		}

		@SuppressWarnings("unchecked")
		private Row<K, V> row(Object key, StoredRecord record) {
			return new Row<>((K) key, this.codec.decode(record), record.version, record.sequence, record.timestamp);
		}

	}

}
