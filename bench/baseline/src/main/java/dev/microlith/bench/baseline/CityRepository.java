package dev.microlith.bench.baseline;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The {@code city} table in PostgreSQL, read and written over R2DBC through the pooled
 * {@link DatabaseClient}. The harness creates and loads the table.
 */
class CityRepository {

	private static final String COLUMNS = "id, name, name_key, lat, lng, country, admin1, admin1_name, admin2";

	/** Haversine distance in km from the point {@code :lat, :lng}, computed by PostgreSQL. */
	private static final String DISTANCE = "6371.0088 * 2 * asin(sqrt(power(sin(radians(lat - :lat) / 2), 2)"
			+ " + cos(radians(:lat)) * cos(radians(lat)) * power(sin(radians(lng - :lng) / 2), 2)))";

	private final DatabaseClient client;

	CityRepository(DatabaseClient client) {
		this.client = client;
	}

	/** Returns the city with key {@code id}, or nothing. */
	Mono<City> find(long id) {
		return this.client.sql("SELECT " + COLUMNS + " FROM city WHERE id = :id")
			.bind("id", id)
			.map(CityRepository::city)
			.one();
	}

	/** Returns up to {@code limit} cities whose folded name starts with {@code prefix}, by folded name. */
	Flux<City> search(String prefix, String country, int limit) {
		String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		String where = (country != null) ? "country = :country AND name_key LIKE :pattern" : "name_key LIKE :pattern";
		DatabaseClient.GenericExecuteSpec spec = this.client
			.sql("SELECT " + COLUMNS + " FROM city WHERE " + where + " ORDER BY name_key LIMIT :limit")
			.bind("pattern", pattern)
			.bind("limit", limit);
		if (country != null) {
			spec = spec.bind("country", country);
		}
		return spec.map(CityRepository::city).all();
	}

	/**
	 * Returns the {@code k} cities nearest to a point within a box of {@code radiusKm} around
	 * it, nearest first; a box that crosses a pole or the antimeridian spans all longitudes.
	 * NOTE: the longitude span uses the centre's latitude, so at high latitudes a city within
	 * the radius but nearer the pole than the centre can fall outside the box.
	 */
	Flux<City.Nearby> nearestWithin(double lat, double lng, int k, double radiusKm) {
		double latSpan = radiusKm / 111.2;
		double lngSpan = radiusKm / (111.2 * Math.max(Math.cos(Math.toRadians(lat)), 1e-6));
		boolean allLongitudes = lat + latSpan >= 90 || lat - latSpan <= -90 || lng - lngSpan < -180
				|| lng + lngSpan > 180;
		String box = "lat BETWEEN :latMin AND :latMax" + (allLongitudes ? "" : " AND lng BETWEEN :lngMin AND :lngMax");
		DatabaseClient.GenericExecuteSpec spec = this.client
			.sql("SELECT " + COLUMNS + ", " + DISTANCE + " AS distance_km FROM city WHERE " + box
					+ " ORDER BY distance_km LIMIT :k")
			.bind("lat", lat)
			.bind("lng", lng)
			.bind("latMin", lat - latSpan)
			.bind("latMax", lat + latSpan)
			.bind("k", k);
		if (!allLongitudes) {
			spec = spec.bind("lngMin", lng - lngSpan).bind("lngMax", lng + lngSpan);
		}
		return spec.map((row) -> new City.Nearby(row.get("id", Long.class), row.get("distance_km", Double.class),
				city(row)))
			.all();
	}

	/** Replaces the city with key {@code id}; emits whether it existed. */
	Mono<Boolean> update(long id, City city) {
		DatabaseClient.GenericExecuteSpec spec = this.client
			.sql("UPDATE city SET name = :name, name_key = :nameKey, lat = :lat, lng = :lng, country = :country,"
					+ " admin1 = :admin1, admin1_name = :admin1Name, admin2 = :admin2 WHERE id = :id")
			.bind("id", id)
			.bind("name", city.name())
			.bind("nameKey", NameFolding.fold(city.name()))
			.bind("lat", city.lat())
			.bind("lng", city.lng())
			.bind("country", city.country())
			.bind("admin1", city.admin1())
			.bind("admin2", city.admin2());
		spec = (city.admin1Name() != null) ? spec.bind("admin1Name", city.admin1Name())
				: spec.bindNull("admin1Name", String.class);
		return spec.fetch().rowsUpdated().map((count) -> count > 0);
	}

	private static City city(Readable row) {
		return new City(row.get("name", String.class), row.get("name_key", String.class), row.get("lat", Double.class),
				row.get("lng", Double.class), row.get("country", String.class), row.get("admin1", String.class),
				row.get("admin1_name", String.class), row.get("admin2", String.class));
	}

}
