package dev.microlith.platform.cache;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.microlith.platform.MicrolithApplication;
import dev.microlith.platform.testing.TestCredentials;
import dev.microlith.sdk.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node on random ports lists component caches in {@code /actuator/caches} and publishes
 * their meters, tagged with the component, in {@code /actuator/metrics} and Prometheus.
 */
@SpringBootTest(classes = MicrolithApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class CacheActuatorIntegrationTests {

	@TempDir
	static Path directory;

	@LocalServerPort
	int port;

	@Autowired
	CacheService service;

	@DynamicPropertySource
	static void nodeProperties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> "0");
		registry.add("spring.rsocket.server.port", () -> "0");
		registry.add("microlith.data-dir", () -> directory.resolve("data").toString());
		registry.add("microlith.components.dir", () -> directory.resolve("deploy").toString());
	}

	@AfterEach
	void releaseCaches() {
		this.service.release("shop");
	}

	@Test
	void cachesEndpointListsComponentCaches() {
		createPrices();

		client().get()
			.uri("/actuator/caches")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.cacheManagers.componentCacheManager.caches['shop.prices'].target")
			.exists();

		this.service.release("shop");

		client().get()
			.uri("/actuator/caches")
			.exchange()
			.expectBody()
			.jsonPath("$.cacheManagers.componentCacheManager.caches['shop.prices']")
			.doesNotExist();
	}

	@Test
	void cachesEndpointClearsCache() {
		Cache<String, Long> prices = createPrices();
		prices.put("apple", 3L);

		client().delete().uri("/actuator/caches/shop.prices").exchange().expectStatus().isNoContent();

		assertThat(prices.get("apple")).isEmpty();
	}

	@Test
	void metricsShowHitsAndMissesOfComponent() {
		Cache<String, Long> prices = createPrices();
		prices.put("apple", 3L);
		prices.get("apple");
		prices.get("apple");
		prices.get("pear");

		client().get()
			.uri("/actuator/metrics/cache.gets?tag=component:shop&tag=result:hit")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(2.0);
		client().get()
			.uri("/actuator/metrics/cache.gets?tag=component:shop&tag=result:miss")
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(1.0);
		String prometheus = client().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(prometheus).containsPattern("cache_puts_total\\{[^}]*component=\"shop\"[^}]*\\} 1\\.0");
		assertThat(prometheus).containsPattern("cache_size\\{[^}]*component=\"shop\"[^}]*\\} 1\\.0");
		assertThat(prometheus).contains("cache_evictions_total{");
	}

	private Cache<String, Long> createPrices() {
		this.service.create("shop", CacheDefinition.heap("prices", String.class, Long.class, 100),
				getClass().getClassLoader());
		return this.service.cache("shop", "prices", String.class, Long.class);
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).defaultHeader("Authorization", TestCredentials.adminBasic()).build();
	}

}
