package dev.microlith.sdk.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.reactivestreams.Publisher;

/**
 * An HTTP response from a component handler, built with the static factories.
 * <p>
 * The body is written according to its type: {@code null} writes none, {@code byte[]}
 * is written as it is, a {@code CharSequence} as UTF-8 text, and anything else as JSON.
 * A body from {@link #events(Publisher)} streams each element as a Server-Sent Event.
 * @param status the status code
 * @param headers response headers; names as given
 * @param body the body, or {@code null}
 * @param streaming whether {@code body} is a publisher streamed as Server-Sent Events
 */
public record HttpResponse(int status, Map<String, String> headers, Object body, boolean streaming) {

	public HttpResponse {
		if (status < 100 || status > 599) {
			throw new IllegalArgumentException("Invalid HTTP status " + status + ": expected 100 to 599");
		}
		headers = Map.copyOf(headers);
	}

	public static HttpResponse ok(Object body) {
		return new HttpResponse(200, Map.of(), body, false);
	}

	public static HttpResponse created(String location, Object body) {
		return new HttpResponse(201, Map.of("Location", Objects.requireNonNull(location)), body, false);
	}

	public static HttpResponse noContent() {
		return new HttpResponse(204, Map.of(), null, false);
	}

	public static HttpResponse status(int status, Object body) {
		return new HttpResponse(status, Map.of(), body, false);
	}

	/** Returns a 200 response that streams each element of {@code events} as a Server-Sent Event. */
	public static HttpResponse events(Publisher<?> events) {
		return new HttpResponse(200, Map.of(), Objects.requireNonNull(events), true);
	}

	/** Returns a copy with the header {@code name} set to {@code value}. */
	public HttpResponse header(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new HttpResponse(this.status, copy, this.body, this.streaming);
	}

}
