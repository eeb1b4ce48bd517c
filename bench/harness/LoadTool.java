import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's load generator for what wrk cannot do: an open model (requests start on a
 * schedule, latency counts from the scheduled start, so a slow server cannot hide its queue),
 * an update followed by a read on another connection, and update-to-SSE-client latency.
 * Each mode prints one JSON object on standard output. It only connects to 127.0.0.1 and
 * every mode stops after its duration.
 * <p>
 * Usage: {@code java LoadTool.java MODE --name value ...}; modes {@code open},
 * {@code update-read} and {@code sse}, options in {@link #main(String[])}.
 */
public class LoadTool {

	private static final String HOST = "127.0.0.1";

	/**
	 * Runs one mode. Options: {@code --port}, {@code --duration} (seconds); open:
	 * {@code --path} (with {@code {key}}), {@code --keys}, {@code --rate}, {@code --connections};
	 * update-read: {@code --put-path}, {@code --get-path}, {@code --cities} (file of
	 * {@code key TAB json} lines whose JSON has {@code @@} for the token), {@code --workers};
	 * sse: {@code --sse-path}, {@code --put-path}, {@code --cities}, {@code --rates}
	 * (comma-separated updates per second, the first one is the fixed-rate step),
	 * {@code --senders}. Every mode takes {@code --authorization}, an {@code Authorization}
	 * header value sent with each request (empty for none).
	 */
	/** The {@code Authorization} header value sent with every request, or empty for none. */
	private static String authorization = "";

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		Options o = new Options(options);
		authorization = options.getOrDefault("authorization", "");
		String json = switch (mode) {
			case "open" -> openModel(o);
			case "update-read" -> updateThenRead(o);
			case "sse" -> sse(o);
			default -> throw new IllegalArgumentException("Unknown mode '" + mode
					+ "': expected open, update-read or sse");
		};
		System.out.println(json);
	}

	// ---- open model ----

	static String openModel(Options o) throws Exception {
		int port = o.integer("port");
		String path = o.text("path");
		int keys = o.integer("keys");
		double rate = o.decimal("rate");
		int connections = o.integer("connections");
		long duration = (long) (o.decimal("duration") * 1e9);
		long interval = (long) (connections * 1e9 / rate);
		int perConnection = (int) (duration / interval) + 1;
		long[][] latencies = new long[connections][perConnection];
		int[] counts = new int[connections];
		AtomicLong errors = new AtomicLong();
		// NOTE: nothing warms this JVM up first, so its own early slowness is in the recorded tail.
		long start = System.nanoTime() + 200_000_000L;
		long end = start + duration;
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			int index = c;
			long offset = interval * c / connections;
			threads.add(started(() -> {
				Connection connection = null;
				for (int n = 0; n < perConnection; n++) {
					long intended = start + offset + n * interval;
					if (intended >= end) {
						break;
					}
					parkUntil(intended);
					String target = path.replace("{key}", Integer.toString(1 + ThreadLocalRandom.current().nextInt(keys)));
					try {
						if (connection == null) {
							connection = new Connection(port);
						}
						Response response = connection.send("GET", target, null, null);
						if (response.status() != 200) {
							errors.incrementAndGet();
						}
					}
					catch (IOException ex) {
						errors.incrementAndGet();
						connection = Connection.closeQuietly(connection);
					}
					latencies[index][counts[index]++] = System.nanoTime() - intended;
				}
				Connection.closeQuietly(connection);
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long elapsed = System.nanoTime() - start;
		long[] all = merge(latencies, counts);
		return "{\"requests\":" + all.length + ",\"errors\":" + errors.get() + ",\"seconds\":" + fmt(elapsed / 1e9)
				+ ",\"targetRate\":" + fmt(rate) + ",\"throughput\":" + fmt(all.length / (elapsed / 1e9))
				+ ",\"latencyMs\":" + percentiles(all) + "}";
	}

	// ---- update, then read from another connection ----

	static String updateThenRead(Options o) throws Exception {
		int port = o.integer("port");
		String putPath = o.text("put-path");
		String getPath = o.text("get-path");
		List<String[]> cities = cities(o.text("cities"));
		int workers = o.integer("workers");
		long duration = (long) (o.decimal("duration") * 1e9);
		long end = System.nanoTime() + duration;
		List<long[]> puts = new ArrayList<>();
		List<long[]> pairs = new ArrayList<>();
		int[] counts = new int[workers];
		AtomicLong errors = new AtomicLong();
		AtomicLong stale = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		for (int w = 0; w < workers; w++) {
			int index = w;
			long[] putLatencies = new long[2_000_000];
			long[] pairLatencies = new long[2_000_000];
			puts.add(putLatencies);
			pairs.add(pairLatencies);
			threads.add(started(() -> {
				Connection writer = null;
				Connection reader = null;
				long sequence = 0;
				while (System.nanoTime() < end && counts[index] < putLatencies.length) {
					// Each worker writes only its own share of the keys, so a read that lacks the token is stale.
					int share = (cities.size() - index + workers - 1) / workers;
					String[] city = cities.get(index + workers * ThreadLocalRandom.current().nextInt(share));
					String token = "w" + index + "-" + (sequence++);
					try {
						if (writer == null) {
							writer = new Connection(port);
							reader = new Connection(port);
						}
						long begin = System.nanoTime();
						Response written = writer.send("PUT", putPath.replace("{key}", city[0]), city[1].replace("@@", token),
								"application/json");
						long writtenAt = System.nanoTime();
						Response read = reader.send("GET", getPath.replace("{key}", city[0]), null, null);
						long readAt = System.nanoTime();
						if (written.status() != 200 || read.status() != 200) {
							errors.incrementAndGet();
							continue;
						}
						if (!read.body().contains("\"admin2\":\"" + token + "\"")) {
							stale.incrementAndGet();
						}
						putLatencies[counts[index]] = writtenAt - begin;
						pairLatencies[counts[index]++] = readAt - begin;
					}
					catch (IOException ex) {
						errors.incrementAndGet();
						writer = Connection.closeQuietly(writer);
						reader = Connection.closeQuietly(reader);
					}
				}
				Connection.closeQuietly(writer);
				Connection.closeQuietly(reader);
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] putAll = merge(puts.toArray(long[][]::new), counts);
		long[] pairAll = merge(pairs.toArray(long[][]::new), counts);
		return "{\"pairs\":" + pairAll.length + ",\"errors\":" + errors.get() + ",\"staleReads\":" + stale.get()
				+ ",\"seconds\":" + fmt(seconds) + ",\"throughput\":" + fmt(pairAll.length / seconds)
				+ ",\"putLatencyMs\":" + percentiles(putAll) + ",\"latencyMs\":" + percentiles(pairAll) + "}";
	}

	// ---- update to SSE client ----

	static String sse(Options o) throws Exception {
		int port = o.integer("port");
		String ssePath = o.text("sse-path");
		String putPath = o.text("put-path");
		String[] city = cities(o.text("cities")).get(0);
		int senders = o.integer("senders");
		double stepSeconds = o.decimal("duration");
		double[] rates = Arrays.stream(o.text("rates").split(",")).mapToDouble(Double::parseDouble).toArray();
		int capacity = (int) (Arrays.stream(rates).sum() * stepSeconds) + rates.length * 10;
		AtomicLongArray intended = new AtomicLongArray(capacity);
		AtomicLongArray received = new AtomicLongArray(capacity);
		Subscriber subscriber = new Subscriber(port, ssePath.replace("{key}", city[0]), received);
		subscriber.start();
		Thread.sleep(1000);
		StringBuilder steps = new StringBuilder("[");
		int first = 0;
		for (int r = 0; r < rates.length; r++) {
			Step step = updateStep(port, putPath.replace("{key}", city[0]), city[1], rates[r], stepSeconds, senders, first,
					intended);
			long deadline = System.nanoTime() + 2_000_000_000L;
			while (System.nanoTime() < deadline && delivered(received, first, step.sent()) < step.sent()) {
				Thread.sleep(20);
			}
			long[] lags = new long[step.sent()];
			int delivered = 0;
			for (int i = 0; i < step.sent(); i++) {
				long at = received.get(first + i);
				if (at != 0 && intended.get(first + i) != 0) {
					lags[delivered++] = at - intended.get(first + i);
				}
			}
			long[] latencies = Arrays.copyOf(lags, delivered);
			Arrays.sort(latencies);
			double p99 = delivered > 0 ? latencies[(int) Math.min(delivered - 1, Math.ceil(delivered * 0.99) - 1)] / 1e6 : -1;
			boolean sustained = step.errors() == 0 && delivered >= step.sent() * 0.999 && p99 >= 0 && p99 < 1000
					&& step.sent() / stepSeconds >= rates[r] * 0.95;
			steps.append(r > 0 ? "," : "")
				.append("{\"rate\":").append(fmt(rates[r]))
				.append(",\"sent\":").append(step.sent())
				.append(",\"sendErrors\":").append(step.errors())
				.append(",\"delivered\":").append(delivered)
				.append(",\"sustained\":").append(sustained)
				.append(",\"latencyMs\":").append(percentiles(latencies)).append("}");
			first += step.sent();
			if (!sustained && r > 0) {
				break;
			}
		}
		subscriber.close();
		return "{\"steps\":" + steps + "],\"subscriberError\":" + quote(subscriber.failure) + "}";
	}

	private static int delivered(AtomicLongArray received, int first, int count) {
		int delivered = 0;
		for (int i = 0; i < count; i++) {
			if (received.get(first + i) != 0) {
				delivered++;
			}
		}
		return delivered;
	}

	record Step(int sent, long errors) {
	}

	/** Sends updates {@code first, first + 1, …} on a fixed schedule from several connections, each its own share. */
	static Step updateStep(int port, String path, String template, double rate, double seconds, int senders, int first,
			AtomicLongArray intended) throws InterruptedException {
		int total = (int) (rate * seconds);
		long interval = (long) (1e9 / rate);
		long start = System.nanoTime() + 50_000_000L;
		AtomicLong errors = new AtomicLong();
		AtomicLong sent = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			int sender = s;
			threads.add(started(() -> {
				Connection connection = null;
				for (int n = sender; n < total; n += senders) {
					long at = start + n * interval;
					parkUntil(at);
					if (System.nanoTime() > start + (long) (seconds * 1e9) + 1_000_000_000L) {
						break;
					}
					intended.set(first + n, at);
					try {
						if (connection == null) {
							connection = new Connection(port);
						}
						Response response = connection.send("PUT", path, template.replace("@@", "s" + (first + n)),
								"application/json");
						if (response.status() != 200) {
							errors.incrementAndGet();
						}
					}
					catch (IOException ex) {
						errors.incrementAndGet();
						connection = Connection.closeQuietly(connection);
					}
					sent.incrementAndGet();
				}
				Connection.closeQuietly(connection);
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return new Step((int) sent.get(), errors.get());
	}

	/** Reads one SSE stream and records when each update's token first arrives. */
	static final class Subscriber extends Thread {

		private static final byte[] MARK = "\"admin2\":\"s".getBytes(StandardCharsets.US_ASCII);

		private final Connection connection;

		private final String path;

		private final AtomicLongArray received;

		volatile String failure;

		Subscriber(int port, String path, AtomicLongArray received) throws IOException {
			this.connection = new Connection(port);
			this.path = path;
			this.received = received;
			setDaemon(true);
		}

		@Override
		public void run() {
			try {
				InputStream body = this.connection.openStream(this.path);
				int matched = 0;
				int value = -1;
				int b;
				while ((b = body.read()) != -1) {
					if (value >= 0) {
						if (b >= '0' && b <= '9') {
							value = value * 10 + (b - '0');
							continue;
						}
						if (value < this.received.length()) {
							this.received.compareAndSet(value, 0, System.nanoTime());
						}
						value = -1;
					}
					matched = (b == MARK[matched]) ? matched + 1 : ((b == MARK[0]) ? 1 : 0);
					if (matched == MARK.length) {
						matched = 0;
						value = 0;
					}
				}
			}
			catch (IOException ex) {
				this.failure = ex.toString();
			}
		}

		void close() {
			Connection.closeQuietly(this.connection);
		}

	}

	// ---- HTTP/1.1 over one socket ----

	record Response(int status, String body) {
	}

	/** One keep-alive HTTP/1.1 connection to 127.0.0.1; bodies with Content-Length or chunked. */
	static final class Connection {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		Connection(int port) throws IOException {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress(HOST, port), 5000);
			this.socket.setSoTimeout(30_000);
			this.in = new BufferedInputStream(this.socket.getInputStream(), 65536);
			this.out = this.socket.getOutputStream();
		}

		static Connection closeQuietly(Connection connection) {
			if (connection != null) {
				try {
					connection.socket.close();
				}
				catch (IOException ex) {
					System.err.println("Closing a connection failed: " + ex);
				}
			}
			return null;
		}

		Response send(String method, String path, String body, String contentType) throws IOException {
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null;
			StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
				.append(HOST)
				.append("\r\nAccept: application/json\r\n");
			if (!authorization.isEmpty()) {
				head.append("Authorization: ").append(authorization).append("\r\n");
			}
			if (content != null) {
				head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length)
					.append("\r\n");
			}
			this.out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			if (content != null) {
				this.out.write(content);
			}
			this.out.flush();
			return readResponse();
		}

		/** Sends a GET for an event stream and returns its decoded body as a stream. */
		InputStream openStream(String path) throws IOException {
			String head = "GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\nAccept: text/event-stream\r\n"
					+ (authorization.isEmpty() ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
			this.out.write(head.getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
			this.socket.setSoTimeout(0);
			Map<String, String> headers = new HashMap<>();
			int status = readHead(headers);
			if (status != 200) {
				throw new IOException("SSE request " + path + " returned status " + status);
			}
			return "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new Chunked(this.in) : this.in;
		}

		private Response readResponse() throws IOException {
			Map<String, String> headers = new HashMap<>();
			int status = readHead(headers);
			byte[] body;
			if (headers.containsKey("content-length")) {
				body = this.in.readNBytes(Integer.parseInt(headers.get("content-length")));
			}
			else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = new Chunked(this.in).readAllBytes();
			}
			else {
				body = new byte[0];
			}
			return new Response(status, new String(body, StandardCharsets.UTF_8));
		}

		private int readHead(Map<String, String> headers) throws IOException {
			String statusLine = line(this.in);
			String header;
			while (!(header = line(this.in)).isEmpty()) {
				int colon = header.indexOf(':');
				headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
			}
			return Integer.parseInt(statusLine.substring(9, 12));
		}

		static String line(InputStream in) throws IOException {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
			int b;
			while ((b = in.read()) != '\n') {
				if (b == -1) {
					throw new EOFException("Connection closed by the server");
				}
				if (b != '\r') {
					bytes.write(b);
				}
			}
			return bytes.toString(StandardCharsets.US_ASCII);
		}

	}

	/** Decodes a chunked transfer-encoded body; ends after the last, empty chunk. */
	static final class Chunked extends InputStream {

		private final InputStream in;

		private long left;

		private boolean done;

		Chunked(InputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			if (this.done) {
				return -1;
			}
			if (this.left == 0) {
				String size = Connection.line(this.in);
				if (size.isEmpty()) {
					size = Connection.line(this.in);
				}
				this.left = Long.parseLong(size.split(";")[0].trim(), 16);
				if (this.left == 0) {
					Connection.line(this.in);
					this.done = true;
					return -1;
				}
			}
			this.left--;
			return this.in.read();
		}

	}

	// ---- helpers ----

	static List<String[]> cities(String file) throws IOException {
		return Files.readAllLines(Path.of(file)).stream().filter((line) -> !line.isBlank()).map((line) -> line.split("\t", 2))
			.toList();
	}

	static Thread started(Runnable work) {
		Thread thread = new Thread(work);
		thread.start();
		return thread;
	}

	static void parkUntil(long deadline) {
		long wait;
		while ((wait = deadline - System.nanoTime()) > 0) {
			LockSupport.parkNanos(wait);
		}
	}

	static long[] merge(long[][] parts, int[] counts) {
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int at = 0;
		for (int i = 0; i < parts.length; i++) {
			System.arraycopy(parts[i], 0, all, at, counts[i]);
			at += counts[i];
		}
		Arrays.sort(all);
		return all;
	}

	/** Returns p50, p99, p99.9 and max of sorted nanosecond latencies, in milliseconds, as JSON. */
	static String percentiles(long[] sorted) {
		if (sorted.length == 0) {
			return "null";
		}
		return "{\"p50\":" + fmt(at(sorted, 0.50)) + ",\"p99\":" + fmt(at(sorted, 0.99)) + ",\"p999\":"
				+ fmt(at(sorted, 0.999)) + ",\"max\":" + fmt(sorted[sorted.length - 1] / 1e6) + "}";
	}

	private static double at(long[] sorted, double quantile) {
		int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * quantile) - 1));
		return sorted[index] / 1e6;
	}

	static String fmt(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

	static String quote(String text) {
		return (text == null) ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	record Options(Map<String, String> values) {

		String text(String name) {
			String value = this.values.get(name);
			if (value == null) {
				throw new IllegalArgumentException("Missing option --" + name);
			}
			return value;
		}

		int integer(String name) {
			return Integer.parseInt(text(name));
		}

		double decimal(String name) {
			return Double.parseDouble(text(name));
		}

	}

}
