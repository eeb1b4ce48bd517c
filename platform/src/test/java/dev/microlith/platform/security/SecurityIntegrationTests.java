package dev.microlith.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import dev.microlith.platform.testing.TestCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every protected entry point, over real HTTP and RSocket connections: anonymous callers
 * get 401 or an error frame, callers without the grant 403, a read-only role reads but
 * cannot write through REST, the hub or RSocket, and tokens expire and are revoked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.rsocket.server.port=0", "spring.rsocket.server.address=127.0.0.1" })
class SecurityIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	static Path directory;

	@Autowired
	TableService tables;

	@Autowired
	SecurityStore store;

	@Autowired
	RSocketRequester.Builder requesters;

	@Value("${local.server.port}")
	int httpPort;

	@Value("${local.rsocket.server.port}")
	int rsocketPort;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<RSocketRequester> requesterList = new ArrayList<>();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry properties) {
		properties.add("microlith.data-dir", () -> directory.resolve("data").toString());
		properties.add("microlith.components.dir", () -> directory.resolve("deploy").toString());
	}

	@BeforeEach
	void usersAndTables() {
		if (this.tables.definition("books").isEmpty()) {
			this.tables.declare(new TableDefinition("books", KeyType.STRING, List.of(), null, true, "test"));
			this.tables.declare(new TableDefinition("ledger", KeyType.STRING, List.of(), null, true, "test"));
			this.tables.tables().documents("books").put("b1", Map.of("title", "Dune")).block(TIMEOUT);
			this.store.putRole(Role.fromDocument("reader", Map.of("tables", Map.of("books", List.of("read")), "topics",
					Map.of("subscribe", List.of("news/#")), "operations", List.of("monitor"))))
				.block(TIMEOUT);
			this.store.putUser("reader", "reader-password", Set.of("reader"), true).block(TIMEOUT);
			this.store.putUser("nobody", "nobody-password", Set.of(), true).block(TIMEOUT);
		}
	}

	@AfterEach
	void disconnect() {
		this.requesterList.forEach(RSocketRequester::dispose);
	}

	@ParameterizedTest
	@CsvSource({ "GET,/ops/node", "GET,/ops/components", "DELETE,/ops/components/x", "GET,/ops/tables",
			"POST,/ops/tables/backup", "GET,/ops/caches", "GET,/ops/hub", "GET,/ops/jobs/x", "GET,/ops/users",
			"PUT,/ops/users/x", "GET,/ops/roles", "GET,/ops/tokens", "GET,/ops/audit", "GET,/actuator/metrics",
			"GET,/actuator/prometheus", "GET,/actuator/caches", "DELETE,/actuator/caches", "GET,/actuator/info", "GET,/api/books", "GET,/api/books/b1",
			"PUT,/api/books/b2", "POST,/api/books", "PATCH,/api/books/b1", "DELETE,/api/books/b1",
			"POST,/api/books/import", "GET,/api/openapi.json", "POST,/hub/news/x", "GET,/auth/me",
			"POST,/auth/tokens" })
	void anonymousCallersAreAskedToAuthenticate(String method, String path) throws Exception {
		HttpResponse<String> response = send(method, path, null, "{}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).contains("Basic realm=\"microlith\", charset=\"UTF-8\"",
				"Bearer realm=\"microlith\"");
		assertThat(problem(response).path("detail").asString()).startsWith("Authentication required");
	}

	@ParameterizedTest
	@CsvSource({ "GET,/ops/users", "PUT,/ops/roles/x", "DELETE,/ops/tokens/x", "GET,/ops/audit",
			"POST,/ops/tables/backup", "DELETE,/ops/components/x", "DELETE,/ops/caches/x/y", "DELETE,/actuator/caches",
			"PUT,/api/books/b1",
			"POST,/api/books", "PATCH,/api/books/b1", "DELETE,/api/books/b1", "POST,/api/books/import",
			"GET,/api/ledger", "GET,/api/ledger/x", "POST,/hub/news/x" })
	void aReaderCannotWriteOrOperate(String method, String path) throws Exception {
		HttpResponse<String> response = send(method, path, TestCredentials.basic("reader", "reader-password"), "{}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(problem(response).path("detail").asString()).startsWith("User 'reader' may not do this");
		assertThat(this.tables.tables().documents("books").get("b1")).contains(Map.of("title", "Dune"));
	}

	@Test
	void aReaderReadsWhatTheRoleGrants() throws Exception {
		String reader = TestCredentials.basic("reader", "reader-password");

		assertThat(send("GET", "/api/books/b1", reader, null).body()).isEqualTo("{\"title\":\"Dune\"}");
		assertThat(send("GET", "/ops/node", reader, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/auth/me", reader, null).body()).isEqualTo("{\"user\":\"reader\",\"roles\":[\"reader\"]}");
		assertThat(send("GET", "/api/books/b1", TestCredentials.basic("nobody", "nobody-password"), null).statusCode())
			.isEqualTo(403);
	}

	@Test
	void healthIsOpenButDetailsAndInfoAreNot() throws Exception {
		HttpResponse<String> anonymous = send("GET", "/actuator/health", null, null);
		HttpResponse<String> admin = send("GET", "/actuator/health", TestCredentials.adminBasic(), null);

		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("diskSpace");
		assertThat(admin.body()).contains("diskSpace");
		assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/info", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/actuator/info", TestCredentials.basic("reader", "reader-password"), null).statusCode())
			.isEqualTo(200);
	}

	@Test
	void wrongOrMalformedCredentialsAreRejected() throws Exception {
		assertThat(problem(send("GET", "/auth/me", TestCredentials.basic("reader", "wrong"), null)).path("detail")
			.asString()).isEqualTo("Invalid user name or password");
		assertThat(problem(send("GET", "/auth/me", TestCredentials.basic("ghost", "reader-password"), null))
			.path("detail")
			.asString()).isEqualTo("Invalid user name or password");
		assertThat(problem(send("GET", "/auth/me", "Basic !!!", null)).path("detail").asString())
			.contains("Malformed Basic credentials");
		assertThat(problem(send("GET", "/auth/me", "Digest x", null)).path("detail").asString())
			.contains("Unsupported Authorization header");
		assertThat(send("GET", "/auth/me", "Bearer mlt_not-a-token", null).statusCode()).isEqualTo(401);
	}

	@Test
	void sseSubscriptionsNeedTheGrant() throws Exception {
		String reader = TestCredentials.basic("reader", "reader-password");

		assertThat(stream("/api/ledger", reader)).isEqualTo(403);
		assertThat(stream("/hub/tables/ledger/%23", reader)).isEqualTo(403);
		assertThat(stream("/hub/secret/x", reader)).isEqualTo(403);
		assertThat(stream("/hub/news/x", null)).isEqualTo(401);
		assertThat(stream("/api/books", reader)).isEqualTo(200);
		assertThat(stream("/hub/news/%23", reader)).isEqualTo(200);
	}

	@Test
	void tokensWorkUntilRevokedOrExpired() throws Exception {
		String reader = TestCredentials.basic("reader", "reader-password");
		JsonNode issued = this.json.readTree(send("POST", "/auth/tokens", reader, "{\"lifetime\": \"10m\"}").body());
		String bearer = "Bearer " + issued.path("token").asString();

		assertThat(send("GET", "/api/books/b1", bearer, null).statusCode()).isEqualTo(200);
		assertThat(problem(send("POST", "/auth/tokens", bearer, "{\"lifetime\": \"30d\"}")).path("detail").asString())
			.contains("A token cannot issue tokens");
		assertThat(send("GET", "/ops/tokens", TestCredentials.adminBasic(), null).body())
			.contains(issued.path("id").asString())
			.doesNotContain(issued.path("token").asString());

		assertThat(send("DELETE", "/auth/tokens/current", bearer, null).statusCode()).isEqualTo(204);
		assertThat(problem(send("GET", "/api/books/b1", bearer, null)).path("detail").asString())
			.contains("unknown or revoked token");

		JsonNode shortLived = this.json.readTree(send("POST", "/auth/tokens", reader, "{\"lifetime\": \"1s\"}").body());
		String expiring = "Bearer " + shortLived.path("token").asString();
		assertThat(send("GET", "/api/books/b1", expiring, null).statusCode()).isEqualTo(200);
		Thread.sleep(1500);
		assertThat(problem(send("GET", "/api/books/b1", expiring, null)).path("detail").asString())
			.contains("expired token");

		JsonNode revokedByAdmin = this.json.readTree(send("POST", "/auth/tokens", reader, null).body());
		assertThat(send("DELETE", "/ops/tokens/" + revokedByAdmin.path("id").asString(), TestCredentials.adminBasic(),
				null).statusCode()).isEqualTo(204);
		assertThat(send("GET", "/auth/me", "Bearer " + revokedByAdmin.path("token").asString(), null).statusCode())
			.isEqualTo(401);
	}

	@Test
	void badTokenRequestsAreRejected() throws Exception {
		String reader = TestCredentials.basic("reader", "reader-password");

		assertThat(problem(send("POST", "/auth/tokens", reader, "nope")).path("status").asInt()).isEqualTo(400);
		assertThat(problem(send("PUT", "/ops/roles/x", TestCredentials.adminBasic(), "[1]")).path("status").asInt())
			.isEqualTo(400);

		assertThat(problem(send("POST", "/auth/tokens", reader, "{\"lifetime\": \"forever\"}")).path("detail")
			.asString()).contains("lifetime");
		assertThat(problem(send("POST", "/auth/tokens", reader, "{\"lifetime\": \"365d\"}")).path("detail").asString())
			.contains("at most");
		assertThat(problem(send("POST", "/auth/tokens", reader, "{\"user\": \"admin\"}")).path("detail").asString())
			.contains("Unknown field 'user'");
		assertThat(send("DELETE", "/auth/tokens/current", reader, null).statusCode()).isEqualTo(400);
	}

	@Test
	void usersAndRolesAreManagedThroughTheOperationsApi() throws Exception {
		String admin = TestCredentials.adminBasic();

		assertThat(send("PUT", "/ops/roles/editor", admin, "{\"tables\": {\"books\": [\"read\", \"update\", \"insert\"]}}")
			.statusCode()).isEqualTo(201);
		assertThat(send("PUT", "/ops/users/erin", admin, "{\"password\": \"erin-password\", \"roles\": [\"editor\"]}")
			.statusCode()).isEqualTo(201);
		String erin = TestCredentials.basic("erin", "erin-password");
		assertThat(send("PUT", "/api/books/b9", erin, "{\"title\": \"Emma\"}").statusCode()).isEqualTo(201);
		assertThat(send("DELETE", "/api/books/b9", erin, null).statusCode()).isEqualTo(403);

		assertThat(problem(send("PUT", "/ops/roles/bad", admin, "{\"tables\": {\"books\": [\"write\"]}}")).path("detail")
			.asString()).contains("Invalid value 'write' in role 'bad', field 'tables.books'");
		assertThat(problem(send("PUT", "/ops/users/x", admin, "{\"password\": \"short\"}")).path("detail").asString())
			.contains("at least 8 characters");
		assertThat(problem(send("PUT", "/ops/users/x", admin, "{\"password\": \"long-enough\", \"roles\": [\"ghost\"]}"))
			.path("detail")
			.asString()).contains("Unknown role 'ghost'");
		assertThat(problem(send("PUT", "/ops/roles/admin", admin, "{}")).path("detail").asString()).contains("built in");
		assertThat(problem(send("DELETE", "/ops/roles/editor", admin, null)).path("detail").asString())
			.contains("held by [erin]");
		assertThat(problem(send("DELETE", "/ops/users/admin", admin, null)).path("detail").asString())
			.contains("last user with role 'admin'");
		assertThat(send("GET", "/ops/users/ghost", admin, null).statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/ops/tokens/no-such-id", admin, null).statusCode()).isEqualTo(404);
		assertThat(problem(send("GET", "/ops/audit?limit=0", admin, null)).path("detail").asString())
			.contains("Invalid parameter 'limit' '0': expected 1 to 1000");
		assertThat(problem(send("GET", "/ops/audit?limit=many", admin, null)).path("detail").asString())
			.contains("Invalid parameter 'limit' 'many'");
		assertThat(send("GET", "/ops/users", admin, null).body()).contains("\"erin\"").doesNotContain("passwordHash");

		assertThat(send("DELETE", "/ops/users/erin", admin, null).statusCode()).isEqualTo(204);
		assertThat(send("GET", "/auth/me", erin, null).statusCode()).isEqualTo(401);
		// The audit record of a request is written after its response, so it may arrive a moment later.
		Awaitility.await()
			.atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(send("GET", "/ops/audit?limit=50", admin, null).body())
				.contains("DELETE /ops/users/erin -> 204", "\"event\":\"access-denied\""));
	}

	@Test
	void rsocketAnonymousConnectionsGetErrorFrames() {
		RSocketRequester anonymous = connect(this.requesters);

		assertThatThrownBy(() -> anonymous.route("hub.publish.news/x").data(Map.of()).retrieveMono(Map.class)
			.block(TIMEOUT)).hasMessageContaining("Authentication required");
		assertThatThrownBy(() -> anonymous.route("tables.books.get").data("\"b1\"").retrieveMono(Map.class)
			.block(TIMEOUT)).hasMessageContaining("'read' on table 'books'");
	}

	@Test
	void rsocketWrongPasswordIsARejectedSetup() {
		RSocketRequester wrong = connect(this.requesters
			.setupMetadata(TestCredentials.simpleAuthentication("reader", "wrong-password"), TestCredentials.AUTHENTICATION));

		assertThatThrownBy(() -> wrong.route("tables.books.get").data("\"b1\"").retrieveMono(Map.class).block(TIMEOUT))
			.hasMessageContaining("Invalid user name or password");
	}

	@Test
	void rsocketReaderReadsButCannotPublish() {
		RSocketRequester reader = connect(this.requesters
			.setupMetadata(TestCredentials.simpleAuthentication("reader", "reader-password"), TestCredentials.AUTHENTICATION));

		Map<?, ?> book = reader.route("tables.books.get").data("\"b1\"").retrieveMono(Map.class).block(TIMEOUT);
		assertThat(book.get("record")).isEqualTo(Map.of("title", "Dune"));
		assertThatThrownBy(() -> reader.route("hub.publish.news/x").data(Map.of("a", 1)).retrieveMono(Map.class)
			.block(TIMEOUT)).hasMessageContaining("User 'reader' may not do this")
			.hasMessageContaining("'publish' on topic 'news/x'");
		assertThatThrownBy(() -> reader.route("tables.ledger.changes").data("{}").retrieveFlux(Map.class)
			.blockFirst(TIMEOUT)).hasMessageContaining("'read' on table 'ledger'");
		Flux<Map> news = reader.route("hub.subscribe.news/#").data("{}").retrieveFlux(Map.class);
		assertThat(news.take(Duration.ofMillis(500)).collectList().block(TIMEOUT)).isEmpty();
	}

	@Test
	void rsocketBearerTokenAuthenticates() throws Exception {
		JsonNode issued = this.json
			.readTree(send("POST", "/auth/tokens", TestCredentials.basic("reader", "reader-password"), null).body());
		RSocketRequester withToken = connect(this.requesters
			.setupMetadata(TestCredentials.bearerAuthentication(issued.path("token").asString()), TestCredentials.AUTHENTICATION));

		assertThat(withToken.route("tables.books.get").data("\"b1\"").retrieveMono(Map.class).block(TIMEOUT))
			.containsKey("record");
	}

	private RSocketRequester connect(RSocketRequester.Builder builder) {
		RSocketRequester requester = builder.dataMimeType(MediaType.APPLICATION_JSON).tcp("127.0.0.1", this.rsocketPort);
		this.requesterList.add(requester);
		return requester;
	}

	private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
			.timeout(TIMEOUT)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Opens an SSE stream and returns its status without reading the never-ending body. */
	private int stream(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
			.timeout(TIMEOUT)
			.header("Accept", "text/event-stream");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<java.io.InputStream> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		response.body().close();
		return response.statusCode();
	}

	private JsonNode problem(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		return this.json.readTree(response.body());
	}

}
