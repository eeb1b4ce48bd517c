package dev.microlith.platform.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code microlith import TABLE FILE}: imports a file of records into a table and waits
 * for the import job to finish.
 */
@Command(name = "import",
		description = { "Import records from an NDJSON, JSON or CSV file into a table, and wait until the import job finishes.",
				"Exits with 1 when any record failed; the summary lists the failed lines and why." })
class ImportCommand implements Callable<Integer> {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final int BAR_WIDTH = 30;

	@Mixin
	NodeOptions node;

	@Parameters(index = "0", paramLabel = "TABLE", description = "The exported table to import into.")
	String table;

	@Parameters(index = "1", paramLabel = "FILE",
			description = "The file to import: .ndjson or .jsonl (one JSON object per line), .json (a JSON array of objects) or .csv (a header row of field names).")
	Path file;

	@Option(names = "--format", paramLabel = "FORMAT",
			description = "The file's format when its extension does not tell: ndjson, json or csv.")
	String format;

	@Option(names = "--key", paramLabel = "FIELD",
			description = "The field that contains each record's key (default: a field named 'key'; records without one get generated keys).")
	String keyField;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws FileNotFoundException, InterruptedException {
		String contentType = contentType();
		if (!Files.isRegularFile(this.file) || !Files.isReadable(this.file)) {
			throw new CliException("Cannot read file '" + this.file.toAbsolutePath()
					+ "': no such readable file. Pass the path of the file to import");
		}
		NodeClient client = new NodeClient(this.node);
		ProgressBar progress = (System.console() != null) ? new ProgressBar(this.spec.commandLine().getErr()) : null;
		CountingBody body = new CountingBody(HttpRequest.BodyPublishers.ofFile(this.file));
		JsonNode job = (progress != null) ? progress.whileSending(body, () -> send(client, contentType, body))
				: send(client, contentType, body);
		job = await(client, job, progress);
		return summarize(job);
	}

	private JsonNode send(NodeClient client, String contentType, HttpRequest.BodyPublisher body) {
		String path = "/api/" + URLEncoder.encode(this.table, StandardCharsets.UTF_8) + "/import"
				+ ((this.keyField != null) ? "?key=" + URLEncoder.encode(this.keyField, StandardCharsets.UTF_8) : "");
		return client.send("POST", path, contentType, body);
	}

	private JsonNode await(NodeClient client, JsonNode job, ProgressBar progress) throws InterruptedException {
		String path = "/ops/jobs/" + URLEncoder.encode(job.path("id").asString(), StandardCharsets.UTF_8);
		JsonNode current = job;
		while ("RUNNING".equals(current.path("state").asString())) {
			if (progress != null) {
				progress.records(current.path("read").asLong(), current.path("imported").asLong());
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
			current = client.get(path);
		}
		if (progress != null) {
			progress.done();
		}
		return current;
	}

	private int summarize(JsonNode job) {
		PrintWriter out = this.spec.commandLine().getOut();
		long failed = job.path("failed").asLong();
		out.printf("Imported %d of %d records into %s (%s), %d failed%n", job.path("imported").asLong(),
				job.path("read").asLong(), this.table, job.path("state").asString(), failed);
		for (JsonNode failure : job.path("failures")) {
			String where = failure.path("line").isNumber() ? "line " + failure.path("line").asLong()
					: "element " + failure.path("element").asLong();
			out.printf("  %s: %s%n", where, failure.path("reason").asString());
		}
		if (failed > job.path("failures").size()) {
			out.printf("  and %d more failures%n", failed - job.path("failures").size());
		}
		if (!job.path("error").isMissingNode() && !job.path("error").isNull()) {
			out.printf("The import stopped early: %s%n", job.path("error").asString());
		}
		return (failed == 0 && "COMPLETED".equals(job.path("state").asString())) ? 0 : 1;
	}

	private String contentType() {
		String name = (this.format != null) ? this.format.toLowerCase(Locale.ROOT)
				: extension(this.file.getFileName().toString());
		return switch (name) {
			case "ndjson", "jsonl" -> "application/x-ndjson";
			case "json" -> "application/json";
			case "csv" -> "text/csv";
			default -> throw new ParameterException(this.spec.commandLine(), "Unknown format '" + name + "' of file '"
					+ this.file + "': expected a file ending in .ndjson, .jsonl, .json or .csv, or --format ndjson|json|csv");
		};
	}

	private static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
	}

	/** A request body that counts the bytes handed to the HTTP client. */
	static final class CountingBody implements HttpRequest.BodyPublisher {

		private final HttpRequest.BodyPublisher delegate;

		private final AtomicLong sent = new AtomicLong();

		CountingBody(HttpRequest.BodyPublisher delegate) {
			this.delegate = delegate;
		}

		long sent() {
			return this.sent.get();
		}

		@Override
		public long contentLength() {
			return this.delegate.contentLength();
		}

		@Override
		public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
			this.delegate.subscribe(new Flow.Subscriber<>() {

				@Override
				public void onSubscribe(Flow.Subscription subscription) {
					subscriber.onSubscribe(subscription);
				}

				@Override
				public void onNext(ByteBuffer item) {
					CountingBody.this.sent.addAndGet(item.remaining());
					subscriber.onNext(item);
				}

				@Override
				public void onError(Throwable error) {
					subscriber.onError(error);
				}

				@Override
				public void onComplete() {
					subscriber.onComplete();
				}

			});
		}

	}

	/** A one-line progress bar on standard error, redrawn in place; used only on a terminal. */
	static final class ProgressBar {

		private final PrintWriter err;

		ProgressBar(PrintWriter err) {
			this.err = err;
		}

		/** Runs {@code send} while a background thread draws the bytes of {@code body} sent so far. */
		<T> T whileSending(CountingBody body, Supplier<T> send) {
			Thread drawer = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					bytes(body.sent(), body.contentLength());
					try {
						Thread.sleep(POLL_INTERVAL.toMillis());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}, "microlith-import-progress");
			drawer.setDaemon(true);
			drawer.start();
			try {
				return send.get();
			}
			finally {
				drawer.interrupt();
				bytes(body.contentLength(), body.contentLength());
			}
		}

		void bytes(long sent, long total) {
			double share = (total > 0) ? Math.min(1.0, (double) sent / total) : 0;
			int filled = (int) Math.round(share * BAR_WIDTH);
			this.err.printf("\r[%s%s] %3d%% sent, %d of %d KiB", "#".repeat(filled), " ".repeat(BAR_WIDTH - filled),
					Math.round(share * 100), sent >> 10, total >> 10);
			this.err.flush();
		}

		void records(long read, long imported) {
			this.err.printf("\r[%s] committing: %d read, %d imported        ", "#".repeat(BAR_WIDTH), read, imported);
			this.err.flush();
		}

		void done() {
			this.err.println();
		}

	}

}
