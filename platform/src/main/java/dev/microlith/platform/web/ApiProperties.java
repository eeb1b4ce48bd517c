package dev.microlith.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the REST API over tables under {@code microlith.api.}.
 */
@ConfigurationProperties("microlith.api")
public class ApiProperties {

	/** Maximum size of a request body that writes one record; larger requests get HTTP 413. */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

	private final Import importSettings = new Import();

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public Import getImport() {
		return this.importSettings;
	}

	/** Settings of bulk imports. */
	public static class Import {

		/** Number of records committed in one transaction; a batch is imported entirely or not at all. */
		private int batchSize = 500;

		/** Maximum number of failed records an import job lists; further failures are only counted. */
		private int maxListedFailures = 100;

		/** Maximum size of one record (one line of NDJSON or CSV, one element of a JSON array). */
		private DataSize maxRecordSize = DataSize.ofMegabytes(1);

		/** Number of finished import jobs whose reports are kept for {@code GET /ops/jobs/{id}}. */
		private int retainedJobs = 100;

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public int getMaxListedFailures() {
			return this.maxListedFailures;
		}

		public void setMaxListedFailures(int maxListedFailures) {
			this.maxListedFailures = maxListedFailures;
		}

		public DataSize getMaxRecordSize() {
			return this.maxRecordSize;
		}

		public void setMaxRecordSize(DataSize maxRecordSize) {
			this.maxRecordSize = maxRecordSize;
		}

		public int getRetainedJobs() {
			return this.retainedJobs;
		}

		public void setRetainedJobs(int retainedJobs) {
			this.retainedJobs = retainedJobs;
		}

	}

}
