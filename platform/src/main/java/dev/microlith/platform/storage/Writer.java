package dev.microlith.platform.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.mapdb.BTreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the store, making queued writes durable in groups.
 * <p>
 * MapDB 3.1.0 fails when several threads put and commit at once, so every write goes
 * through this thread. It takes up to {@code maxWritesPerCommit} queued tasks and runs
 * them one after the other. Their changes are appended to the {@link WriteAheadLog} with
 * one sync, which makes them durable; then they go into MapDB's maps, into the in-memory
 * tables and the change feed, and the tasks' futures complete on a separate thread, so
 * callers' continuations never run here. MapDB itself commits at checkpoints, every
 * {@code checkpointInterval} or {@code checkpointWrites} writes, after which the log is
 * emptied.
 * <p>
 * Exclusive tasks (declaring tables, compaction, backup) change MapDB directly: they run
 * after a checkpoint and commit MapDB at once.
 */
final class Writer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Writer.class);

	static final String LAST_SEQUENCE = "last.sequence";

	static final String LAST_TIMESTAMP = "last.timestamp";

	/** Queued by {@link #close()} after the last write; never run. */
	private static final WriteTask<Object> STOP = WriteTask.of((scope) -> null);

	private final MapDbStore store;

	private final WriteAheadLog log;

	private final ChangeBuffer changes;

	private final int maxChanges;

	private final int maxWritesPerCommit;

	private final long checkpointIntervalNanos;

	private final int checkpointWrites;

	private final BlockingQueue<WriteTask<?>> queue;

	private final HybridLogicalClock clock;

	private final ExecutorService completions = Executors.newSingleThreadExecutor((task) -> daemon(task,
			"microlith-table-ack"));

	private final Thread thread;

	/** The last committed sequence. */
	private long lastSequence;

	/** The first sequence still persisted in MapDB's change log. */
	private long firstPersisted;

	private int writesSinceCheckpoint;

	private long lastCheckpointNanos = System.nanoTime();

	private volatile boolean closed;

	private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

	/** Set when the store can no longer be trusted to match the log; writes are rejected until a restart. */
	private volatile Throwable broken;

	Writer(MapDbStore store, WriteAheadLog log, ChangeBuffer changes, StorageProperties properties,
			long lastSequence, long lastTimestamp) {
		this.store = store;
		this.log = log;
		this.changes = changes;
		this.maxChanges = properties.getChangeLog().getMaxChanges();
		this.maxWritesPerCommit = Math.max(1, properties.getMaxWritesPerCommit());
		this.checkpointIntervalNanos = Math.max(1, properties.getCheckpointInterval().toNanos());
		this.checkpointWrites = Math.max(1, properties.getCheckpointWrites());
		this.queue = new ArrayBlockingQueue<>(Math.max(1, properties.getMaxPendingWrites()));
		this.clock = new HybridLogicalClock(lastTimestamp);
		this.lastSequence = lastSequence;
		this.firstPersisted = store.changes().isEmpty() ? lastSequence + 1 : store.changes().firstKey();
		this.thread = daemon(this::run, "microlith-table-writer");
		this.thread.start();
	}

	/**
	 * Queues {@code task}; its future completes after the writes are durable.
	 * @throws StorageException in the future when the queue is full or the writer is closed
	 */
	<T> WriteTask<T> submit(WriteTask<T> task) {
		if (this.closed) {
			task.result().completeExceptionally(new StorageException("Write rejected: the table store is closed"));
		}
		else if (this.broken != null) {
			task.result().completeExceptionally(new StorageException("Write rejected: the table store failed ("
					+ this.broken + ") and needs a restart of the node", this.broken));
		}
		else if (!this.queue.offer(task)) {
			task.result().completeExceptionally(new StorageException("Write rejected: " + this.queue.size()
					+ " writes are already waiting for the disk; retry later or raise microlith.storage.max-pending-writes"));
		}
		return task;
	}

	/** Returns whether a failure left MapDB out of step with the write-ahead log. */
	boolean isBroken() {
		return this.broken != null;
	}

	/** Returns whether the calling thread is the writer thread. */
	boolean isWriterThread() {
		return Thread.currentThread() == this.thread;
	}

	/** Commits the queued writes, checkpoints MapDB and stops the thread. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.queue.put(STOP);
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.completions.shutdown();
	}

	private void run() {
		List<WriteTask<?>> tasks = new ArrayList<>(this.maxWritesPerCommit);
		boolean stopping = false;
		while (!stopping) {
			try {
				WriteTask<?> first = this.queue.poll(this.checkpointIntervalNanos, TimeUnit.NANOSECONDS);
				if (first != null) {
					tasks.add(first);
					this.queue.drainTo(tasks, this.maxWritesPerCommit - 1);
					stopping = tasks.remove(STOP);
					process(tasks);
				}
				checkpointIfDue(stopping);
			}
			catch (InterruptedException ex) {
				logger.warn("Table writer interrupted; it stops without waiting for further writes");
				stopping = true;
			}
			catch (RuntimeException | Error ex) {
				logger.error("Table writer failed while processing {} writes", tasks.size(), ex);
				failAll(tasks, ex);
			}
			tasks.clear();
		}
		this.queue.drainTo(tasks);
		failAll(tasks, new StorageException("Write rejected: the table store is closed"));
		logger.debug("Table writer stopped");
	}

	/** Runs the tasks in order, in one batch, except that an exclusive task runs alone. */
	private void process(List<WriteTask<?>> tasks) {
		List<WriteTask<?>> group = new ArrayList<>(tasks.size());
		for (WriteTask<?> task : tasks) {
			if (task.exclusive()) {
				commitGroup(group);
				group.clear();
				runExclusive(task);
			}
			else {
				group.add(task);
			}
		}
		commitGroup(group);
	}

	private void commitGroup(List<WriteTask<?>> tasks) {
		if (tasks.isEmpty()) {
			return;
		}
		WriteBatch batch = new WriteBatch(this.lastSequence + 1, this.clock);
		Object[] results = new Object[tasks.size()];
		Throwable[] failures = new Throwable[tasks.size()];
		runTasks(tasks, batch, results, failures);
		if (batch.changes.isEmpty()) {
			complete(tasks, results, failures);
			return;
		}
		try {
			this.log.append(batch.changes);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Writing {} changes to the write-ahead log failed; none was applied", batch.changes.size(), ex);
			failSucceeded(failures, new StorageException("Write failed and was not applied: " + ex
					+ "; check free disk space and the permissions of the data directory", ex));
			complete(tasks, results, failures);
			return;
		}
		applyDurable(batch);
		complete(tasks, results, failures);
	}

	/** Applies a batch that is durable in the log to MapDB, the in-memory tables and the feed. */
	private void applyDurable(WriteBatch batch) {
		try {
			persist(batch);
		}
		catch (RuntimeException | Error ex) {
			// The writes are durable in the log and replay at the next start, but MapDB no
			// longer matches it, so no further write may go there.
			this.broken = ex;
			logger.error("Applying logged writes to MapDB failed; the table store rejects writes until the node restarts",
					ex);
		}
		publish(batch);
		this.writesSinceCheckpoint += batch.changes.size();
	}

	private void runExclusive(WriteTask<?> task) {
		List<WriteTask<?>> tasks = List.of(task);
		Object[] results = new Object[1];
		Throwable[] failures = new Throwable[1];
		try {
			checkpoint();
		}
		catch (RuntimeException ex) {
			failures[0] = ex;
			complete(tasks, results, failures);
			return;
		}
		WriteBatch batch = new WriteBatch(this.lastSequence + 1, this.clock);
		runTasks(tasks, batch, results, failures);
		try {
			if (failures[0] == null) {
				persist(batch);
				this.store.commit();
				publish(batch);
			}
			else {
				this.store.rollback();
			}
		}
		catch (RuntimeException | Error ex) {
			failures[0] = rollBack(ex);
		}
		complete(tasks, results, failures);
	}

	private void runTasks(List<WriteTask<?>> tasks, WriteBatch batch, Object[] results, Throwable[] failures) {
		for (int i = 0; i < tasks.size(); i++) {
			WriteScope scope = new WriteScope(batch);
			try {
				results[i] = tasks.get(i).work().apply(scope);
				scope.merge();
			}
			catch (RuntimeException | LinkageError | StackOverflowError ex) {
				scope.discard();
				failures[i] = ex;
			}
		}
	}

	private void checkpointIfDue(boolean stopping) {
		boolean due = this.writesSinceCheckpoint >= this.checkpointWrites
				|| System.nanoTime() - this.lastCheckpointNanos >= this.checkpointIntervalNanos;
		if ((due || stopping) && this.writesSinceCheckpoint > 0 && this.broken == null) {
			try {
				checkpoint();
			}
			catch (RuntimeException ex) {
				this.broken = ex;
				logger.error("Checkpoint of the table store failed; its writes are safe in the write-ahead log, "
						+ "and the store rejects writes until the node restarts", ex);
			}
		}
	}

	/**
	 * Commits MapDB (behind a shadow copy of the store file, see {@link MapDbStore#commit()})
	 * and empties the log, which MapDB then contains entirely.
	 */
	private void checkpoint() {
		if (this.broken != null) {
			throw new StorageException("The table store failed (" + this.broken + ") and needs a restart of the node",
					this.broken);
		}
		this.store.commit();
		this.writesSinceCheckpoint = 0;
		this.lastCheckpointNanos = System.nanoTime();
		try {
			this.log.clear();
		}
		catch (IOException ex) {
			// Harmless: replay skips changes that MapDB already committed.
			logger.warn("Emptying the write-ahead log failed; it is replayed and emptied at the next start", ex);
		}
	}

	private void persist(WriteBatch batch) {
		for (Map.Entry<TableState, Map<Object, StoredRecord>> table : batch.staged.entrySet()) {
			BTreeMap<Object, byte[]> stored = table.getKey().stored;
			table.getValue().forEach((key, record) -> {
				if (record.isDeletion()) {
					stored.remove(key);
				}
				else {
					stored.put(key, record.encode());
				}
			});
		}
		for (LoggedChange change : batch.changes) {
			this.store.changes().put(change.sequence(), change.encode());
		}
		long last = batch.nextSequence - 1;
		pruneChangeLog(last);
		this.store.meta().put(LAST_SEQUENCE, Long.toString(last));
		this.store.meta().put(LAST_TIMESTAMP, Long.toString(this.clock.last()));
	}

	private void pruneChangeLog(long last) {
		long keepFrom = Math.max(this.changes.first(), last - this.maxChanges + 1);
		while (this.firstPersisted < keepFrom) {
			this.store.changes().remove(this.firstPersisted);
			this.firstPersisted++;
		}
	}

	private StorageException rollBack(Throwable cause) {
		logger.error("Commit of table changes failed; rolling back", cause);
		try {
			this.store.rollback();
		}
		catch (RuntimeException | Error ex) {
			cause.addSuppressed(ex);
			this.broken = cause;
			logger.error("Rollback failed; the table store rejects writes until the node restarts", ex);
		}
		this.firstPersisted = this.store.changes().isEmpty() ? this.lastSequence + 1
				: this.store.changes().firstKey();
		return new StorageException("Write failed and was not applied: " + cause
				+ "; check free disk space and the permissions of the data directory", cause);
	}

	private void publish(WriteBatch batch) {
		batch.staged.forEach((table, records) -> records.forEach(table::apply));
		notifyListeners(batch);
		if (!batch.changes.isEmpty()) {
			this.lastSequence = batch.nextSequence - 1;
			this.changes.append(batch.changes);
		}
	}

	private void notifyListeners(WriteBatch batch) {
		for (CommitListener listener : this.listeners) {
			for (LoggedChange change : batch.changes) {
				try {
					listener.committed(change.table(), change.key());
				}
				catch (RuntimeException ex) {
					logger.error("Commit listener failed for table '{}' key '{}'", change.table(), change.key(), ex);
				}
			}
		}
	}

	/** Adds a listener told of every committed write before the writer acknowledges it. */
	void addListener(CommitListener listener) {
		this.listeners.add(listener);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void complete(List<WriteTask<?>> tasks, Object[] results, Throwable[] failures) {
		List<WriteTask<?>> done = List.copyOf(tasks);
		this.completions.execute(() -> {
			for (int i = 0; i < done.size(); i++) {
				WriteTask task = done.get(i);
				if (failures[i] != null) {
					task.result().completeExceptionally(failures[i]);
				}
				else {
					task.result().complete(results[i]);
				}
			}
		});
	}

	private static void failSucceeded(Throwable[] failures, Throwable failure) {
		for (int i = 0; i < failures.length; i++) {
			failures[i] = (failures[i] != null) ? failures[i] : failure;
		}
	}

	private void failAll(List<WriteTask<?>> tasks, Throwable failure) {
		for (WriteTask<?> task : tasks) {
			task.result().completeExceptionally(failure);
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
