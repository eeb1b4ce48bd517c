package dev.microlith.samples.cities;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import dev.microlith.sdk.Access;
import dev.microlith.sdk.Component;
import dev.microlith.sdk.ComponentContext;
import dev.microlith.sdk.cache.Cache;
import dev.microlith.sdk.http.HttpRequest;
import dev.microlith.sdk.http.HttpResponse;
import dev.microlith.sdk.http.HttpStatusException;
import dev.microlith.sdk.table.Change;
import dev.microlith.sdk.table.ChangeFeed;
import dev.microlith.sdk.table.Condition;
import dev.microlith.sdk.table.Query;
import dev.microlith.sdk.table.Row;
import dev.microlith.sdk.table.Sort;
import dev.microlith.sdk.table.Table;

/**
 * The cities sample. On its first start it imports the bundled GeoNames cities into the
 * {@code city} table in the background; its routes serve whatever is imported so far.
 * <p>
 * HTTP routes: {@code GET /cities/search?q=&country=&limit=},
 * {@code GET /cities/nearest?lat=&lng=&k=}, {@code GET /cities/countries/{country}/stats},
 * {@code GET /cities/status}, {@code GET /cities/{id}} and {@code GET /cities/{id}/region}.
 * RSocket routes: {@code cities.nearest} and {@code cities.search}, taking the same
 * parameters as a JSON object.
 * <p>
 * A city's region name comes from the regions service over HTTP, through the
 * origin-backed cache {@code region-names}. Component properties:
 * {@code regions-url} (default {@value #DEFAULT_REGIONS_URL}) and {@code regions-timeout}
 * (default 2s).
 */
public class CitiesComponent implements Component {

	static final int MAX_RESULTS = 100;

	static final String DEFAULT_REGIONS_URL = "http://127.0.0.1:8080/regions";

	private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

	private final GeoGrid grid = new GeoGrid();

	private Table<Long, City> cities;

	private Cache<Long, City> cityById;

	private Cache<String, CountryStats> countryStats;

	private Cache<String, RegionNames> regionNames;

	private RegionsOrigin regions;

	private Logger logger;

	private volatile CityImport running;

	private volatile boolean ready;

	private Disposable changes;

	@Override
	public void start(ComponentContext context) {
		this.logger = context.logger();
		this.cities = context.table("city", Long.class, City.class);
		this.cityById = context.cache("city-by-id", Long.class, City.class);
		this.countryStats = context.cache("country-stats", String.class, CountryStats.class);
		this.regionNames = context.cache("region-names", String.class, RegionNames.class);
		this.regions = new RegionsOrigin(context.config().get("regions-url", DEFAULT_REGIONS_URL),
				context.config().getDuration("regions-timeout", Duration.ofSeconds(2)));
		this.changes = followChanges();
		routes(context);
		if (this.cities.count() < CityImport.TOTAL) {
			this.running = new CityImport(context.tables(), this.logger);
			context.executor().execute(this::importThenIndex);
		}
		else {
			context.executor().execute(this::index);
		}
	}

	@Override
	public void stop() {
		if (this.changes != null) {
			this.changes.dispose();
		}
	}

	private void routes(ComponentContext context) {
		context.http()
			.get("/cities/search", Access.PUBLIC, request -> search(request::queryParam).collectList().map(HttpResponse::ok))
			.get("/cities/nearest", Access.PUBLIC, request -> Mono.just(HttpResponse.ok(nearest(request::queryParam))))
			.get("/cities/status", Access.PUBLIC, request -> Mono.just(HttpResponse.ok(status())))
			.get("/cities/countries/{country}/stats", Access.PUBLIC, this::stats)
			.get("/cities/{id}", Access.PUBLIC, this::city)
			.get("/cities/{id}/region", Access.PUBLIC, this::region);
		context.rsocket()
			.requestResponse("cities.nearest", Access.PUBLIC, request -> Mono.fromSupplier(() -> nearest(parameters(request.data(Map.class)))))
			.requestStream("cities.search", Access.PUBLIC, request -> Flux.defer(() -> search(parameters(request.data(Map.class)))));
	}

	/** Finds cities whose folded name starts with the folded {@code q}, optionally within a country. */
	Flux<City> search(Parameters parameters) {
		String prefix = NameFolding.fold(parameters.required("q"));
		if (prefix.isEmpty()) {
			throw new HttpStatusException(400, "Invalid q '': expected at least one letter of a city name");
		}
		Condition condition = Condition.startsWith("nameKey", prefix);
		Optional<String> country = parameters.get("country");
		if (country.isPresent()) {
			condition = condition.and(Condition.eq("country", country(country.get())));
		}
		int limit = parameters.integer("limit", 20, 1, MAX_RESULTS);
		Query query = Query.where(condition).sort(Sort.ascending("nameKey")).limit(limit);
		return this.cities.find(query).map(Row::value);
	}

	/** Returns the {@code k} cities nearest to a point, with their distance in km. */
	List<Nearby> nearest(Parameters parameters) {
		double lat = parameters.decimal("lat", -90, 90);
		double lng = parameters.decimal("lng", -180, 180);
		int k = parameters.integer("k", 10, 1, MAX_RESULTS);
		return this.grid.nearest(lat, lng, k)
			.stream()
			.flatMap(neighbour -> this.cities.get(neighbour.id())
				.map(city -> new Nearby(neighbour.id(), neighbour.distanceKm(), city))
				.stream())
			.toList();
	}

