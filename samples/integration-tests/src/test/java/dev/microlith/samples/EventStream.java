package dev.microlith.samples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client that collects the {@code data:} lines of a stream, as a
 * browser's {@code EventSource} would receive them.
 */
final class EventStream implements AutoCloseable {

	private final BlockingQueue<String> data = new LinkedBlockingQueue<>();

	private final CompletableFuture<HttpResponse<Stream<String>>> response;

	private final CompletableFuture<Void> connected = new CompletableFuture<>();

	EventStream(URI uri) {
		HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
		this.response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
		this.response.thenAccept(reply -> {
			this.connected.complete(null);
			reply.body().filter(line -> line.startsWith("data:")).forEach(line -> this.data.add(line.substring(5)));
		});
	}

	/** Waits until the server has answered with the stream's headers. */
	EventStream awaitConnected(Duration timeout) throws Exception {
		this.connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		int status = this.response.get().statusCode();
		if (status != 200) {
			throw new IllegalStateException("Event stream answered HTTP " + status);
		}
		return this;
	}

	/** Returns the next event's data, or fails after {@code timeout}. */
	String next(Duration timeout) throws InterruptedException {
		String next = this.data.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (next == null) {
			throw new IllegalStateException("No event within " + timeout);
		}
		return next;
	}

	@Override
	public void close() {
		this.response.thenAccept(reply -> reply.body().close());
		this.response.cancel(true);
	}

}
