package dev.microlith.platform.storage;

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

	/** How often expired records (of tables with a time to live) are deleted. */
	private Duration expirySweepInterval = Duration.ofSeconds(1);

	private final ChangeLog changeLog = new ChangeLog();

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

	public Duration getExpirySweepInterval() {
		return this.expirySweepInterval;
	}

	public void setExpirySweepInterval(Duration expirySweepInterval) {
		this.expirySweepInterval = expirySweepInterval;
	}

	public ChangeLog getChangeLog() {
		return this.changeLog;
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
