package dev.microlith.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableService;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.TableException;
import dev.microlith.sdk.table.Transaction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Handles {@code POST /api/{table}/import}: reads NDJSON, a JSON array or CSV as it
 * arrives and commits the records in batches, one transaction per batch, as an
 * {@link ImportJob}.
 * <p>
 * The response (202, {@code Location: /ops/jobs/{id}}) is sent once the whole body has
 * been read, so the last batches may still be committing; poll the job until it is no
 * longer {@code RUNNING}. A record names its key in the field given by the {@code key}
 * parameter, which stays in the record, or else in a field {@code key}, which is removed
 * from the record. Records without a key are inserted under generated keys.
 */
final class TableImporter {

	private static final Logger logger = LoggerFactory.getLogger(TableImporter.class);

	private static final String DEFAULT_KEY_FIELD = "key";

	private final TableApiHandler records;

	private final TableService tables;

	private final ImportRecordReader reader;

	private final ImportJobs jobs;

	private final int batchSize;

	TableImporter(TableApiHandler records, TableService tables, ImportRecordReader reader, ImportJobs jobs,
			int batchSize) {
		this.records = records;
		this.tables = tables;
		this.reader = reader;
		this.jobs = jobs;
		this.batchSize = batchSize;
	}

	/** {@code POST /api/{table}/import}: starts an import job and returns it once the body is read. */
	Mono<ServerResponse> importRecords(ServerRequest request) {
		TableApiHandler.ExportedTable table = this.records.exported(request);
		ImportFormat format = ImportFormat.of(request.headers().contentType().orElse(null));
		Keys keys = new Keys(table, keyField(request));
		ImportJob job = this.jobs.start(table.name(), format);
		logger.info("Import job '{}' into table '{}' started, reading {}", job.id(), table.name(), format);
		Sinks.Empty<Void> bodyRead = Sinks.empty();
		Flux<DataBuffer> body = request.body(BodyExtractors.toDataBuffers())
			.doFinally((signal) -> bodyRead.tryEmitEmpty());
		this.reader.read(body, format)
			.doOnNext((item) -> job.recordRead())
			.buffer(this.batchSize)
			.concatMap((batch) -> commit(table, keys, batch, job).publishOn(Schedulers.parallel()), 1)
			.subscribe(null, (error) -> {
				finish(job, table, error);
				bodyRead.tryEmitEmpty();
			}, () -> finish(job, table, null));
		return bodyRead.asMono()
			.then(Mono.defer(() -> ServerResponse.accepted()
				.location(URI.create("/ops/jobs/" + job.id()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(job.report())));
	}

	/** {@code GET /ops/jobs/{id}}: the job's progress and outcome. */
	Mono<ServerResponse> job(ServerRequest request) {
		ImportJob job = this.jobs.get(request.pathVariable("id"));
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(job.report());
	}

	private Mono<Void> commit(TableApiHandler.ExportedTable table, Keys keys, List<ImportRecordReader.ImportItem> batch,
			ImportJob job) {
		List<Prepared> ready = new ArrayList<>();
		for (ImportRecordReader.ImportItem item : batch) {
			if (item.failure() != null) {
				job.recordFailure(new ImportJob.Failure(item.line(), item.element(), item.failure()));
				continue;
			}
			try {
				ready.add(keys.prepare(item));
			}
			catch (IllegalArgumentException ex) {
				job.recordFailure(new ImportJob.Failure(item.line(), item.element(), ex.getMessage()));
			}
		}
		if (ready.isEmpty()) {
			return Mono.empty();
		}
		return this.tables.tables()
			.transaction((transaction) -> write(transaction.documents(table.name()), ready))
			.doOnNext((result) -> {
				job.recordImported(result.imported());
				result.failures().forEach(job::recordFailure);
			})
			.then();
	}

	/**
	 * Writes the records of one batch. A record the table rejects (wrong key, too large)
	 * is listed as failed, before anything of it is staged, so the others still commit.
	 */
	private static BatchResult write(Transaction.View<Object, Map<String, Object>> view, List<Prepared> ready) {
		long imported = 0;
		List<ImportJob.Failure> failures = new ArrayList<>();
		for (Prepared record : ready) {
			try {
				if (record.generatedKey()) {
					view.insert(record.key(), record.record());
				}
				else {
					view.put(record.key(), record.record());
				}
				imported++;
			}
			catch (TableException ex) {
				failures.add(new ImportJob.Failure(record.item().line(), record.item().element(), ex.getMessage()));
			}
		}
		return new BatchResult(imported, failures);
	}

	private static void finish(ImportJob job, TableApiHandler.ExportedTable table, Throwable error) {
		if (error == null) {
			job.complete();
		}
		else {
			job.fail(error.getMessage());
		}
		ImportJob.Report report = job.report();
		if (error == null) {
			logger.info("Import job '{}' into table '{}' completed: {} read, {} imported, {} failed", job.id(),
					table.name(), report.read(), report.imported(), report.failed());
		}
		else if (error instanceof MalformedBodyException) {
			logger.warn("Import job '{}' into table '{}' failed after {} imported: {}", job.id(), table.name(),
					report.imported(), error.getMessage());
		}
		else {
			logger.error("Import job '{}' into table '{}' failed after {} imported", job.id(), table.name(),
					report.imported(), error);
		}
	}

	private static String keyField(ServerRequest request) {
		String field = request.queryParam("key").orElse(null);
		if (field != null && field.isBlank()) {
			throw new InvalidParameterException("key", field,
					"Invalid key parameter '" + field + "': expected the name of the field that contains each record's key");
		}
		return field;
	}

	/** Finds or generates the key of each record. Used by one import's pipeline, one batch at a time. */
	private static final class Keys {

		private final TableApiHandler.ExportedTable table;

		private final String field;

		private long lastLongKey = -1;

		Keys(TableApiHandler.ExportedTable table, String field) {
			this.table = table;
			this.field = field;
		}

		/**
		 * Returns the record with its key.
		 * @throws IllegalArgumentException when the key is missing or of the wrong type
		 */
		Prepared prepare(ImportRecordReader.ImportItem item) {
			Map<String, Object> record = item.record();
			String name = (this.field != null) ? this.field : DEFAULT_KEY_FIELD;
			Object given = record.get(name);
			if (given == null && this.field != null) {
				throw new IllegalArgumentException("Missing key field '" + this.field
						+ "': expected every record to have it, as the key parameter names it");
			}
			if (given == null) {
				return new Prepared(item, generate(), record, true);
			}
			if (this.field == null) {
				record = new HashMap<>(record);
				record.remove(DEFAULT_KEY_FIELD);
			}
			return new Prepared(item, convert(given), record, false);
		}

		private Object convert(Object given) {
			KeyType type = this.table.definition().keyType();
			Object key = (type == KeyType.STRING && (given instanceof Number || given instanceof Boolean))
					? given.toString() : given;
			return type.convert(key);
		}

		private Object generate() {
			return switch (this.table.definition().keyType()) {
				case STRING -> UUID.randomUUID().toString();
				case UUID -> UUID.randomUUID();
				case LONG -> nextLongKey();
			};
		}

		/**
		 * Returns one more than the largest long key, which the first call finds by reading
		 * every key of the table.
		 */
		private long nextLongKey() {
			// NOTE: the first generated long key costs a scan of the whole table, in memory.
			if (this.lastLongKey < 0) {
				AtomicLong largest = new AtomicLong();
				// Table reads run on the calling thread, so the scan is done when subscribe returns.
				this.table.documents()
					.find(Query.all())
					.subscribe((row) -> largest.accumulateAndGet((Long) row.key(), Math::max));
				this.lastLongKey = largest.get();
			}
			this.lastLongKey++;
			return this.lastLongKey;
		}

	}

	private record Prepared(ImportRecordReader.ImportItem item, Object key, Map<String, Object> record,
			boolean generatedKey) {
	}

	private record BatchResult(long imported, List<ImportJob.Failure> failures) {
	}

}
