package dev.microlith.platform.storage;

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
 * The one thread that writes to MapDB, committing queued writes in groups.
 * <p>
 * MapDB 3.1.0 fails when several threads put and commit at once, and one commit costs a
 * few milliseconds whatever its size, so every write goes through this thread: it takes
 * up to {@code maxWritesPerCommit} queued tasks, runs them one after the other, persists
 * their writes and the change log, and commits once. Only then does it apply the writes
 * to the in-memory tables, append the changes to the feed, and complete the tasks' futures
 * on a separate thread, so callers' continuations never run on the writer.
 */
final class Writer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Writer.class);

	static final String LAST_SEQUENCE = "last.sequence";

	static final String LAST_TIMESTAMP = "last.timestamp";

	/** Queued by {@link #close()} after the last write; never run. */
	private static final WriteTask<Object> STOP = WriteTask.of((scope) -> null);

	private final MapDbStore store;

	private final ChangeBuffer changes;

	private final int maxChanges;

	private final int maxWritesPerCommit;

	private final BlockingQueue<WriteTask<?>> queue;

	private final HybridLogicalClock clock;

	private final ExecutorService completions = Executors.newSingleThreadExecutor((task) -> daemon(task,
			"microlith-table-ack"));

	private final Thread thread;

	/** The last committed sequence. */
	private long lastSequence;

	/** The first sequence still persisted in the change log. */
	private long firstPersisted;

	private volatile boolean closed;

	private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

	/** Set when a rollback failed, after which the store is no longer trusted. */
	private volatile Throwable broken;

	Writer(MapDbStore store, ChangeBuffer changes, StorageProperties properties, long lastSequence,
			long lastTimestamp) {
		this.store = store;
		this.changes = changes;
		this.maxChanges = properties.getChangeLog().getMaxChanges();
		this.maxWritesPerCommit = Math.max(1, properties.getMaxWritesPerCommit());
		this.queue = new ArrayBlockingQueue<>(Math.max(1, properties.getMaxPendingWrites()));
		this.clock = new HybridLogicalClock(lastTimestamp);
		this.lastSequence = lastSequence;
		this.firstPersisted = store.changes().isEmpty() ? lastSequence + 1 : store.changes().firstKey();
		this.thread = daemon(this::run, "microlith-table-writer");
		this.thread.start();
	}

	/**
	 * Queues {@code task}; its future completes after the commit.
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

	/** Returns whether the calling thread is the writer thread. */
	boolean isWriterThread() {
		return Thread.currentThread() == this.thread;
	}

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
				tasks.add(this.queue.take());
				this.queue.drainTo(tasks, this.maxWritesPerCommit - 1);
				stopping = tasks.remove(STOP);
				process(tasks);
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

	/** Runs the tasks in order, in one batch, except that an exclusive task commits alone. */
	private void process(List<WriteTask<?>> tasks) {
		List<WriteTask<?>> group = new ArrayList<>(tasks.size());
		for (WriteTask<?> task : tasks) {
			if (task.exclusive()) {
				commitGroup(group);
				group.clear();
				commitGroup(List.of(task));
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
		for (int i = 0; i < tasks.size(); i++) {
			runTask(tasks.get(i), batch, results, failures, i);
		}
		if (tasks.size() == 1 && tasks.get(0).exclusive() && failures[0] != null) {
			// An exclusive task changes MapDB directly, so undo what it did before it failed.
			rollBack(failures[0], false);
			complete(tasks, results, failures);
			return;
		}
		try {
			persist(batch);
		}
		catch (RuntimeException | Error ex) {
			StorageException failure = rollBack(ex, true);
			for (int i = 0; i < failures.length; i++) {
				failures[i] = (failures[i] != null) ? failures[i] : failure;
			}
			complete(tasks, results, failures);
			return;
		}
		publish(batch);
		complete(tasks, results, failures);
	}

	private void runTask(WriteTask<?> task, WriteBatch batch, Object[] results, Throwable[] failures, int i) {
		WriteScope scope = new WriteScope(batch);
		try {
			results[i] = task.work().apply(scope);
			scope.merge();
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			scope.discard();
			failures[i] = ex;
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
		this.store.commit();
	}

	private void pruneChangeLog(long last) {
		long keepFrom = Math.max(this.changes.first(), last - this.maxChanges + 1);
		while (this.firstPersisted < keepFrom) {
			this.store.changes().remove(this.firstPersisted);
			this.firstPersisted++;
		}
	}

	private StorageException rollBack(Throwable cause, boolean commitFailed) {
		if (commitFailed) {
			logger.error("Commit of table writes failed; rolling back", cause);
		}
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
