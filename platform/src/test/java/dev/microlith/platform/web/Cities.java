package dev.microlith.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import dev.microlith.platform.storage.KeyType;
import dev.microlith.platform.storage.TableDefinition;
import dev.microlith.platform.storage.TableService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real test data: every 57th city of the GeoNames extract shipped with the cities sample
 * (3,002 cities), keyed 1 to 3002, with numeric coordinates both at the top level and
 * nested under {@code location}.
 */
final class Cities {

	static final Path DATA = Path.of("../samples/cities/src/main/resources/data/cities.json.gz");

	private static final int STEP = 57;

	private static List<Map<String, Object>> records;

	private Cities() {
	}

	/** Returns the cities in key order; key {@code i + 1} is element {@code i}. */
	static synchronized List<Map<String, Object>> records() {
		if (records == null) {
			records = read();
		}
		return records;
	}

	/** Declares the exported table {@code name} with a {@code country} index and stores every city in it. */
	static void load(TableService tables, String name) {
		tables.declare(new TableDefinition(name, KeyType.LONG, List.of(new TableDefinition.IndexDefinition("country")),
				null, true, "cities"));
		List<Map<String, Object>> cities = records();
		tables.tables().transaction((transaction) -> {
			for (int i = 0; i < cities.size(); i++) {
				transaction.documents(name).put((long) (i + 1), cities.get(i));
			}
			return cities.size();
		}).block();
	}

	private static List<Map<String, Object>> read() {
		JsonMapper mapper = JsonMapper.builder().build();
		try (InputStream input = new GZIPInputStream(Files.newInputStream(DATA))) {
			JsonNode all = mapper.readTree(input);
			List<Map<String, Object>> cities = new ArrayList<>();
			for (int i = 0; i < all.size(); i += STEP) {
				cities.add(city(all.get(i)));
			}
			return cities;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> city(JsonNode node) {
		double lat = Double.parseDouble(node.get("lat").asString());
		double lng = Double.parseDouble(node.get("lng").asString());
		Map<String, Object> city = new LinkedHashMap<>();
		city.put("name", node.get("name").asString());
		city.put("country", node.get("country").asString());
		city.put("admin1", node.get("admin1").asString());
		city.put("lat", lat);
		city.put("lng", lng);
		city.put("location", Map.of("lat", lat, "lng", lng));
		return city;
	}

}
