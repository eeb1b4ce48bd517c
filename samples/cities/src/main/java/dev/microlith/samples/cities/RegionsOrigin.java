package dev.microlith.samples.cities;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import reactor.core.publisher.Mono;

import dev.microlith.sdk.http.HttpStatusException;

/**
 * The origin of the {@code region-names} cache: the regions service, reached over HTTP at
 * {@code <base URL>/<country>}. Every failure (no connection, a timeout, a status other than
 * 200, a body that is not the expected JSON) becomes an {@link HttpStatusException} with
 * status 502 that names the URL. The timeout bounds the wait for a connection and for the
 * response headers, so a client gets a clear error instead of waiting for an origin that
 * does not respond. Thread-safe.
 */
final class RegionsOrigin {

	private static final JsonFactory JSON = new JsonFactory();

	private final HttpClient client;

	private final String baseUrl;

	private final Duration timeout;

	/**
	 * Creates the origin.
	 * @param baseUrl the URL of the regions service's {@code /regions} route, such as
	 * {@code http://127.0.0.1:8080/regions}
	 * @param timeout how long to wait for a connection and for the response headers
	 * @throws IllegalArgumentException when {@code baseUrl} is not an absolute HTTP URL
	 */
	RegionsOrigin(String baseUrl, Duration timeout) {
		URI uri;
		try {
			uri = URI.create(baseUrl);
		}
		catch (IllegalArgumentException ex) {
			throw invalidUrl(baseUrl, ex);
		}
		if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
			throw invalidUrl(baseUrl, null);
		}
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.timeout = timeout;
		this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** Returns the base URL the origin calls. */
	String baseUrl() {
		return this.baseUrl;
	}

	/** Loads the region names of {@code country}, an upper-case ISO 3166-1 alpha-2 code. */
	Mono<RegionNames> load(String country) {
		URI uri = URI.create(this.baseUrl + "/" + country);
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		return Mono.fromFuture(() -> this.client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
			.map(response -> parse(uri, response))
			.onErrorMap(ex -> !(ex instanceof HttpStatusException), ex -> new HttpStatusException(502,
					"Regions service at " + uri + " failed: " + ex
							+ "; region names not yet cached are unavailable until it answers",
					ex));
	}

	private static RegionNames parse(URI uri, HttpResponse<byte[]> response) {
		if (response.statusCode() != 200) {
			throw new HttpStatusException(502, "Regions service at " + uri + " returned HTTP " + response.statusCode()
					+ " instead of 200; check that the regions component is deployed and that "
					+ "microlith.component-config.cities.regions-url points to it");
		}
		String country = null;
		Map<String, String> names = null;
		try (JsonParser parser = JSON.createParser(response.body())) {
			expect(parser.nextToken(), JsonToken.START_OBJECT, uri);
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if (field.equals("country")) {
					country = parser.getText();
				}
				else if (field.equals("names")) {
					expect(value, JsonToken.START_OBJECT, uri);
					names = new HashMap<>();
					while (parser.nextToken() == JsonToken.FIELD_NAME) {
						String code = parser.currentName();
						expect(parser.nextToken(), JsonToken.VALUE_STRING, uri);
						names.put(code, parser.getText());
					}
				}
				else {
					parser.skipChildren();
				}
			}
		}
		catch (IOException ex) {
			throw new HttpStatusException(502, "Regions service at " + uri + " returned invalid JSON: " + ex, ex);
		}
		if (country == null || names == null) {
			throw new HttpStatusException(502,
					"Regions service at " + uri + " returned JSON without 'country' or 'names'");
		}
		return new RegionNames(country, names);
	}

	private static void expect(JsonToken actual, JsonToken expected, URI uri) {
		if (actual != expected) {
			throw new HttpStatusException(502,
					"Regions service at " + uri + " returned unexpected JSON: " + actual + " where " + expected
							+ " was expected");
		}
	}

	private static IllegalArgumentException invalidUrl(String baseUrl, Exception cause) {
		return new IllegalArgumentException("Invalid component property 'regions-url' '" + baseUrl
				+ "': expected an absolute HTTP URL such as http://127.0.0.1:8080/regions", cause);
	}

}
