package dev.microlith.platform.storage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Table;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The SDK handle of a table, reading and writing records through a {@link RecordCodec}.
 * <p>
 * Reads use the committed in-memory state on the calling thread. Writes are lazy, as
 * Reactor publishers are: each subscription to the returned {@link Mono} encodes the
 * record on the subscribing thread, queues the write for the writer thread, and completes
 * after the commit is durable. Cancelling the subscription does not withdraw a queued write.
 * @param <K> the key type
 * @param <V> the record type
 */
final class DefaultTable<K, V> implements Table<K, V> {

	private final StorageEngine engine;

	private final TableState state;

	private final Keys keys;

	private final RecordCodec<V> codec;

	private final QueryRunner queries;

	DefaultTable(StorageEngine engine, TableState state, Keys keys, RecordCodec<V> codec) {
		this.engine = engine;
		this.state = state;
		this.keys = keys;
		this.codec = codec;
		this.queries = new QueryRunner(state, codec.fields());
	}

	@Override
	public String name() {
		return this.state.name();
	}

	@Override
	public long count() {
		return this.state.count();
	}

	@Override
	public Optional<V> get(K key) {
		StoredRecord record = this.state.get(this.keys.check(this.state, key));
		return (record != null) ? Optional.of(this.codec.decode(record)) : Optional.empty();
	}

	@Override
	public Optional<Row<K, V>> getRow(K key) {
		Object checked = this.keys.check(this.state, key);
		StoredRecord record = this.state.get(checked);
		return (record != null) ? Optional.of(row(checked, record)) : Optional.empty();
	}

	@Override
	public Map<K, V> getAll(Collection<? extends K> keys) {
		Map<K, V> found = new LinkedHashMap<>();
		for (K key : keys) {
			StoredRecord record = this.state.get(this.keys.check(this.state, key));
			if (record != null) {
				found.put(key, this.codec.decode(record));
			}
		}
		return found;
	}

	@Override
	public Mono<Row<K, V>> insert(K key, V value) {
		return Mono.defer(() -> {
			Object checked = this.keys.check(this.state, key);
			byte[] json = encode(checked, value);
			return write(checked, (scope) -> RecordWrites.insert(scope, this.state, checked, json));
		});
	}

	@Override
	public Mono<Row<K, V>> insert(V value) {
		return switch (this.state.keyType()) {
			case LONG -> Mono.defer(() -> {
				byte[] json = encode("(generated)", value);
				return this.engine
					.write((scope) -> RecordWrites.insertWithNextKey(scope, this.state, json))
					.map((written) -> row(written.getKey(), written.getValue()));
			});
			case STRING -> Mono.defer(() -> generated(UUID.randomUUID().toString(), value));
			case UUID -> Mono.defer(() -> generated(UUID.randomUUID(), value));
		};
	}

	@Override
	public Mono<Row<K, V>> put(K key, V value) {
		return Mono.defer(() -> {
			Object checked = this.keys.check(this.state, key);
			byte[] json = encode(checked, value);
			return write(checked, (scope) -> scope.write(this.state, checked, json));
		});
	}

	@Override
	public Mono<Row<K, V>> patch(K key, Map<String, ?> fields) {
		return Mono.defer(() -> {
			Object checked = this.keys.check(this.state, key);
			Map<String, ?> copy = new LinkedHashMap<>(fields);
			return write(checked, (scope) -> RecordWrites.patch(scope, this.state, checked, copy, this.codec,
					this.engine.maxRecordSize()));
		});
	}

	@Override
	public Mono<Boolean> delete(K key) {
		return Mono.defer(() -> {
			Object checked = this.keys.check(this.state, key);
			return this.engine.write((scope) -> scope.delete(this.state, checked) != null);
		});
	}

	@Override
	public Mono<Row<K, V>> update(K key, UnaryOperator<V> function) {
		return Mono.defer(() -> {
			Object checked = this.keys.check(this.state, key);
			return write(checked, (scope) -> RecordWrites.update(scope, this.state, checked, function, this.codec,
					this.engine.maxRecordSize()));
		});
	}

	@Override
	public Mono<Row<K, V>> compareAndSet(K key, long expectedVersion, V value) {
		return Mono.defer(() -> {
			Object checked = this.keys.check(this.state, key);
			byte[] json = encode(checked, value);
			return write(checked,
					(scope) -> RecordWrites.compareAndSet(scope, this.state, checked, expectedVersion, json));
		});
	}

	@Override
	public Flux<Row<K, V>> find(Query query) {
		this.queries.check(query);
		return Flux.fromStream(() -> this.queries.run(query).map((hit) -> row(hit, query)));
	}

	@Override
	public long count(Query query) {
		return this.queries.count(query);
	}

	@Override
	@SuppressWarnings("unchecked")
	public Flux<Change<K, V>> changes(long afterSequence) {
		String name = this.state.name();
		return this.engine.feeds()
			.feed("table '" + name + "'", afterSequence, (change) -> change.table().equals(name),
					(change) -> new Change<>(name, (K) change.key(), change.operation(),
							(change.json() != null) ? this.codec.decode(StoredRecord.fromJson(change.json())) : null,
							change.version(), change.sequence(), change.timestamp()));
	}

	private Mono<Row<K, V>> generated(Object key, V value) {
		byte[] json = encode(key, value);
		return write(key, (scope) -> RecordWrites.insert(scope, this.state, key, json));
	}

	private Mono<Row<K, V>> write(Object key, java.util.function.Function<WriteScope, StoredRecord> work) {
		return this.engine.write(work).map((record) -> row(key, record));
	}

	private byte[] encode(Object key, V value) {
		JsonNode tree = this.codec.toTree(this.state.name(), value);
		return RecordWrites.encode(this.state.name(), key, tree, this.engine.maxRecordSize());
	}

	@SuppressWarnings("unchecked")
	private Row<K, V> row(Object key, StoredRecord record) {
		return new Row<>((K) key, this.codec.decode(record), record.version, record.sequence, record.timestamp);
	}

	@SuppressWarnings("unchecked")
	private Row<K, V> row(QueryRunner.Hit hit, Query query) {
		StoredRecord record = hit.record();
		V value = query.fields().isEmpty() ? this.codec.decode(record)
				: this.codec.fromTree(this.state.name(), Projection.of(hit.document(), query.fields()));
		return new Row<>((K) hit.key(), value, record.version, record.sequence, record.timestamp);
	}

}
