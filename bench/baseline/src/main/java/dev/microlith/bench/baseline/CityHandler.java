package dev.microlith.bench.baseline;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/** The cities routes, with the same paths, parameters and bodies as the cities sample. */
class CityHandler {

	static final int MAX_RESULTS = 100;

	private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

	private static final double FIRST_RADIUS_KM = 50;

	private static final double WHOLE_EARTH_KM = 20_100;

	private final CityRepository cities;

	private final CityCache cache;

	private final CityEvents events;

	private final JsonMapper json;

	CityHandler(CityRepository cities, CityCache cache, CityEvents events, JsonMapper json) {
		this.cities = cities;
		this.cache = cache;
		this.events = events;
		this.json = json;
	}

	/** {@code GET /cities/{id}}: the city, from Redis or else PostgreSQL. */
	Mono<ServerResponse> get(ServerRequest request) {
		long id = id(request);
		return this.cache.getOrLoad(id, this.cities::find)
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((city) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(city));
	}

	/** {@code PUT /cities/{id}}: replaces the city, evicts it from Redis and publishes the update. */
	Mono<ServerResponse> put(ServerRequest request) {
		long id = id(request);
		return request.bodyToMono(City.class)
			.switchIfEmpty(Mono.error(() -> badRequest("Missing body: expected a city as JSON")))
			.flatMap((city) -> this.cities.update(id, city)
				.flatMap((found) -> found ? Mono.just(city) : Mono.error(notFound(id))))
			.flatMap((city) -> this.cache.evict(id)
				.then(this.events.publish(id, this.json.writeValueAsString(Map.of("id", id, "city", city))))
				.thenReturn(city))
			.flatMap((city) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(city));
	}

	/** {@code GET /cities/{id}} with {@code Accept: text/event-stream}: the updates of the city from now on. */
	Mono<ServerResponse> updates(ServerRequest request) {
		long id = id(request);
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.body(BodyInserters.fromServerSentEvents(this.events.of(id)
				.map((body) -> ServerSentEvent.<String>builder().data(body).build())));
	}

	/** {@code GET /cities/search?q=&country=&limit=}: cities whose folded name starts with {@code q}. */
	Mono<ServerResponse> search(ServerRequest request) {
		String prefix = NameFolding.fold(request.queryParam("q").orElse(""));
		if (prefix.isEmpty()) {
			return Mono.error(badRequest("Invalid q '': expected at least one letter of a city name"));
		}
		String country = request.queryParam("country").map(CityHandler::country).orElse(null);
		int limit = integer(request, "limit", 20, 1, MAX_RESULTS);
		return this.cities.search(prefix, country, limit)
			.collectList()
			.flatMap((found) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(found));
	}

	/** {@code GET /cities/nearest?lat=&lng=&k=}: the {@code k} nearest cities, widening the search box until exact. */
	Mono<ServerResponse> nearest(ServerRequest request) {
		double lat = decimal(request, "lat", -90, 90);
		double lng = decimal(request, "lng", -180, 180);
		int k = integer(request, "k", 10, 1, MAX_RESULTS);
		return nearest(lat, lng, k, FIRST_RADIUS_KM)
			.flatMap((found) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(found));
	}

	private Mono<List<City.Nearby>> nearest(double lat, double lng, int k, double radiusKm) {
		return this.cities.nearestWithin(lat, lng, k, radiusKm).collectList().flatMap((found) -> {
			boolean exact = found.size() == k && found.get(k - 1).distanceKm() <= radiusKm;
			if (exact || radiusKm >= WHOLE_EARTH_KM) {
				return Mono.just(found);
			}
			return nearest(lat, lng, k, radiusKm * 4);
		});
	}

	private static long id(ServerRequest request) {
		String text = request.pathVariable("id");
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw badRequest("Invalid city id '" + text + "': expected a number");
		}
	}

	private static String country(String code) {
		if (!COUNTRY.matcher(code).matches()) {
			throw badRequest("Invalid country '" + code + "': expected an ISO 3166-1 alpha-2 code such as FR");
		}
		return code.toUpperCase(Locale.ROOT);
	}

	private static int integer(ServerRequest request, String name, int fallback, int min, int max) {
		String text = request.queryParam(name).orElse(null);
		if (text == null) {
			return fallback;
		}
		String expected = "an integer from " + min + " to " + max;
		int value = (int) number(name, text, expected, true);
		if (value < min || value > max) {
			throw badRequest("Invalid " + name + " '" + text + "': expected " + expected);
		}
		return value;
	}

	private static double decimal(ServerRequest request, String name, double min, double max) {
		String expected = "a number from " + min + " to " + max;
		String text = request.queryParam(name)
			.orElseThrow(() -> badRequest("Missing " + name + ": expected " + expected));
		double value = number(name, text, expected, false);
		if (!(value >= min && value <= max)) {
			throw badRequest("Invalid " + name + " '" + text + "': expected " + expected);
		}
		return value;
	}

	private static double number(String name, String text, String expected, boolean integer) {
		try {
			return integer ? Integer.parseInt(text) : Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Invalid " + name + " '" + text + "': expected " + expected, ex);
		}
	}

	private static ResponseStatusException notFound(long id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No city with id " + id);
	}

	private static ResponseStatusException badRequest(String message) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
	}

}
