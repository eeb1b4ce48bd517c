package dev.microlith.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;

import dev.microlith.samples.cities.GeoGrid;
import dev.microlith.samples.cities.NameFolding;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the node as a separate process, deploys the samples through the operations API,
 * and uses each one as its clients would: HTTP, SSE and RSocket. Responses about cities and
 * regions are checked against a direct reading of the bundled data files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path work;

	private SampleNode node;

	private List<FileCity> fileCities;

	private Map<String, String> fileRegions;

	@BeforeAll
	void startNodeWithSamples() throws Exception {
		this.fileCities = readCitiesFile();
		this.fileRegions = readRegionsFile();
		this.node = SampleNode.start(work);
		for (String jar : List.of("regions.jar", "cities.jar", "todo.jar", "chat.jar")) {
			assertThat(this.json.readTree(this.node.deploy(jar)).path("state").asString()).isEqualTo("ACTIVE");
		}
		awaitCitiesImported(Duration.ofMinutes(4));
	}

	@AfterAll
	void stopNode() throws InterruptedException {
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void everyCityIsImported() throws Exception {
		JsonNode status = getJson("/cities/status");

		assertThat(status.path("cities").asLong()).isEqualTo(this.fileCities.size());
		assertThat(status.path("indexed").asLong()).isEqualTo(this.fileCities.size());
	}

	@Test
	void searchMatchesDirectFilterOfFile() throws Exception {
		String[][] searches = { { "sant", "AD" }, { "Zürich", "CH" }, { "SAINT-ÉTIENNE", "FR" }, { "ОКТЯБРЬ", null },
				{ "springfield", "US" } };
		for (String[] search : searches) {
			String query = "/cities/search?limit=100&q=" + URLEncoder.encode(search[0], StandardCharsets.UTF_8)
					+ ((search[1] != null) ? "&country=" + search[1] : "");
			Set<String> expected = expectedSearch(search[0], search[1]);

			Set<String> actual = names(getJson(query));

			assertThat(expected).as("matches in the file for %s", query).isNotEmpty().hasSizeLessThan(100);
			assertThat(actual).as(query).isEqualTo(expected);
		}
	}

	@Test
	void nearestMatchesBruteForce() throws Exception {
		Random random = new Random(7);
		for (int i = 0; i < 20; i++) {
			double lat = random.nextDouble() * 140 - 60;
			double lng = random.nextDouble() * 360 - 180;

			JsonNode nearest = getJson("/cities/nearest?k=5&lat=" + lat + "&lng=" + lng);

			List<Long> ids = new ArrayList<>();
			nearest.forEach(city -> ids.add(city.path("id").asLong()));
			assertThat(ids).as("nearest to %f, %f", lat, lng).isEqualTo(bruteForceNearest(lat, lng, 5));
			assertThat(nearest.get(0).path("distanceKm").asDouble())
				.isCloseTo(GeoGrid.distanceKm(lat, lng, city(ids.get(0)).lat, city(ids.get(0)).lng),
						org.assertj.core.data.Offset.offset(1e-6));
		}
	}

	@Test
	void countryStatsCountFileCities() throws Exception {
		long inFile = this.fileCities.stream().filter(city -> city.country.equals("AD")).count();

		JsonNode stats = getJson("/cities/countries/AD/stats");

		assertThat(stats.path("cities").asLong()).isEqualTo(inFile);
	}

	@Test
	void cityRegionsMatchDataFile() throws Exception {
		clearCache("region-names");
		Random random = new Random(11);
		List<FileCity> sample = random.longs(30, 1, this.fileCities.size() + 1).mapToObj(this::city).toList();
		Set<String> countries = sample.stream().map(FileCity::country).collect(Collectors.toSet());
		double hitsBefore = cacheGets("region-names", "hit");
		double missesBefore = cacheGets("region-names", "miss");

		for (int round = 0; round < 2; round++) {
			for (FileCity city : sample) {
				JsonNode region = getJson("/cities/" + city.id + "/region");

				assertThat(region.path("name").asString()).isEqualTo(city.name);
				assertThat(region.path("admin1").asString()).isEqualTo(city.admin1);
				String expected = this.fileRegions.get(city.country + "." + city.admin1);
				assertThat(region.path("region").isNull() ? null : region.path("region").asString())
					.as("region of city %d (%s.%s)", city.id, city.country, city.admin1)
					.isEqualTo(expected);
			}
		}

		assertThat(this.fileRegions).hasSize(3_865);
		assertThat(sample).anyMatch(city -> this.fileRegions.containsKey(city.country + "." + city.admin1));
		assertThat(cacheGets("region-names", "miss") - missesBefore).isEqualTo(countries.size());
		assertThat(cacheGets("region-names", "hit") - hitsBefore).isEqualTo(2 * sample.size() - countries.size());
	}

	@Test
	void regionsOutageServesCachedNames() throws Exception {
		clearCache("region-names");
		FileCity andorran = this.fileCities.stream().filter(city -> city.country.equals("AD")).findFirst().orElseThrow();
		FileCity french = this.fileCities.stream().filter(city -> city.country.equals("FR")).findFirst().orElseThrow();
		String cachedName = getJson("/cities/" + andorran.id + "/region").path("region").asString();

		this.node.undeploy("regions");
		try {
			assertThat(this.node.get("/regions/AD").statusCode()).isEqualTo(404);
			assertThat(getJson("/cities/" + andorran.id + "/region").path("region").asString()).isEqualTo(cachedName);
			HttpResponse<String> failed = this.node.get("/cities/" + french.id + "/region");

			assertThat(failed.statusCode()).isEqualTo(502);
			assertThat(failed.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(failed.body()).contains("Regions service at http://127.0.0.1:" + this.node.httpPort
					+ "/regions/FR returned HTTP 404");
		}
		finally {
			this.node.deploy("regions.jar");
		}
		assertThat(getJson("/cities/" + french.id + "/region").path("region").asString())
			.isEqualTo(this.fileRegions.get("FR." + french.admin1));
	}

	@Test
	void cityCacheSeesTableWriteAtOnce() throws Exception {
		getJson("/cities/5");
		double hitsBefore = cacheGets("city-by-id", "hit");
		String cachedName = getJson("/cities/5").path("name").asString();

		HttpResponse<String> patch = this.node.send(HttpRequest.newBuilder(this.node.uri("/api/city/5"))
			.header("Content-Type", "application/json")
			.header("Authorization", SampleNode.adminAuthorization())
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"admin2\": \"edited\"}")));

		assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
		assertThat(cachedName).isEqualTo(city(5).name);
		assertThat(cacheGets("city-by-id", "hit") - hitsBefore).isGreaterThanOrEqualTo(1);
		assertThat(getJson("/cities/5").path("admin2").asString()).isEqualTo("edited");
	}

	@Test
	void badSearchInputGetsProblem() throws Exception {
		HttpResponse<String> response = this.node.get("/cities/nearest?lat=91&lng=0");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("Invalid lat '91'");
	}

	@Test
	void invalidChatRoomGetsProblem() throws Exception {
		HttpResponse<String> response = this.node.get("/chat/rooms/no%20spaces/messages");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Invalid room 'no spaces'");
	}

	@Test
	void cityEditStreamsToSubscriberAndReads() throws Exception {
		try (EventStream events = new EventStream(this.node.uri("/api/city/1")).awaitConnected(WAIT)) {
			HttpResponse<String> anonymous = this.node.send(HttpRequest.newBuilder(this.node.uri("/api/city/1"))
				.header("Content-Type", "application/json")
				.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Vandal\"}")));
			HttpResponse<String> patch = this.node.send(HttpRequest.newBuilder(this.node.uri("/api/city/1"))
				.header("Content-Type", "application/json")
				.header("Authorization", SampleNode.adminAuthorization())
				.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Vila (edited)\"}")));

			assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
			assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
			assertThat(this.json.readTree(events.next(WAIT)).path("record").path("name").asString())
				.isEqualTo("Vila (edited)");
			assertThat(getJson("/cities/1").path("name").asString()).isEqualTo("Vila (edited)");
			awaitSearchFinds("VILA (ed", "AD", "Vila (edited)");
		}
	}

	@Test
	void todoTasksAreSharedLive() throws Exception {
		try (EventStream events = new EventStream(this.node.uri("/api/todo")).awaitConnected(WAIT)) {
			HttpResponse<String> created = this.node.send(HttpRequest
				.newBuilder(this.node.uri("/todo/lists/ann/tasks"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Water the plants\"}")));

			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			JsonNode change = this.json.readTree(events.next(WAIT));
			assertThat(change.path("operation").asString()).isEqualTo("INSERT");
			assertThat(change.path("record").path("title").asString()).isEqualTo("Water the plants");
			JsonNode list = getJson("/api/todo?owner=" + URLEncoder.encode("\"ann\"", StandardCharsets.UTF_8));
			assertThat(list).hasSize(1);
			assertThat(list.get(0).path("record").path("done").asBoolean()).isFalse();
		}
		assertThat(this.node.get("/todo/").body()).contains("<title>Microlith todo</title>");
	}

	@Test
	void chatChannelDeliversAndResumes() throws Exception {
		RSocketStrategies strategies = RSocketStrategies.builder()
			.encoders(encoders -> encoders.add(new JacksonJsonEncoder()))
			.decoders(decoders -> decoders.add(new JacksonJsonDecoder()))
			.build();
		RSocketRequester requester = RSocketRequester.builder()
			.rsocketStrategies(strategies)
			.dataMimeType(MediaType.APPLICATION_JSON)
			.tcp("127.0.0.1", this.node.rsocketPort);
		try {
			Sinks.Many<Object> outbound = Sinks.many().unicast().onBackpressureBuffer();
			outbound.tryEmitNext(Map.of("author", "ann"));
			Flux<JsonNode> inbound = requester.route("chat.rooms.e2e").data(outbound.asFlux()).retrieveFlux(JsonNode.class);
			List<JsonNode> received = new ArrayList<>();
			inbound.take(3).doOnSubscribe(subscription -> List.of("one", "two", "three")
				.forEach(text -> outbound.tryEmitNext(Map.of("text", text)))).toIterable().forEach(received::add);

			assertThat(received).extracting(message -> message.path("message").path("text").asString())
				.containsExactly("one", "two", "three");

			long afterFirst = received.get(0).path("sequence").asLong();
			List<String> resumed = requester.route("chat.rooms.e2e")
				.data(Flux.just(Map.of("author", "ann", "after", afterFirst)))
				.retrieveFlux(JsonNode.class)
				.take(2)
				.map(message -> message.path("message").path("text").asString())
				.collectList()
				.block(WAIT);
			assertThat(resumed).containsExactly("two", "three");
		}
		finally {
			requester.dispose();
		}
	}

	/** Returns the count of {@code cache.gets} with the given result of a cities cache, from Actuator. */
	private double cacheGets(String cache, String result) throws IOException, InterruptedException {
		String path = "/actuator/metrics/cache.gets?tag=cache:cities." + cache + "&tag=result:" + result;
		HttpResponse<String> response = this.node.send(HttpRequest.newBuilder(this.node.uri(path))
			.header("Authorization", SampleNode.adminAuthorization()));
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return this.json.readTree(response.body()).path("measurements").get(0).path("value").asDouble();
	}

	private void clearCache(String cache) throws IOException, InterruptedException {
		HttpResponse<String> response = this.node
			.send(HttpRequest.newBuilder(this.node.uri("/ops/caches/cities/" + cache))
				.header("Authorization", SampleNode.adminAuthorization())
				.DELETE());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
	}

	private JsonNode getJson(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.node.get(path);
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/** Waits until a search finds {@code name}: the sample refolds an edited name asynchronously. */
	private void awaitSearchFinds(String query, String country, String name) throws Exception {
		Instant deadline = Instant.now().plus(WAIT);
		String path = "/cities/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&country=" + country;
		while (!names(getJson(path)).stream().anyMatch(found -> found.startsWith(name + "@"))) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Search '" + query + "' did not find '" + name + "' within " + WAIT);
			}
			Thread.sleep(100);
		}
	}

	private void awaitCitiesImported(Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (!getJson("/cities/status").path("ready").asBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Cities not imported within " + timeout + ". Log:\n" + this.node.log());
			}
			Thread.sleep(500);
		}
	}

	private Set<String> expectedSearch(String prefix, String country) {
		String folded = NameFolding.fold(prefix);
		return this.fileCities.stream()
			.filter(city -> NameFolding.fold(city.name).startsWith(folded))
			.filter(city -> country == null || city.country.equals(country))
			.map(FileCity::describe)
			.collect(Collectors.toSet());
	}

	private static Set<String> names(JsonNode cities) {
		Set<String> names = new java.util.HashSet<>();
		cities.forEach(city -> names.add(city.path("name").asString() + "@" + city.path("lat").asDouble() + ","
				+ city.path("lng").asDouble()));
		return names;
	}

	private List<Long> bruteForceNearest(double lat, double lng, int k) {
		record Candidate(long id, double distanceKm) {
		}
		return this.fileCities.stream()
			.map(city -> new Candidate(city.id, GeoGrid.distanceKm(lat, lng, city.lat, city.lng)))
			.sorted(Comparator.comparingDouble(Candidate::distanceKm).thenComparingLong(Candidate::id))
			.limit(k)
			.map(Candidate::id)
			.toList();
	}

	private FileCity city(long id) {
		return this.fileCities.get((int) id - 1);
	}

	private List<FileCity> readCitiesFile() throws IOException {
		try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/data/cities.json.gz"))) {
			JsonNode array = this.json.readTree(in);
			List<FileCity> cities = new ArrayList<>(array.size());
			long id = 0;
			for (JsonNode city : array) {
				cities.add(new FileCity(++id, city.path("name").asString(), city.path("country").asString(),
						city.path("admin1").asString(), Double.parseDouble(city.path("lat").asString()),
						Double.parseDouble(city.path("lng").asString())));
			}
			return cities;
		}
	}

	/** Returns the region names of the bundled file by code ({@code CC.XX}). */
	private Map<String, String> readRegionsFile() throws IOException {
		try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/data/admin1.json.gz"))) {
			Map<String, String> regions = new java.util.HashMap<>();
			this.json.readTree(in).forEach(region -> regions.put(region.path("code").asString(),
					region.path("name").asString()));
			return regions;
		}
	}

	/** A city as the bundled file lists it; its id is its position, counted from 1. */
	private record FileCity(long id, String name, String country, String admin1, double lat, double lng) {

		String describe() {
			return this.name + "@" + this.lat + "," + this.lng;
		}

	}

}