	private Mono<HttpResponse> stats(HttpRequest request) {
		String country = country(request.pathVariable("country").orElseThrow());
		return this.countryStats.getOrLoadAsync(country, this::computeStats)
			.map(HttpResponse::ok)
			.switchIfEmpty(Mono.error(() -> new HttpStatusException(404, "No cities in country '" + country
					+ "': expected an ISO 3166-1 alpha-2 code of a country in the data, such as FR")));
	}

	private Mono<CountryStats> computeStats(String country) {
		return this.cities.find(Query.where(Condition.eq("country", country)))
			.map(Row::value)
			.collectList()
			.filter(list -> !list.isEmpty())
			.map(list -> CountryStats.of(country, list));
	}

	private Mono<HttpResponse> city(HttpRequest request) {
		long id = cityId(request);
		return Mono.just(HttpResponse.ok(cachedCity(id)));
	}

	/**
	 * Returns a city with the name of its region, which the regions service owns. A region
	 * the service does not know, or a city without a region code, gives a {@code null} name.
	 */
	private Mono<HttpResponse> region(HttpRequest request) {
		long id = cityId(request);
		City city = cachedCity(id);
		return this.regionNames.getOrLoadAsync(city.country(), this.regions::load)
			.map(names -> HttpResponse.ok(new CityRegion(id, city.name(), city.country(), city.admin1(),
					names.names().get(city.admin1()))));
	}

	private City cachedCity(long id) {
		City city = this.cityById.getOrLoad(id, key -> this.cities.get(key).orElse(null));
		if (city == null) {
			throw new HttpStatusException(404, "No city with id " + id);
		}
		return city;
	}

	private static long cityId(HttpRequest request) {
		String text = request.pathVariable("id").orElseThrow();
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new HttpStatusException(400, "Invalid city id '" + text + "': expected a number from 1 to "
					+ CityImport.TOTAL, ex);
		}
	}

	private Map<String, Object> status() {
		CityImport current = this.running;
		long count = this.cities.count();
		return Map.of("cities", count, "expected", CityImport.TOTAL, "indexed", this.grid.size(), "ready", this.ready,
				"importing", current != null);
	}

	private void importThenIndex() {
		try {
			this.running.run();
		}
		catch (RuntimeException ex) {
			this.logger.error("Import of the cities failed after {} cities; restart the component to resume",
					this.running.imported(), ex);
			return;
		}
		finally {
			this.running = null;
		}
		index();
	}

	/** Loads every city into the spatial index; edits arrive through {@link #followChanges()}. */
	private void index() {
		this.cities.find(Query.all()).doOnNext(row -> place(row.key(), row.value())).blockLast();
		this.ready = true;
		this.logger.info("Spatial index contains {} cities", this.grid.size());
	}

	/**
	 * Keeps the spatial index and the statistics cache in step with the table. On a gap in
	 * the change feed the index is rebuilt, because edits may have been missed.
	 */
	private Disposable followChanges() {
		return Flux.defer(() -> this.cities.changes(ChangeFeed.NOW))
			.doOnNext(this::apply)
			.doOnError(ex -> this.logger.warn("Change feed of 'city' failed ({}); rebuilding the spatial index",
					ex.toString()))
			.retryWhen(Retry.indefinitely().doAfterRetry(signal -> {
				if (this.ready) {
					index();
				}
			}))
			.subscribe();
	}

	private void apply(Change<Long, City> change) {
		if (change.operation() == Change.Operation.DELETE) {
			this.grid.remove(change.key());
		}
		else {
			place(change.key(), change.value());
			refoldName(change.key(), change.value());
		}
		if (this.ready) {
			this.countryStats.clear();
		}
	}

	/**
	 * Keeps {@code nameKey} in step with {@code name} when a client edits a city's name,
	 * for example through the REST API. The corrected write comes back through the change
	 * feed with a matching key, so this never repeats.
	 */
	private void refoldName(long id, City city) {
		String folded = NameFolding.fold(city.name());
		if (!folded.equals(city.nameKey())) {
			this.cities.patch(id, Map.of("nameKey", folded))
				.subscribe(row -> this.logger.debug("Folded the edited name of city {}", id),
						ex -> this.logger.warn("Failed to fold the edited name of city {}", id, ex));
		}
	}

	private void place(long id, City city) {
		this.grid.put(id, city.lat(), city.lng());
	}

	private static String country(String code) {
		if (!COUNTRY.matcher(code).matches()) {
			throw new HttpStatusException(400,
					"Invalid country '" + code + "': expected an ISO 3166-1 alpha-2 code such as FR");
		}
		return code.toUpperCase(Locale.ROOT);
	}

	private static Parameters parameters(Map<?, ?> data) {
		return name -> Optional.ofNullable(data.get(name)).map(String::valueOf);
	}

	/**
	 * A city near a point.
	 * @param id the city's key in the {@code city} table
	 * @param distanceKm its great-circle distance from the point in kilometres
	 * @param city the city
	 */
	public record Nearby(long id, double distanceKm, City city) {
	}

	/**
	 * A city and the name of its first-level region.
	 * @param id the city's key in the {@code city} table
	 * @param name the city's name
	 * @param country the city's country code
	 * @param admin1 the region's code within the country
	 * @param region the region's name from the regions service, or {@code null} when it has none
	 */
	public record CityRegion(long id, String name, String country, String admin1, String region) {
	}

}
