package dev.microlith.platform.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the tables under {@code microlith.storage.}.
 */
@ConfigurationProperties("microlith.storage")
public class StorageProperties {

	/** Maximum size of one record encoded as JSON; larger writes are rejected. */
	private DataSize maxRecordSize = DataSize.ofMegabytes(1);

	/** Maximum number of queued writes that share one durable commit. */
	private int maxWritesPerCommit = 1000;

	/** Maximum number of writes waiting for the writer; further writes are rejected until it catches up. */
	private int maxPendingWrites = 100_000;

	/**
	 * Maximum time between MapDB commits (checkpoints). Writes are durable in the
	 * write-ahead log before that. Each checkpoint copies the store file first, so a
	 * longer interval costs less, but a crash replays more of the log.
	 */
	private Duration checkpointInterval = Duration.ofSeconds(10);

	/** Number of writes after which MapDB commits, even before the checkpoint interval has passed. */
	private int checkpointWrites = 50_000;

	/** How often expired records (of tables with a time to live) are deleted. */
	private Duration expirySweepInterval = Duration.ofSeconds(1);

	/**
	 * Backup file to replace the tables with at start-up. The replaced files are kept in a
	 * replaced-* folder, and the same backup is restored only once.
	 */
	private Path restoreFrom;

	private final ChangeLog changeLog = new ChangeLog();

	private final Compaction compaction = new Compaction();

	public DataSize getMaxRecordSize() {
		return this.maxRecordSize;
	}

	public void setMaxRecordSize(DataSize maxRecordSize) {
		this.maxRecordSize = maxRecordSize;
	}

	public int getMaxWritesPerCommit() {
		return this.maxWritesPerCommit;
	}

	public void setMaxWritesPerCommit(int maxWritesPerCommit) {
		this.maxWritesPerCommit = maxWritesPerCommit;
	}

	public int getMaxPendingWrites() {
		return this.maxPendingWrites;
	}

	public void setMaxPendingWrites(int maxPendingWrites) {
		this.maxPendingWrites = maxPendingWrites;
	}

	public Duration getCheckpointInterval() {
		return this.checkpointInterval;
	}

	public void setCheckpointInterval(Duration checkpointInterval) {
		this.checkpointInterval = checkpointInterval;
	}

	public int getCheckpointWrites() {
		return this.checkpointWrites;
	}

	public void setCheckpointWrites(int checkpointWrites) {
		this.checkpointWrites = checkpointWrites;
	}

	public Duration getExpirySweepInterval() {
		return this.expirySweepInterval;
	}

	public void setExpirySweepInterval(Duration expirySweepInterval) {
		this.expirySweepInterval = expirySweepInterval;
	}

	public Path getRestoreFrom() {
		return this.restoreFrom;
	}

	public void setRestoreFrom(Path restoreFrom) {
		this.restoreFrom = restoreFrom;
	}

	public ChangeLog getChangeLog() {
		return this.changeLog;
	}

	public Compaction getCompaction() {
		return this.compaction;
	}

	/** When the store file is rewritten to give back the space of overwritten and deleted records. */
	public static class Compaction {

		/** How often the store file's size is compared with the live data; zero turns automatic compaction off. */
		private Duration checkInterval = Duration.ofMinutes(10);

		/** Size below which the store file is never compacted automatically. */
		private DataSize minFileSize = DataSize.ofMegabytes(64);

		/** Compact when the store file is larger than this many times the live records' JSON. */
		private double maxFileToDataRatio = 4.0;

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

		public DataSize getMinFileSize() {
			return this.minFileSize;
		}

		public void setMinFileSize(DataSize minFileSize) {
			this.minFileSize = minFileSize;
		}

		public double getMaxFileToDataRatio() {
			return this.maxFileToDataRatio;
		}

		public void setMaxFileToDataRatio(double maxFileToDataRatio) {
			this.maxFileToDataRatio = maxFileToDataRatio;
		}

	}

	/** Retention of the change log that change feeds replay from. */
	public static class ChangeLog {

		/** Maximum number of changes kept; older ones are dropped first. Kept in memory and on disk. */
		private int maxChanges = 100_000;

		/** Maximum age of a kept change. */
		private Duration maxAge = Duration.ofHours(24);

		public int getMaxChanges() {
			return this.maxChanges;
		}

		public void setMaxChanges(int maxChanges) {
			this.maxChanges = maxChanges;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

}
