package dev.microlith.platform.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress and outcome of one bulk import. Counters and the failure list are updated
 * while the import runs and read by {@code GET /ops/jobs/{id}}; thread-safe.
 */
final class ImportJob {

	/** The states of an import job. */
	enum State {

		/** Records are being read and committed. */
		RUNNING,

		/** Every record was read; each was imported or is listed as failed. */
		COMPLETED,

		/** The import stopped early, see {@code error}; batches committed before stay imported. */
		FAILED

	}

	private final String id;

	private final String table;

	private final ImportFormat format;

	private final int maxListedFailures;

	private final Instant started = Instant.now();

	private final AtomicLong read = new AtomicLong();

	private final AtomicLong imported = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final List<Failure> failures = new ArrayList<>();

	private volatile State state = State.RUNNING;

	private volatile String error;

	private volatile Instant finished;

	ImportJob(String id, String table, ImportFormat format, int maxListedFailures) {
		this.id = id;
		this.table = table;
		this.format = format;
		this.maxListedFailures = maxListedFailures;
	}

	String id() {
		return this.id;
	}

	boolean isFinished() {
		return this.state != State.RUNNING;
	}

	void recordRead() {
		this.read.incrementAndGet();
	}

	void recordImported(long count) {
		this.imported.addAndGet(count);
	}

	void recordFailure(Failure failure) {
		this.failed.incrementAndGet();
		synchronized (this.failures) {
			if (this.failures.size() < this.maxListedFailures) {
				this.failures.add(failure);
			}
		}
	}

	void complete() {
		this.finished = Instant.now();
		this.state = State.COMPLETED;
	}

	void fail(String error) {
		this.error = error;
		this.finished = Instant.now();
		this.state = State.FAILED;
	}

	/** Returns a snapshot of the job for the operations API. */
	Report report() {
		List<Failure> listed;
		synchronized (this.failures) {
			listed = List.copyOf(this.failures);
		}
		return new Report(this.id, "import", this.table, this.format, this.state, this.started, this.finished,
				this.read.get(), this.imported.get(), this.failed.get(), listed, this.error);
	}

	/**
	 * A record that was not imported.
	 * @param line the line it starts on (NDJSON and CSV), or {@code null}
	 * @param element its position in a JSON array counting from 1, or {@code null}
	 * @param reason why it was not imported
	 */
	record Failure(Long line, Long element, String reason) {
	}

	/**
	 * An import job as {@code GET /ops/jobs/{id}} reports it.
	 * @param id the job's id
	 * @param kind always {@code import}
	 * @param table the table imported into
	 * @param format the format read
	 * @param state the job's state
	 * @param started when the job started
	 * @param finished when it finished, or {@code null} while running
	 * @param read the number of records read so far
	 * @param imported the number of records committed
	 * @param failed the number of records not imported
	 * @param failures the first failed records, up to {@code microlith.api.import.max-listed-failures}
	 * @param error why the job failed as a whole, or {@code null}
	 */
	record Report(String id, String kind, String table, ImportFormat format, State state, Instant started,
			Instant finished, long read, long imported, long failed, List<Failure> failures, String error) {
	}

}
