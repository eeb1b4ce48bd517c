package dev.microlith.samples.cities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A spatial index of points on a grid of 1° by 1° cells, for nearest-neighbour search.
 * <p>
 * A search scans rings of cells around the query point, nearest first, and stops once
 * the closest point any unscanned ring could hold is farther than the k-th best point
 * found. Distances are great-circle distances on a sphere of radius
 * {@value #EARTH_RADIUS_KM} km. Thread-safe: points may be added, moved and removed
 * while searches run.
 */
public final class GeoGrid {

	/** Mean Earth radius used for distances, in kilometres. */
	public static final double EARTH_RADIUS_KM = 6371.0088;

	private static final double KM_PER_DEGREE = Math.PI * EARTH_RADIUS_KM / 180;

	private final Map<Long, double[]> points = new ConcurrentHashMap<>();

	private final Map<Integer, Map<Long, double[]>> cells = new ConcurrentHashMap<>();

	/** Adds the point {@code id}, or moves it to the new position. */
	public void put(long id, double lat, double lng) {
		double[] position = { lat, lng };
		double[] previous = this.points.put(id, position);
		if (previous != null) {
			cell(previous).remove(id);
		}
		cell(position).put(id, position);
	}

	/** Removes the point {@code id}, if present. */
	public void remove(long id) {
		double[] previous = this.points.remove(id);
		if (previous != null) {
			cell(previous).remove(id);
		}
	}

	/** Returns the number of points. */
	public int size() {
		return this.points.size();
	}

	/**
	 * Returns the {@code k} points nearest to ({@code lat}, {@code lng}), nearest first.
	 * Points at equal distance are ordered by id.
	 */
	public List<Neighbour> nearest(double lat, double lng, int k) {
		PriorityQueue<Neighbour> best = new PriorityQueue<>(Comparator.comparingDouble(Neighbour::distanceKm)
			.thenComparingLong(Neighbour::id)
			.reversed());
		int row = row(lat);
		int column = column(lng);
		for (int ring = 0; ring <= 180; ring++) {
			if (best.size() == k && minimumDistanceKm(lat, ring) > best.peek().distanceKm()) {
				break;
			}
			scanRing(row, column, ring, lat, lng, k, best);
		}
		List<Neighbour> result = new ArrayList<>(best);
		result.sort(Comparator.comparingDouble(Neighbour::distanceKm).thenComparingLong(Neighbour::id));
		return result;
	}

	/** Returns the great-circle distance in kilometres between two points given in degrees. */
	public static double distanceKm(double lat1, double lng1, double lat2, double lng2) {
		double phi1 = Math.toRadians(lat1);
		double phi2 = Math.toRadians(lat2);
		double dPhi = phi2 - phi1;
		double dLambda = Math.toRadians(lng2 - lng1);
		double a = Math.pow(Math.sin(dPhi / 2), 2)
				+ Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
	}

	private void scanRing(int row, int column, int ring, double lat, double lng, int k, PriorityQueue<Neighbour> best) {
		for (int r = row - ring; r <= row + ring; r++) {
			if (r < 0 || r >= 180) {
				continue;
			}
			boolean edgeRow = (r == row - ring || r == row + ring);
			int step = (edgeRow || ring == 0) ? 1 : 2 * ring;
			// At ring 180 the columns column - 180 and column + 180 are the same cell: scan it once.
			int lastColumn = (ring == 180) ? column + ring - 1 : column + ring;
			for (int c = column - ring; c <= lastColumn; c += step) {
				Map<Long, double[]> cell = this.cells.get(key(r, Math.floorMod(c, 360)));
				if (cell != null) {
					offer(cell, lat, lng, k, best);
				}
			}
		}
	}

	private static void offer(Map<Long, double[]> cell, double lat, double lng, int k, PriorityQueue<Neighbour> best) {
		for (Map.Entry<Long, double[]> entry : cell.entrySet()) {
			double[] position = entry.getValue();
			Neighbour candidate = new Neighbour(entry.getKey(), distanceKm(lat, lng, position[0], position[1]));
			if (best.size() < k) {
				best.add(candidate);
			}
			else if (best.comparator().compare(candidate, best.peek()) > 0) {
				best.poll();
				best.add(candidate);
			}
		}
	}

	/**
	 * Returns a lower bound of the distance from a point at latitude {@code lat} to any
	 * point in ring {@code ring} or beyond. Such a point is at least {@code ring - 1}
	 * degrees away in latitude, or in longitude at a latitude no higher than
	 * {@code |lat| + ring + 1}. For a longitude gap, the great-circle distance is at least
	 * 2/π of the gap's length along that parallel (because sin x ≥ 2x/π up to π/2), so the
	 * bound takes half of it.
	 */
	private static double minimumDistanceKm(double lat, int ring) {
		if (ring <= 1) {
			return 0;
		}
		double latitudeGap = (ring - 1) * KM_PER_DEGREE;
		double highestLatitude = Math.min(90, Math.abs(lat) + ring + 1);
		double longitudeGap = 0.5 * (ring - 1) * KM_PER_DEGREE * Math.cos(Math.toRadians(highestLatitude));
		return Math.min(latitudeGap, longitudeGap);
	}

	private Map<Long, double[]> cell(double[] position) {
		return this.cells.computeIfAbsent(key(row(position[0]), column(position[1])), any -> new ConcurrentHashMap<>());
	}

	private static int row(double lat) {
		return Math.min(179, Math.max(0, (int) Math.floor(lat + 90)));
	}

	private static int column(double lng) {
		return Math.floorMod((int) Math.floor(lng + 180), 360);
	}

	private static int key(int row, int column) {
		return row * 360 + column;
	}

	/**
	 * One search result.
	 * @param id the point's id
	 * @param distanceKm its distance from the query point in kilometres
	 */
	public record Neighbour(long id, double distanceKm) {
	}

}
