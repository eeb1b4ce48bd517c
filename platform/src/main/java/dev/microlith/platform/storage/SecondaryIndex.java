package dev.microlith.platform.storage;

import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * A sorted in-memory index of one field: entries of (value, key) for every scalar value at
 * the field's path, each list element included.
 * <p>
 * Readers may run while the writer updates it. A reader can see an entry whose record
 * has changed since, so every query re-checks its condition on the record itself.
 */
final class SecondaryIndex {

	private static final Comparator<Entry> ORDER = SecondaryIndex::compareEntries;

	private final String field;

	private final String[] path;

	private final NavigableSet<Entry> entries = new ConcurrentSkipListSet<>(ORDER);

	SecondaryIndex(String field) {
		this.field = field;
		this.path = JsonValues.path(field);
	}

	String field() {
		return this.field;
	}

	int size() {
		return this.entries.size();
	}

	void add(Object key, JsonNode document) {
		for (Object value : JsonValues.values(document, this.path)) {
			this.entries.add(new Entry(value, key, 0));
		}
	}

	/**
	 * Replaces the entries of {@code key} for {@code old} by those for {@code current}; either
	 * may be {@code null}. New entries are added first, so a concurrent query never misses
	 * a value both documents share.
	 */
	void update(Object key, JsonNode old, JsonNode current) {
		List<Object> currentValues = (current != null) ? JsonValues.values(current, this.path) : List.of();
		for (Object value : currentValues) {
			this.entries.add(new Entry(value, key, 0));
		}
		if (old == null) {
			return;
		}
		for (Object value : JsonValues.values(old, this.path)) {
			if (currentValues.stream().noneMatch((kept) -> JsonValues.compare(kept, value) == 0)) {
				this.entries.remove(new Entry(value, key, 0));
			}
		}
	}

	/** Returns the keys of entries equal to {@code value}, which must be normalised. */
	Stream<Object> equal(Object value) {
		return range(value, true, value, true);
	}

	/**
	 * Returns the keys of entries between the bounds; a {@code null} bound is open and stays
	 * within the kind of the other bound.
	 */
	Stream<Object> range(Object low, boolean lowInclusive, Object high, boolean highInclusive) {
		Object kindOf = (low != null) ? low : high;
		Entry from = (low != null) ? new Entry(low, null, lowInclusive ? -1 : 1) : kindStart(kindOf);
		Entry to = (high != null) ? new Entry(high, null, highInclusive ? 1 : -1) : kindEnd(kindOf);
		if (ORDER.compare(from, to) > 0) {
			return Stream.empty();
		}
		return this.entries.subSet(from, true, to, true).stream().map(Entry::key);
	}

	/** Returns the keys of string entries that start with {@code prefix}. */
	Stream<Object> prefix(String prefix) {
		return this.entries.tailSet(new Entry(prefix, null, -1), true)
			.stream()
			.takeWhile((entry) -> entry.value instanceof String text && text.startsWith(prefix))
			.map(Entry::key);
	}

	private static Entry kindStart(Object kindOf) {
		return new Entry(new KindBound(JsonValues.rank(kindOf), -1), null, -1);
	}

	private static Entry kindEnd(Object kindOf) {
		return new Entry(new KindBound(JsonValues.rank(kindOf), 1), null, 1);
	}

	private static int compareEntries(Entry a, Entry b) {
		int byValue = compareValues(a.value, b.value);
		if (byValue != 0) {
			return byValue;
		}
		if (a.key == null || b.key == null) {
			return Integer.compare(a.bound, b.bound);
		}
		return compareKeys(a.key, b.key);
	}

	private static int compareValues(Object a, Object b) {
		if (a instanceof KindBound bound) {
			return (b instanceof KindBound other) ? bound.compareTo(other) : bound.compareTo(b);
		}
		if (b instanceof KindBound bound) {
			return -bound.compareTo(a);
		}
		return JsonValues.compare(a, b);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static int compareKeys(Object a, Object b) {
		return ((Comparable) a).compareTo(b);
	}

	/**
	 * An index entry, or a search bound when {@code key} is {@code null}: {@code bound} -1
	 * sorts before every entry of its value and 1 after them.
	 */
	private record Entry(Object value, Object key, int bound) {
	}

	/** A value that sorts before (-1) or after (1) every value of one kind. */
	private record KindBound(int rank, int side) {

		int compareTo(Object value) {
			int byRank = Integer.compare(this.rank, JsonValues.rank(value));
			return (byRank != 0) ? byRank : this.side;
		}

		int compareTo(KindBound other) {
			int byRank = Integer.compare(this.rank, other.rank);
			return (byRank != 0) ? byRank : Integer.compare(this.side, other.side);
		}

	}

}
