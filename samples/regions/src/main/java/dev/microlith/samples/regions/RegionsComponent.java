package dev.microlith.samples.regions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import reactor.core.publisher.Mono;

import dev.microlith.sdk.Access;
import dev.microlith.sdk.Component;
import dev.microlith.sdk.ComponentContext;
import dev.microlith.sdk.http.HttpRequest;
import dev.microlith.sdk.http.HttpResponse;
import dev.microlith.sdk.http.HttpStatusException;

/**
 * The regions sample: serves the bundled GeoNames first-level regions (admin1) of a country
 * at {@code GET /regions/{country}}. It plays an outside service that another component
 * reaches over HTTP: the cities sample's origin-backed cache {@code region-names} loads
 * from it.
 * <p>
 * The response body is {@code {"country": "FR", "names": {"11": "Île-de-France", …}}}, keyed by the
 * region's code within the country. A country without regions in the data gets an empty
 * {@code names} object, so that a client can tell "no such region" from "service missing".
 */
public class RegionsComponent implements Component {

	private static final String DATA = "/data/admin1.json.gz";

	private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

	private Map<String, Map<String, String>> namesByCountry;

	@Override
	public void start(ComponentContext context) {
		this.namesByCountry = read();
		context.http().get("/regions/{country}", Access.PUBLIC, this::regions);
		context.logger().info("Serving {} regions of {} countries", this.namesByCountry.values()
			.stream()
			.mapToInt(Map::size)
			.sum(), this.namesByCountry.size());
	}

	private Mono<HttpResponse> regions(HttpRequest request) {
		String code = request.pathVariable("country").orElseThrow();
		if (!COUNTRY.matcher(code).matches()) {
			throw new HttpStatusException(400,
					"Invalid country '" + code + "': expected an ISO 3166-1 alpha-2 code such as FR");
		}
		String country = code.toUpperCase(Locale.ROOT);
		Map<String, String> names = this.namesByCountry.getOrDefault(country, Map.of());
		return Mono.just(HttpResponse.ok(Map.of("country", country, "names", names)));
	}

	/** Reads the data file into the names of each country's regions, by code within the country. */
	static Map<String, Map<String, String>> read() {
		Map<String, Map<String, String>> names = new TreeMap<>();
		try (InputStream in = new GZIPInputStream(RegionsComponent.class.getResourceAsStream(DATA));
				JsonParser parser = new JsonFactory().createParser(in)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IllegalStateException(DATA + " does not start with a JSON array");
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				String code = null;
				String name = null;
				while (parser.nextToken() == JsonToken.FIELD_NAME) {
					String field = parser.currentName();
					parser.nextToken();
					if (field.equals("code")) {
						code = parser.getText();
					}
					else if (field.equals("name")) {
						name = parser.getText();
					}
				}
				int dot = (code != null) ? code.indexOf('.') : -1;
				if (dot != 2 || name == null) {
					throw new IllegalStateException("Invalid region in " + DATA + ": code '" + code + "', name '"
							+ name + "'; expected a code CC.XX and a name");
				}
				names.computeIfAbsent(code.substring(0, dot), (country) -> new TreeMap<>())
					.put(code.substring(dot + 1), name);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + DATA, ex);
		}
		return names;
	}

}
