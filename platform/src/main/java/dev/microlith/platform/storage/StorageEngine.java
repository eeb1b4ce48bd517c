package dev.microlith.platform.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.mapdb.BTreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.Table;
import dev.microlith.sdk.table.TableException;
import dev.microlith.sdk.table.TableNotFoundException;
import dev.microlith.sdk.table.Tables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The node's tables on one MapDB store: declares tables, hands out SDK handles, runs the
 * writer thread, the expiry sweeper and the change feeds.
 * <p>
 * Every record of a declared table is kept in memory, as its JSON bytes and write
 * metadata, and reads are served from there; MapDB makes writes durable and restores
 * the tables at start-up. The heap therefore bounds the size of the data. Constructible
 * without Spring: {@link #open(Path, StorageProperties)} for a directory,
 * {@link #inMemory(StorageProperties)} for tests. Thread-safe.
 */
public final class StorageEngine implements TableService, ChangeLog, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StorageEngine.class);

	private static final String DEFINITION_PREFIX = "definition.";

	private static final int PROGRESS_INTERVAL = 100_000;

	private final MapDbStore store;

	private final WriteAheadLog log;

	private final StorageProperties properties;

	private final ChangeBuffer changes;

	private final ChangeFeedPublisher feeds;

	private final Writer writer;

	private final Map<String, TableState> tables = new ConcurrentHashMap<>();

	private final ScheduledExecutorService sweeper;

	private final Tables tablesView = new DefaultTables(this);

	private StorageEngine(MapDbStore store, WriteAheadLog log, StorageProperties properties) {
		this.store = store;
		this.log = log;
		this.properties = properties;
		LogReplay.replay(log, store);
		long lastSequence = Long.parseLong(store.meta().getOrDefault(Writer.LAST_SEQUENCE, "0"));
		long lastTimestamp = Long.parseLong(store.meta().getOrDefault(Writer.LAST_TIMESTAMP, "0"));
		this.changes = new ChangeBuffer(properties.getChangeLog().getMaxChanges(),
				properties.getChangeLog().getMaxAge(), lastSequence);
		this.changes.load(retainedChanges(store, lastSequence, properties.getChangeLog().getMaxChanges()));
		this.feeds = new ChangeFeedPublisher(this.changes, Schedulers.boundedElastic());
		this.writer = new Writer(store, log, this.changes, properties, lastSequence, lastTimestamp);
		this.sweeper = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "microlith-table-expiry");
			thread.setDaemon(true);
			return thread;
		});
		long interval = Math.max(1, properties.getExpirySweepInterval().toMillis());
		this.sweeper.scheduleWithFixedDelay(new ExpirySweeper(this.tables::values, this.writer), interval, interval,
				TimeUnit.MILLISECONDS);
		long compactionInterval = properties.getCompaction().getCheckInterval().toMillis();
		if (compactionInterval > 0) {
			this.sweeper.scheduleWithFixedDelay(this::compactIfWasteful, compactionInterval, compactionInterval,
					TimeUnit.MILLISECONDS);
		}
		logger.info("Table store opened at commit sequence {}", lastSequence);
	}

	/**
	 * Opens the store in {@code directory}, creating it when the directory is empty or
	 * missing.
	 * @throws StorageFormatException when the directory contains another format or a newer
	 * version, without changing anything in it
	 * @throws StorageException when the files cannot be read or written
	 */
	public static StorageEngine open(Path directory, StorageProperties properties) {
		if (properties.getRestoreFrom() != null) {
			StoreRestore.restoreOnce(properties.getRestoreFrom(), directory);
		}
		MapDbStore store = MapDbStore.open(directory);
		WriteAheadLog log = null;
		try {
			log = WriteAheadLog.open(directory);
			return new StorageEngine(store, log, properties);
		}
		catch (RuntimeException ex) {
			closeAfterFailure(store, log, ex);
			throw ex;
		}
	}

	/** Opens a store that keeps everything in memory and loses it on close, for tests. */
	public static StorageEngine inMemory(StorageProperties properties) {
		return new StorageEngine(MapDbStore.inMemory(), WriteAheadLog.none(), properties);
	}

	@Override
	public void declare(TableDefinition definition) {
		Objects.requireNonNull(definition, "'definition' must not be null");
		if (this.writer.isWriterThread()) {
			throw new TableException("Cannot declare table '" + definition.name() + "' inside a transaction");
		}
		join(this.writer.submit(WriteTask.exclusive((scope) -> declareOnWriter(definition))).result());
	}

	@Override
	public Optional<TableDefinition> definition(String name) {
		TableState state = this.tables.get(name);
		return (state != null) ? Optional.of(state.definition()) : Optional.empty();
	}

	@Override
	public Collection<TableDefinition> definitions() {
		List<TableDefinition> definitions = new ArrayList<>();
		this.tables.values().forEach((state) -> definitions.add(state.definition()));
		return definitions;
	}

	@Override
	public Tables tables() {
		return this.tablesView;
	}

	@Override
	public <K, V> Table<K, V> table(String name, Class<K> keyType, Class<V> recordType) {
		TableState state = state(name);
		checkKeyType(state, keyType);
		return new DefaultTable<>(this, state, Keys.TYPED, new TypedCodec<>(recordType));
	}

	@Override
	public Flux<Change<Object, Map<String, Object>>> changes(long afterSequence) {
		return this.feeds.feed("the node", afterSequence, (change) -> true, (change) -> new Change<>(change.table(),
				change.key(), change.operation(),
				(change.json() != null) ? DocumentCodec.INSTANCE.decode(StoredRecord.fromJson(change.json())) : null,
				change.version(), change.sequence(), change.timestamp()));
	}

	/**
	 * Adds a listener notified of every committed write after it is durable and before its
	 * caller's {@code Mono} completes.
	 */
	public void addCommitListener(CommitListener listener) {
		this.writer.addListener(listener);
	}

	@Override
	public long lastSequence() {
		return this.changes.last();
	}

	/** Stops the sweeper, commits the queued writes and closes the store. */
	@Override
	public void close() {
		this.sweeper.shutdownNow();
		this.writer.close();
		if (this.writer.isBroken()) {
			// Closing or rolling back MapDB after a failed update or commit could change its
			// files further. So they stay as they are, and the write-ahead log is replayed at
			// the next start.
			logger.warn("Table store left unclosed after a failure; its write-ahead log is replayed at the next start");
		}
		else {
			this.store.close();
		}
		try {
			this.log.close();
		}
		catch (java.io.IOException ex) {
			logger.warn("Closing the write-ahead log failed", ex);
		}
		logger.info("Table store closed at commit sequence {}", this.changes.last());
	}

	/**
	 * Rewrites the store file with only the live records and retained changes, and
	 * switches to it. Writes wait while it runs; reads go on.
	 * @return the file size in bytes after compaction
	 * @throws StorageException when the copy cannot be written; the store stays as it was
	 */
	public long compact() {
		return join(this.writer.submit(WriteTask.exclusive((scope) -> compactOnWriter())).result());
	}

	/**
	 * Replaces the tables of a stopped node's data directory with a backup, as the node
	 * does at start-up with {@code microlith.storage.restore-from}, and checks that the
	 * result opens. The replaced files are kept in a {@code replaced-*} folder.
	 * @param backup a file written by {@link #backup(Path)}
	 * @param dataDirectory the node's data directory, which the caller has locked
	 * @return whether the backup was restored now; {@code false} when this same backup was
	 * restored into the directory before
	 * @throws StorageFormatException when the backup is not a readable backup; nothing is
	 * changed then
	 */
	public static boolean restoreOffline(Path backup, Path dataDirectory, StorageProperties properties) {
		Path directory = dataDirectory.resolve(StorageConfiguration.DIRECTORY);
		boolean restored = StoreRestore.restoreOnce(backup, directory);
		open(directory, properties).close();
		return restored;
	}

	/**
	 * Writes a consistent copy of every table and the change log to {@code target}, one
	 * file that the node can start from with {@code microlith.storage.restore-from}. Writes wait while it runs; reads go on.
	 * @throws StorageException when the file cannot be written
	 */
	public void backup(Path target) {
		Objects.requireNonNull(target, "'target' must not be null");
		join(this.writer.submit(WriteTask.exclusive((scope) -> {
			this.store.backup(target.toAbsolutePath(), storedKeyTypes());
			return target;
		})).result());
		logger.info("Table store backed up to '{}'", target);
	}

	/** Returns the size of the store file in bytes, or 0 for a store in memory. */
	public long fileSize() {
		return this.store.fileSize();
	}

	/** Queues {@code work} for the writer; the result completes once its writes are durable. */
	<T> Mono<T> write(Function<WriteScope, T> work) {
		return Mono.defer(() -> {
			if (this.writer.isWriterThread()) {
				return Mono.error(new TableException(
						"Cannot write through a table handle inside a transaction; use the transaction's views"));
			}
			return Mono.fromFuture(this.writer.submit(WriteTask.of(work)).result(), true);
		});
	}

	long maxRecordSize() {
		return this.properties.getMaxRecordSize().toBytes();
	}

	ChangeFeedPublisher feeds() {
		return this.feeds;
	}

	boolean isWriterThread() {
		return this.writer.isWriterThread();
	}

	Set<String> tableNames() {
		return Set.copyOf(this.tables.keySet());
	}

	TableState state(String name) {
		TableState state = this.tables.get(name);
		if (state == null) {
			throw new TableNotFoundException("Table '" + name + "' not found: no deployed component declares it");
		}
		return state;
	}

	void checkKeyType(TableState state, Class<?> keyType) {
		if (state.keyType().javaType() != keyType) {
			throw new TableException("Invalid key type " + ((keyType != null) ? keyType.getName() : "null")
					+ " for table '" + state.name() + "': it is declared with "
					+ state.keyType().name().toLowerCase(java.util.Locale.ROOT) + " keys, so use "
					+ state.keyType().javaType().getName());
		}
	}

	private TableState declareOnWriter(TableDefinition definition) {
		String name = definition.name();
		String stored = this.store.meta().get(DEFINITION_PREFIX + name);
		if (stored != null) {
			StoredDefinition.checkCompatible(StoredDefinition.decode(name, stored), definition);
		}
		TableState state = this.tables.get(name);
		if (state == null) {
			state = new TableState(definition, this.store.table(name, definition.keyType()));
			loadRecords(state);
		}
		else {
			state.redefine(definition);
		}
		state.replaceIndexes(indexesFor(state, definition));
		this.store.meta().put(DEFINITION_PREFIX + name, StoredDefinition.encode(definition));
		this.tables.put(name, state);
		logger.info("Table '{}' of component '{}' declared: {} records, indexes {}", name, definition.owner(),
				state.count(), definition.indexes().stream().map(TableDefinition.IndexDefinition::field).toList());
		return state;
	}

	private long compactOnWriter() {
		long before = this.store.fileSize();
		this.store.compact(storedKeyTypes());
		this.tables.values().forEach((state) -> state.stored = this.store.table(state.name(), state.keyType()));
		long after = this.store.fileSize();
		logger.info("Table store compacted from {} to {} bytes", before, after);
		return after;
	}

	private Map<String, KeyType> storedKeyTypes() {
		return this.store.storedKeyTypes(DEFINITION_PREFIX, (json) -> StoredDefinition.decode("stored", json).keyType());
	}

	private void compactIfWasteful() {
		try {
			long fileSize = this.store.fileSize();
			long liveBytes = this.tables.values().stream().mapToLong(TableState::jsonBytes).sum();
			StorageProperties.Compaction settings = this.properties.getCompaction();
			if (fileSize > settings.getMinFileSize().toBytes() && fileSize > settings.getMaxFileToDataRatio() * liveBytes) {
				logger.info("Table store file is {} bytes for {} bytes of records; compacting", fileSize, liveBytes);
				compact();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Automatic compaction of the table store failed; retrying at the next check", ex);
		}
	}

	private void loadRecords(TableState state) {
		BTreeMap<Object, byte[]> stored = state.stored;
		long loaded = 0;
		for (Map.Entry<Object, byte[]> entry : stored.entrySet()) {
			state.load(entry.getKey(), StoredRecord.decode(entry.getValue()));
			loaded++;
			if (loaded % PROGRESS_INTERVAL == 0) {
				logger.info("Loading table '{}': {} records", state.name(), loaded);
			}
		}
	}

	private List<SecondaryIndex> indexesFor(TableState state, TableDefinition definition) {
		List<SecondaryIndex> indexes = new ArrayList<>();
		for (TableDefinition.IndexDefinition declared : definition.indexes()) {
			SecondaryIndex existing = state.index(declared.field());
			indexes.add((existing != null) ? existing : buildIndex(state, declared.field()));
		}
		return indexes;
	}

	private SecondaryIndex buildIndex(TableState state, String field) {
		SecondaryIndex index = new SecondaryIndex(field);
		long done = 0;
		long total = state.count();
		for (Map.Entry<Object, StoredRecord> entry : state.records().entrySet()) {
			JsonNode document = Json.readTree(entry.getValue().json);
			index.update(entry.getKey(), null, document);
			done++;
			if (done % PROGRESS_INTERVAL == 0) {
				logger.info("Building index '{}' of table '{}': {} of {} records", field, state.name(), done, total);
			}
		}
		if (total > 0 && index.size() == 0) {
			logger.warn("Index '{}' of table '{}' is empty: none of its {} records has that field; check the field name",
					field, state.name(), total);
		}
		else if (total > 0) {
			logger.info("Built index '{}' of table '{}' over {} records", field, state.name(), total);
		}
		return index;
	}

	private static List<LoggedChange> retainedChanges(MapDbStore store, long lastSequence, int maxChanges) {
		List<LoggedChange> retained = new ArrayList<>();
		long from = Math.max(1, lastSequence - maxChanges + 1);
		for (byte[] stored : store.changes().tailMap(from, true).values()) {
			retained.add(LoggedChange.decode(stored));
		}
		return retained;
	}

	private static void closeAfterFailure(MapDbStore store, WriteAheadLog log, RuntimeException failure) {
		try {
			store.close();
			if (log != null) {
				log.close();
			}
		}
		catch (java.io.IOException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

}
