package dev.microlith.platform.web;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's import jobs, in memory: every running job, and the most recent finished ones
 * up to a retained number. Jobs are lost when the node stops. Thread-safe.
 */
final class ImportJobs {

	private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();

	private final int retainedFinished;

	private final int maxListedFailures;

	ImportJobs(int retainedFinished, int maxListedFailures) {
		this.retainedFinished = retainedFinished;
		this.maxListedFailures = maxListedFailures;
	}

	/** Creates and registers a running job. */
	ImportJob start(String table, ImportFormat format) {
		evictFinished();
		ImportJob job = new ImportJob(UUID.randomUUID().toString(), table, format, this.maxListedFailures);
		this.jobs.put(job.id(), job);
		return job;
	}

	/**
	 * Returns the job {@code id}.
	 * @throws ImportJobNotFoundException when no job has that id
	 */
	ImportJob get(String id) {
		ImportJob job = this.jobs.get(id);
		if (job == null) {
			throw new ImportJobNotFoundException("Job '" + id + "' not found: it never existed, or it finished long ago and its report was dropped (the node keeps the last "
					+ this.retainedFinished + " finished jobs, until it restarts)");
		}
		return job;
	}

	private void evictFinished() {
		long finished = this.jobs.values().stream().filter(ImportJob::isFinished).count();
		Iterator<ImportJob> oldest = this.jobs.values()
			.stream()
			.filter(ImportJob::isFinished)
			.sorted((a, b) -> a.report().finished().compareTo(b.report().finished()))
			.iterator();
		while (finished >= this.retainedFinished && oldest.hasNext()) {
			this.jobs.remove(oldest.next().id());
			finished--;
		}
	}

}
